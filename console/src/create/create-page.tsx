// The create screen (#/new): files dropped or chosen and URLs pasted, a kind (or a recipe, which
// makes a workflow), the kind's options as a form generated from its JSON Schema; then one task
// per input. One task made opens its page, several open the list; what failed stays on screen,
// next to its field or in the summary, with the others' results.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { TaskKind, TaskOptions } from '@mediatasks/client';
import { useConnection } from '../api/connection.js';
import { hrefOf, navigate } from '../router.js';
import { kindLabel } from '../ui/format.js';
import { DropZone, type ChosenFile } from './drop-zone.js';
import { ErrorSummary, type Problem } from './error-summary.js';
import { KindPicker, RecipeSteps } from './kind-picker.js';
import { fieldId, OptionsForm } from './options-form.js';
import { availableRecipes, recipeOf } from './recipes.js';
import { fieldsOf, initialDraft, optionsKey, readDraft, type Draft, type OptionField } from './schema-fields.js';
import { sendAll, sendInput, sendErrorOf, type QueueItem, type SendError, type SendState, type TaskRequest } from './upload-queue.js';
import { parseUrlLines, withoutUrls } from './url-list.js';
import { UrlsField, type UrlResult } from './urls-field.js';
import './create.css';

const urlItemPrefix = 'url:';

export function CreatePage() {
  const { client, kinds } = useConnection();
  const ids = useId();
  const filesId = `${ids}-files`;
  const urlsId = `${ids}-urls`;
  const kindId = `${ids}-kind`;
  const optionsPrefix = `${ids}-option`;

  const plainKinds = useMemo(() => kinds.filter((info) => info.kind !== 'WORKFLOW'), [kinds]);
  const recipes = useMemo(() => availableRecipes(kinds.filter((info) => !info.unavailable).map((info) => info.kind)), [kinds]);
  const [choice, setChoice] = useState<string>(() => plainKinds[0]?.kind ?? '');
  const recipe = recipeOf(choice);
  const kindInfo = recipe ? undefined : plainKinds.find((info) => info.kind === choice);
  const fields = useMemo(() => fieldsOf(kindInfo?.optionsSchema), [kindInfo]);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const draft = drafts[choice] ?? initialDraft(fields);

  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [urlText, setUrlText] = useState('');
  const [urlResults, setUrlResults] = useState<UrlResult[]>([]);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [kindError, setKindError] = useState<string | undefined>();
  const [summary, setSummary] = useState<{ title: string; problems: Problem[]; shown: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const controllers = useRef(new Map<string, AbortController>());
  const summaryRef = useRef<HTMLDivElement>(null);
  const nextFileId = useRef(0);

  // Leaving the screen ends the uploads in progress and starts no more (nothing would show their outcome).
  const left = useRef(false);
  useEffect(() => () => {
    left.current = true;
    controllers.current.forEach((controller) => controller.abort());
  }, []);
  useEffect(() => {
    if (summary) summaryRef.current?.focus();
  }, [summary]);

  const pendingFiles = files.filter((chosen) => chosen.state.phase !== 'created');
  const urlCount = urlText.split(/\r?\n/).filter((line) => line.trim()).length;
  const count = pendingFiles.length + urlCount;

  const setItemState = (id: string, state: SendState) => {
    if (id.startsWith(urlItemPrefix)) {
      const url = id.slice(urlItemPrefix.length);
      setUrlResults((current) => current.map((result) => (result.url === url ? { url, state } : result)));
    } else {
      setFiles((current) => current.map((chosen) => (chosen.id === id ? { ...chosen, state } : chosen)));
    }
  };

  const chooseKind = (value: string) => {
    setChoice(value);
    setFieldErrors({});
    setKindError(undefined);
  };
  const changeOption = (name: string, value: string | boolean) => {
    setDrafts((current) => ({ ...current, [choice]: { ...draft, [name]: value } }));
    setFieldErrors(({ [name]: _fixed, ...rest }) => rest);
  };
  const resetOptions = () => {
    setDrafts(({ [choice]: _dropped, ...rest }) => rest);
    setFieldErrors({});
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const lines = parseUrlLines(urlText);
    const read = recipe ? { options: {}, errors: {} } : readDraft(fields, draft);
    const problems: Problem[] = [];
    if (lines.error) problems.push({ text: `URLs: ${lines.error}`, target: urlsId });
    for (const [name, message] of Object.entries(read.errors)) problems.push({ text: `${labelOf(fields, name)}: ${message}`, target: fieldId(optionsPrefix, name) });
    if (!lines.error && pendingFiles.length + lines.urls.length === 0) problems.push({ text: 'Add a file or a URL first.', target: filesId });
    if (!recipe && !kindInfo) problems.push({ text: 'Choose a kind.', target: kindId });
    if (!recipe && kindInfo?.unavailable) problems.push({ text: `Kind: not available on this server: ${kindInfo.unavailable}`, target: kindId });
    setUrlError(lines.error);
    setFieldErrors(read.errors);
    setKindError(undefined);
    if (problems.length) {
      setSummary({ title: 'Nothing was sent yet', problems, shown: Date.now() });
      return;
    }
    setSummary(null);

    const request = taskRequest(choice, read.options);
    const items: QueueItem[] = [
      ...pendingFiles.map((chosen) => ({ id: chosen.id, source: { file: chosen.file } })),
      ...lines.urls.map((url) => ({ id: `${urlItemPrefix}${url}`, source: { url } })),
    ];
    const names = new Map(items.map((item) => [item.id, 'file' in item.source ? item.source.file.name : item.source.url]));
    const createdBefore = [
      ...files.flatMap((chosen) => (chosen.state.phase === 'created' ? [chosen.state.taskId] : [])),
      ...urlResults.flatMap((result) => (result.state.phase === 'created' ? [result.state.taskId] : [])),
    ];
    setUrlResults((current) => [
      ...current.filter((result) => result.state.phase === 'created' && !lines.urls.includes(result.url)),
      ...lines.urls.map((url) => ({ url, state: { phase: 'ready' } as const })),
    ]);
    setBusy(true);
    const outcomes = new Map<string, SendState>();
    await sendAll(items, () => left.current, async (item) => {
      const controller = new AbortController();
      controllers.current.set(item.id, controller);
      let outcome: SendState;
      try {
        outcome = { phase: 'created', taskId: await sendInput(client, item.source, request, (state) => setItemState(item.id, state), controller.signal) };
      } catch (error) {
        outcome = controller.signal.aborted ? { phase: 'cancelled' } : { phase: 'failed', error: sendErrorOf(error) };
      } finally {
        controllers.current.delete(item.id);
      }
      setItemState(item.id, outcome);
      outcomes.set(item.id, outcome);
      return outcome;
    });
    setBusy(false);

    const created = [...outcomes.values()].flatMap((outcome) => (outcome.phase === 'created' ? [outcome.taskId] : []));
    const sentUrls = new Set(lines.urls.filter((url) => outcomes.get(`${urlItemPrefix}${url}`)?.phase === 'created'));
    if (sentUrls.size) setUrlText((text) => withoutUrls(text, sentUrls));
    if (created.length === items.length) {
      const all = [...createdBefore, ...created];
      navigate(all.length === 1 ? hrefOf.task(all[0]) : hrefOf.tasks());
      return;
    }
    const placed = placeErrors([...outcomes.entries()], names, fields, optionsKey(request.kind));
    setFieldErrors(placed.fieldErrors);
    setKindError(placed.kindError);
    const unsent = items.length - outcomes.size;
    if (unsent > 0) placed.problems.push({ text: `${unsent} more ${unsent === 1 ? 'input was' : 'inputs were'} not sent: fix the options and press Create again.` });
    const cancelled = [...outcomes.values()].filter((outcome) => outcome.phase === 'cancelled').length;
    if (cancelled > 0) placed.problems.push({ text: `${cancelled} ${cancelled === 1 ? 'upload was' : 'uploads were'} cancelled; Create sends ${cancelled === 1 ? 'it' : 'them'} again, Remove drops ${cancelled === 1 ? 'it' : 'them'}.` });
    const title = created.length ? `${created.length} of ${items.length} tasks created; the others were not` : items.length === 1 ? 'The task was not created' : 'No task was created';
    setSummary({ title, problems: placed.problems.map((problem) => ({ ...problem, target: problem.target && targetId(problem.target) })), shown: Date.now() });
  }

  /** placeErrors names its targets abstractly (a field name, "kind", "urls"); here they become ids. */
  function targetId(target: string): string {
    if (target === 'kind') return kindId;
    if (target === 'urls') return urlsId;
    if (target === 'files') return filesId;
    return fieldId(optionsPrefix, target);
  }

  const removeFile = (id: string) => setFiles((current) => current.filter((chosen) => chosen.id !== id));
  const addFiles = (added: File[]) => setFiles((current) => [
    ...current,
    ...added.map((file) => ({ id: `file-${nextFileId.current++}`, file, state: { phase: 'ready' } as const })),
  ]);
  const cancel = (id: string) => controllers.current.get(id)?.abort();

  return (
    <section className="create-page" aria-labelledby={`${ids}-title`}>
      <h1 id={`${ids}-title`}>New task</h1>
      <form className="create-form" noValidate onSubmit={submit} aria-busy={busy || undefined}>
        {summary && <ErrorSummary ref={summaryRef} title={summary.title} problems={summary.problems} />}
        <div className="create-columns">
          <fieldset className="inputs card">
            <legend>Input</legend>
            <DropZone id={filesId} files={files} busy={busy} onAdd={addFiles} onRemove={removeFile} onCancel={cancel} />
            <UrlsField id={urlsId} value={urlText} error={urlError} results={urlResults}
              onChange={(text) => { setUrlText(text); setUrlError(null); }} onCancel={(url) => cancel(`${urlItemPrefix}${url}`)} />
          </fieldset>
          <div className="what">
            <KindPicker id={kindId} kinds={plainKinds} recipes={recipes} value={choice} error={kindError} onChange={chooseKind} />
            {recipe && <RecipeSteps recipe={recipe} />}
            {kindInfo && (
              <OptionsForm legend={`Options for ${kindLabel(kindInfo.kind)}`} fields={fields} draft={draft} errors={fieldErrors} idPrefix={optionsPrefix}
                onChange={changeOption} onReset={resetOptions} />
            )}
          </div>
        </div>
        <div className="submit-row">
          <button type="submit" className="primary" aria-disabled={busy || undefined}>{count > 1 ? `Create ${count} tasks` : 'Create task'}</button>
          <span className="hint" role="status">{busy ? `Sending ${count === 1 ? 'the input' : `${count} inputs`}…` : count === 0 ? 'Add a file or a URL.' : ''}</span>
        </div>
      </form>
    </section>
  );
}

function taskRequest(choice: string, options: Record<string, unknown>): TaskRequest {
  const recipe = recipeOf(choice);
  if (recipe) return { kind: 'WORKFLOW', options: { workflow: { steps: recipe.steps } } };
  const kind = choice as TaskKind;
  // Nothing changed: no options at all, so every default is the server's.
  if (Object.keys(options).length === 0) return { kind };
  // The form is built from the schema at run time, so its shape is checked by the server, not here.
  return { kind, options: { [optionsKey(kind)]: options } as unknown as TaskOptions };
}

function labelOf(fields: OptionField[], name: string): string {
  return fields.find((field) => field.name === name)?.label ?? name;
}

/**
 * Where each failure is shown: an option the server refused beside its field (once, however many
 * inputs it refused), the kind beside the Kind list, the rest in the summary under the input's name.
 */
function placeErrors(outcomes: Array<[string, SendState]>, names: Map<string, string>, fields: OptionField[], key: string) {
  const fieldErrors: Record<string, string> = {};
  let kindError: string | undefined;
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const [id, outcome] of outcomes) {
    if (outcome.phase !== 'failed') continue;
    const { error } = outcome;
    const option = optionFieldOf(error, key, fields);
    if (option) {
      if (!seen.has(option)) problems.push({ text: `${labelOf(fields, option)}: ${fieldMessage(error)}`, target: option });
      fieldErrors[option] = fieldMessage(error);
      seen.add(option);
    } else if (error.field === 'kind') {
      kindError = fieldMessage(error);
      if (!seen.has('kind')) problems.push({ text: `Kind: ${kindError}`, target: 'kind' });
      seen.add('kind');
    } else {
      const target = id.startsWith(urlItemPrefix) ? 'urls' : 'files';
      problems.push({ text: `${names.get(id) ?? id}: ${error.message} (${error.code})`, target });
    }
  }
  return { fieldErrors, kindError, problems };
}

/** options.image.width → width, when width is a field of this form. */
function optionFieldOf(error: SendError, key: string, fields: OptionField[]): string | null {
  const prefix = `options.${key}.`;
  if (!error.field?.startsWith(prefix)) return null;
  const name = error.field.slice(prefix.length).split('.')[0];
  return fields.some((field) => field.name === name) ? name : null;
}

/** The server's message without the field it already names ("Invalid options.image.width: …"). */
function fieldMessage(error: SendError): string {
  const message = error.field ? error.message.replace(new RegExp(`^Invalid ${error.field.replace(/\./g, '\\.')}:\\s*`), '') : error.message;
  return `${message} (${error.code})`;
}
