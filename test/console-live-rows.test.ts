// How the console's task list merges a change from taskEvents into the rows it shows
// (console/src/tasks/live-rows.ts): pure functions, so checked here directly. The list live in a
// browser: console-browser.test.ts.
import { describe, expect, it } from 'vitest';
import { mergeChange, stepTree, type ListFilter, type Row } from '../console/src/tasks/live-rows.js';
import type { ConsoleTaskRowFragment } from '../console/src/generated/graphql.js';

const anyFilter: ListFilter = { status: '', kind: '', filename: '' };
const at = (second: number) => new Date(Date.UTC(2026, 11, 4, 12, 0, second)).toISOString();

function task(id: string, created: number, fields: Partial<ConsoleTaskRowFragment> = {}): ConsoleTaskRowFragment {
  return {
    id, kind: 'IMAGE', status: 'PROCESSING', progress: 10, estimatedTime: null, url: null, stepRef: null, parent: null, dependsOn: null,
    input: { filename: `${id}.png`, duration: null, width: null, height: null }, error: null,
    createdAt: at(created), startedAt: at(created), finishedAt: null, updatedAt: at(created), ...fields,
  };
}
const row = (value: ConsoleTaskRowFragment, children: ConsoleTaskRowFragment[] = []): Row => ({ ...value, children });
const page = () => [row(task('t3', 30)), row(task('t2', 20)), row(task('t1', 10))];

describe('the task list\'s live rows', () => {
  it('updates a row it shows, the later updatedAt winning over an older change', () => {
    const rows = page();
    const done = mergeChange(rows, task('t2', 20, { status: 'SUCCEEDED', progress: 100, updatedAt: at(40) }), { firstPage: true, filter: anyFilter });
    expect(done.added).toBe(false);
    expect(done.rows.map((each) => each.status)).toEqual(['PROCESSING', 'SUCCEEDED', 'PROCESSING']);
    const stale = mergeChange(done.rows, task('t2', 20, { status: 'PROCESSING', updatedAt: at(35) }), { firstPage: true, filter: anyFilter });
    expect(stale.rows[1].status).toBe('SUCCEEDED');
  });

  it('puts a new task on top of the first page, growing it, and only when it passes the filter', () => {
    const added = mergeChange(page(), task('t4', 40), { firstPage: true, filter: anyFilter });
    expect(added.added).toBe(true);
    expect(added.rows.map((each) => each.id)).toEqual(['t4', 't3', 't2', 't1']);
    expect(mergeChange(page(), task('t4', 40), { firstPage: false, filter: anyFilter }).added).toBe(false);
    expect(mergeChange(page(), task('t4', 40), { firstPage: true, filter: { ...anyFilter, status: 'FAILED' } }).added).toBe(false);
  });

  it('leaves a change of an older task not on the page where it is (on a later page), not on top', () => {
    const older = mergeChange(page(), task('t0', 5, { progress: 50 }), { firstPage: true, filter: anyFilter });
    expect(older).toEqual({ rows: page(), added: false });
  });

  it('puts a workflow step\'s change in its workflow\'s tree, and lists steps as rows only with a kind chosen', () => {
    const workflow = row(task('w', 30, { kind: 'WORKFLOW' }));
    const step = task('s', 31, { kind: 'SPEECH', parent: { id: 'w' } });
    const merged = mergeChange([workflow], step, { firstPage: true, filter: anyFilter });
    expect(merged.rows[0].children.map((child) => child.id)).toEqual(['s']);
    expect(merged.added).toBe(false);
    const orphan = task('s2', 40, { kind: 'SPEECH', parent: { id: 'elsewhere' } });
    expect(mergeChange([workflow], orphan, { firstPage: true, filter: anyFilter }).rows).toHaveLength(1);
    const asRow = mergeChange([], orphan, { firstPage: true, filter: { ...anyFilter, kind: 'SPEECH' } });
    expect(asRow.added).toBe(true);
    expect(asRow.rows.map((each) => each.id)).toEqual(['s2']);
  });

  it('orders a workflow\'s steps after the step each depends on, indented by depth', () => {
    const speech = task('speech', 1, { kind: 'SPEECH' });
    const subtitles = task('subtitles', 3, { kind: 'SUBTITLES', dependsOn: { id: 'speech' } });
    const hls = task('hls', 2, { kind: 'ADAPTIVE_VIDEO' });
    expect(stepTree([subtitles, hls, speech]).map(({ step, depth }) => `${step.id}:${depth}`)).toEqual(['speech:0', 'subtitles:1', 'hls:0']);
  });
});
