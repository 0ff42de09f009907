// The task list: top-level tasks newest first, filtered and paged through Query.tasks, kept live
// by the console's taskEvents feed (no polling); a workflow shows its steps as a tree.
import { useCallback, useEffect, useId, useRef, useState, type CSSProperties } from 'react';
import { useConnection } from '../api/connection.js';
import { ConsoleTasksDocument, type ConsoleTaskRowFragment, type TaskKind, type TaskStatus } from '../generated/graphql.js';
import { hrefOf, replaceHash } from '../router.js';
import { describeError, elapsed, formatDateTime, formatDuration, inputName, kindLabel } from '../ui/format.js';
import { ProgressBar } from '../ui/progress-bar.js';
import { isTerminal, lifecycle, StatusBadge } from '../ui/status-badge.js';
import { useNow } from '../ui/use-now.js';
import { mergeChange, stepsListed, stepTree, type ListFilter, type Row } from './live-rows.js';

const pageSize = 20;

/** The list's filters and page as the address keeps them: ?status=&kind=&file=&pages=<cursor>,… */
function fromQuery(query: URLSearchParams): { filter: ListFilter; cursors: Array<string | null> } {
  const status = query.get('status') ?? '';
  const kind = query.get('kind') ?? '';
  return {
    filter: {
      status: (lifecycle as readonly string[]).includes(status) ? status as TaskStatus : '',
      kind: kind as TaskKind | '',
      filename: query.get('file') ?? '',
    },
    cursors: [null, ...(query.get('pages')?.split(',').filter(Boolean) ?? [])],
  };
}

function toQuery(filter: ListFilter, cursors: Array<string | null>): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.status) query.set('status', filter.status);
  if (filter.kind) query.set('kind', filter.kind);
  if (filter.filename) query.set('file', filter.filename);
  const pages = cursors.filter((cursor): cursor is string => cursor !== null);
  if (pages.length > 0) query.set('pages', pages.join(','));
  return query;
}

export function TaskList({ query }: { query: URLSearchParams }) {
  const { client, kinds, feed } = useConnection();
  const [initial] = useState(() => fromQuery(query));
  const [filter, setFilter] = useState<ListFilter>(initial.filter);
  const [filenameDraft, setFilenameDraft] = useState(initial.filter.filename);
  // Cursors of the pages before this one; the last is this page's `after`.
  const [cursors, setCursors] = useState<Array<string | null>>(initial.cursors);
  const [{ rows, totalCount }, setListed] = useState<{ rows: Row[] | null; totalCount: number }>({ rows: null, totalCount: 0 });
  // Changes that arrive while a page is read, applied on top of it (the read may be older).
  const arrivedWhileReading = useRef<ConsoleTaskRowFragment[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const after = cursors[cursors.length - 1];
  const firstPage = after === null;
  const view = useRef({ filter, firstPage });
  view.current = { filter, firstPage };
  const ids = useId();

  // The filename box filters as you type, a moment after the last key.
  useEffect(() => {
    const timer = setTimeout(() => {
      const filename = filenameDraft.trim();
      if (filename === view.current.filter.filename) return;
      setFilter({ ...view.current.filter, filename });
      setCursors([null]);
    }, 250);
    return () => clearTimeout(timer);
  }, [filenameDraft]);

  useEffect(() => replaceHash(hrefOf.tasks(toQuery(filter, cursors))), [filter, cursors]);

  useEffect(() => {
    const controller = new AbortController();
    const variables = {
      first: pageSize,
      after,
      filter: {
        // A kind finds workflow steps of that kind too; otherwise steps show in their workflow's tree.
        ...(!stepsListed(filter) && { topLevel: true }),
        ...(filter.status && { status: [filter.status] }),
        ...(filter.kind && { kind: [filter.kind] }),
        ...(filter.filename && { filename: filter.filename }),
      },
    };
    arrivedWhileReading.current = [];
    client.request(ConsoleTasksDocument, variables, controller.signal).then(({ tasks }) => {
      let listed = { rows: tasks.edges.map((edge): Row => edge.node), totalCount: tasks.totalCount };
      for (const change of arrivedWhileReading.current ?? []) listed = withChange(listed, change, view.current);
      arrivedWhileReading.current = null;
      setListed(listed);
      setNext(tasks.pageInfo.hasNextPage ? tasks.pageInfo.endCursor ?? null : null);
      setError(null);
    }, (failure: unknown) => {
      if (controller.signal.aborted) return;
      arrivedWhileReading.current = null;
      setError(describeError(failure));
    });
    return () => controller.abort();
  }, [client, filter, after, reload]);

  const onChange = useCallback((change: ConsoleTaskRowFragment) => {
    if (arrivedWhileReading.current) arrivedWhileReading.current.push(change);
    else setListed((current) => withChange(current, change, view.current));
  }, []);
  useEffect(() => feed.onChange(onChange), [feed, onChange]);
  useEffect(() => feed.onResume(() => setReload((n) => n + 1)), [feed]);

  const running = rows?.some((row) => !isTerminal(row.status)) ?? false;
  const now = useNow(running);
  const start = (cursors.length - 1) * pageSize;

  return (
    <section aria-labelledby={`${ids}-title`}>
      <div className="title-row">
        <h1 id={`${ids}-title`}>Tasks</h1>
        <a className="button primary" href={hrefOf.new()}>New task</a>
      </div>
      <form className="filters" role="search" aria-label="Filter tasks" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={`${ids}-status`}>Status</label>
          <select id={`${ids}-status`} value={filter.status} onChange={(event) => { setFilter({ ...filter, status: event.target.value as TaskStatus | '' }); setCursors([null]); }}>
            <option value="">Any status</option>
            {lifecycle.map((status) => <option key={status} value={status}>{status.toLowerCase()}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-kind`}>Kind</label>
          <select id={`${ids}-kind`} value={filter.kind} onChange={(event) => { setFilter({ ...filter, kind: event.target.value as TaskKind | '' }); setCursors([null]); }}>
            <option value="">Any kind</option>
            {kinds.map((info) => <option key={info.kind} value={info.kind}>{kindLabel(info.kind)}</option>)}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={`${ids}-filename`}>File name</label>
          <input id={`${ids}-filename`} type="search" value={filenameDraft} placeholder="Part of the input's file name" onChange={(event) => setFilenameDraft(event.target.value)} />
        </div>
      </form>
      {error && <p role="alert" className="error">Could not list tasks: {error}</p>}
      {rows === null && !error && <p aria-busy="true">Loading…</p>}
      {rows && rows.length === 0 && (
        <div className="empty card">
          <p>{filter.status || filter.kind || filter.filename ? 'No task matches these filters.' : 'No tasks yet.'}</p>
          <a className="button primary" href={hrefOf.new()}>Create one</a>
        </div>
      )}
      {rows && rows.length > 0 && (
        <>
          {/* Column names for the eye; a screen reader reads each row's cells in this order. */}
          <div className="task-line task-head" aria-hidden="true">
            <span>Status</span><span>Input</span><span>Kind</span><span>Progress</span><span>Took</span><span>Created</span>
          </div>
          <ul className="task-rows" aria-label="Tasks">
            {rows.map((row) => <TaskRow key={row.id} row={row} now={now} />)}
          </ul>
          <nav className="pager" aria-label="Pages">
            <button type="button" disabled={firstPage} onClick={() => setCursors(cursors.slice(0, -1))}>Newer</button>
            <span>{start + 1}–{start + rows.length} of {totalCount}</span>
            <button type="button" disabled={!next} onClick={() => next && setCursors([...cursors, next])}>Older</button>
          </nav>
        </>
      )}
    </section>
  );
}

function withChange<Listed extends { rows: Row[] | null; totalCount: number }>(listed: Listed, change: ConsoleTaskRowFragment, view: { filter: ListFilter; firstPage: boolean }): Listed {
  if (!listed.rows) return listed;
  const merged = mergeChange(listed.rows, change, view);
  return { ...listed, rows: merged.rows, totalCount: listed.totalCount + (merged.added ? 1 : 0) };
}

function TaskRow({ row, now }: { row: Row; now: number }) {
  const steps = stepTree(row.children);
  return (
    <li className="task-row" data-task-id={row.id}>
      <TaskLine task={row} now={now} />
      {steps.length > 0 && (
        <ul className="steps" aria-label={`Steps of ${inputName(row)}`}>
          {steps.map(({ step, depth }) => (
            <li key={step.id} className="step" style={{ '--depth': depth } as CSSProperties} data-task-id={step.id}>
              <TaskLine task={step} now={now} step />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function TaskLine({ task, now, step = false }: { task: ConsoleTaskRowFragment; now: number; step?: boolean }) {
  const name = step ? (task.stepRef ?? kindLabel(task.kind)) : inputName(task);
  const took = elapsed(task.startedAt, task.finishedAt, now);
  return (
    <div className="task-line">
      <StatusBadge status={task.status} />
      <a className="task-name" href={hrefOf.task(task.id)}>{name}</a>
      <span className="kind">{kindLabel(task.kind)}</span>
      <span className="task-progress">
        {!isTerminal(task.status) && <ProgressBar value={task.status === 'PROCESSING' || task.status === 'FINISHING' ? task.progress : null} label={`Progress of ${name}`} />}
        {task.status === 'FAILED' && task.error && <span className="error-code">{task.error.code}</span>}
      </span>
      <span className="duration" title="Processing time">{took == null ? '' : formatDuration(took)}</span>
      {!step && <time className="created" dateTime={task.createdAt}>{formatDateTime(task.createdAt)}</time>}
    </div>
  );
}
