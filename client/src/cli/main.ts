// The `mediatasks` command: the client's API on the command line. Progress goes to stderr, results
// to stdout (JSON with --json), and the exit code says how it went (exit-codes.ts).
import fs from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { createClient } from '../node.js';
import { MediaTasksError } from '../errors.js';
import { isTerminal } from '../task-status.js';
import type { KindInfo, MediaTasksClient, Task, UploadedInput } from '../client.js';
import type { TaskKind, TaskOptions, TaskStatus } from '../generated/graphql.js';
import { downloadOutputs } from './download.js';
import { exitCodeFor, exitCodes } from './exit-codes.js';
import { describeType, kebabCase, parseKindOptions, type JsonSchema } from './kind-options.js';
import { createProgressDisplay, describeTask, finalLine } from './task-display.js';
import { UsageError } from './usage-error.js';

interface GlobalOptions {
  url: string;
  apiKey?: string;
  json?: boolean;
}

type Client = MediaTasksClient<string | Blob>;

const out = (line: string) => process.stdout.write(`${line}\n`);
const printJson = (value: unknown) => out(JSON.stringify(value, null, 2));

function toKind(name: string, kinds: KindInfo[]): KindInfo {
  const wanted = name.toUpperCase().replace(/-/g, '_');
  const found = kinds.find((info) => info.kind === wanted);
  if (!found) throw new UsageError(`unknown kind '${name}'; this server runs: ${kinds.map((info) => info.kind.toLowerCase()).join(', ')}`);
  return found;
}

function toKinds(list: string | undefined): TaskKind[] | undefined {
  return list?.split(',').map((name) => name.trim().toUpperCase().replace(/-/g, '_') as TaskKind);
}

const statuses = ['WAITING', 'VALIDATING', 'QUEUED', 'PROCESSING', 'FINISHING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
function toStatuses(list: string | undefined): TaskStatus[] | undefined {
  return list?.split(',').map((name) => {
    const status = name.trim().toUpperCase();
    if (!statuses.includes(status)) throw new UsageError(`unknown status '${name}'; statuses are ${statuses.join(', ')}`);
    return status as TaskStatus;
  });
}

function parseJsonOption(text: string | undefined, flag: string): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${flag} takes JSON, not '${text}'`);
  }
}

const exitCodeOf = (tasks: Task[]) => (tasks.every((task) => task.status === 'SUCCEEDED') ? exitCodes.success : exitCodes.taskFailed);

/**
 * Watches tasks to their end with a bar each; prints one final line each (or JSON). The first
 * watch that fails for another reason than its task (no such task, the server gone) ends the
 * others at once: the exit code is known then, and a task still running would keep the command
 * waiting for nothing. Each task is reported: its final line, or why it was not followed.
 */
async function watchAll(client: Client, ids: string[], global: GlobalOptions): Promise<number> {
  const display = createProgressDisplay(process.stderr, !global.json || process.stderr.isTTY === true);
  const stopOthers = new AbortController();
  let firstError: unknown;
  let settled: Array<PromiseSettledResult<Task>>;
  try {
    settled = await Promise.allSettled(ids.map((id) => client.watch(id, display.track(id), { signal: stopOthers.signal }).catch((error: unknown) => {
      if (!stopOthers.signal.aborted) {
        firstError = error;
        stopOthers.abort();
      }
      throw error;
    })));
  } finally {
    display.stop();
  }
  if (ids.length === 1 && firstError) throw firstError;
  const failedId = ids[settled.findIndex((result) => result.status === 'rejected' && result.reason === firstError)];
  const stopped = `not watched to its end: watching ${failedId} failed`;
  if (global.json) {
    const entries = settled.map((result, index) => (result.status === 'fulfilled' ? result.value
      : { id: ids[index], error: result.reason === firstError ? errorJson(result.reason) : { code: 'ABORTED', message: stopped } }));
    printJson(ids.length === 1 ? entries[0] : entries);
  } else {
    settled.forEach((result, index) => {
      if (result.status === 'fulfilled') out(finalLine(result.value));
      else process.stderr.write(`mediatasks: ${ids[index]}: ${result.reason === firstError ? errorText(result.reason) : stopped}\n`);
    });
  }
  if (firstError) return exitCodeFor(firstError);
  return exitCodeOf(settled.map((result) => (result as PromiseFulfilledResult<Task>).value));
}

function buildProgram(run: (action: (client: Client, global: GlobalOptions) => Promise<number>) => Promise<void>): Command {
  const program = new Command('mediatasks')
    .description('Create, watch and fetch media tasks on a mediatasks server.')
    .addOption(new Option('--url <url>', 'the server').env('MEDIATASKS_URL').default('http://localhost:4000'))
    .addOption(new Option('--api-key <key>', 'an API key of the server (API_KEYS)').env('MEDIATASKS_API_KEY'))
    .option('--json', 'machine-readable output on stdout')
    // Before the commands: they inherit it, so a usage error anywhere throws (exit 2) instead of exiting 1.
    .exitOverride()
    .showHelpAfterError()
    .addHelpText('after', `
Exit codes: 0 success, 1 a task FAILED or was CANCELLED, 2 usage error (or input the server refused),
3 server or network error, 4 no such task, 5 (download) the task has not ended yet.`);

  program.command('create')
    .description('create a task from a URL or a local file (uploaded); kind options as --name value')
    .argument('<kind>', 'image, video, audio, … (see `mediatasks kinds`)')
    .argument('<source>', 'an http(s) URL, or a file to upload')
    .option('--watch', 'follow it to the end with a progress bar')
    .option('--options <json>', 'the kind\'s options as one JSON object (merged under the flags)')
    .option('--metadata <json>', 'your own JSON, echoed back on the task')
    .option('--webhook-url <url>', 'where the server POSTs the task when it ends')
    .option('--idempotency-key <key>', 'the same key again returns the same task (one is made up otherwise)')
    .option('--resumable', 'upload with tus whatever the size (large files always do)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action((kindName: string, source: string, options: { watch?: boolean; options?: string; metadata?: string; webhookUrl?: string; idempotencyKey?: string; resumable?: boolean }, command: Command) => run(async (client, global) => {
      const kind = toKind(kindName, await client.kinds());
      const flags = parseKindOptions(command.args.slice(2), kind.optionsSchema as JsonSchema, kind.kind.toLowerCase());
      const fromJson = parseJsonOption(options.options, '--options') as Record<string, unknown> | undefined;
      const kindOptions = { ...fromJson, ...flags };
      const display = createProgressDisplay(process.stderr, !global.json || process.stderr.isTTY === true);
      let input: { url: string } | UploadedInput;
      if (/^https?:\/\//i.test(source)) input = { url: source };
      else {
        if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw new UsageError(`no such file: ${source} (give a file or an http(s) URL)`);
        input = await client.upload(source, { resumable: options.resumable || undefined, onProgress: display.trackUpload(source) });
      }
      let task: Task;
      try {
        task = await client.createTask({
          kind: kind.kind, ...input,
          // Typed by the server's JSON Schema at run time, not by TypeScript.
          ...(Object.keys(kindOptions).length && { options: { [kind.kind.toLowerCase()]: kindOptions } as unknown as TaskOptions }),
          metadata: parseJsonOption(options.metadata, '--metadata'),
          webhookUrl: options.webhookUrl,
          idempotencyKey: options.idempotencyKey,
        });
      } finally {
        display.stop();
      }
      if (options.watch) return watchAll(client, [task.id], global);
      if (global.json) printJson(task);
      else out(`${task.status} ${task.kind.toLowerCase()} ${task.id}`);
      return exitCodes.success;
    }));

  program.command('watch')
    .description('follow tasks to their end (exit 1 when one FAILED or was CANCELLED)')
    .argument('<id...>', 'task ids')
    .action((ids: string[]) => run((client, global) => watchAll(client, ids, global)));

  program.command('list')
    .description('tasks, newest first')
    .option('--status <statuses>', 'comma-separated, e.g. FAILED,CANCELLED')
    .option('--kind <kinds>', 'comma-separated, e.g. image,video')
    .option('--first <n>', 'how many', '20')
    .action((options: { status?: string; kind?: string; first: string }) => run(async (client, global) => {
      const first = Number(options.first);
      if (!Number.isInteger(first) || first < 1) throw new UsageError(`--first takes a positive integer, not '${options.first}'`);
      const page = await client.tasks({ first, status: toStatuses(options.status), kind: toKinds(options.kind) });
      if (global.json) printJson(page.tasks);
      else for (const task of page.tasks) out([task.id, task.kind.toLowerCase(), task.status, `${Math.round(task.progress)}%`, task.createdAt, task.url ?? task.input?.filename ?? ''].join('\t'));
      return exitCodes.success;
    }));

  program.command('get')
    .description('one task: status, error, outputs, result')
    .argument('<id>')
    .action((id: string) => run(async (client, global) => {
      const task = await client.task(id);
      if (!task) throw new MediaTasksError('NOT_FOUND', `No task with id ${id}.`, { field: 'id' });
      if (global.json) printJson(task);
      else out(describeTask(task));
      return exitCodes.success;
    }));

  program.command('download')
    .description('write every output of a task under dir (default: here), keeping their relative paths')
    .argument('<id>')
    .argument('[dir]', 'where to write', '.')
    .option('--overwrite', 'replace files that are already there (by default the download refuses to)')
    .action((id: string, directory: string, flags: { overwrite?: boolean }) => run(async (client, global) => {
      const task = await client.task(id);
      if (!task) throw new MediaTasksError('NOT_FOUND', `No task with id ${id}.`, { field: 'id' });
      if (task.status !== 'SUCCEEDED') {
        if (global.json) printJson({ task: task.id, status: task.status, files: [] });
        else out(`${finalLine(task)} (nothing to download${isTerminal(task.status) ? '' : ': it has not ended yet'})`);
        return isTerminal(task.status) ? exitCodes.taskFailed : exitCodes.notFinished;
      }
      const files = await downloadOutputs(task, directory, { overwrite: flags.overwrite });
      if (global.json) printJson({ task: task.id, status: task.status, files });
      else for (const file of files) out(file);
      return exitCodes.success;
    }));

  for (const [name, description] of [['cancel', 'cancel a task that has not ended'], ['retry', 'run a FAILED or CANCELLED task again'], ['delete', 'delete a finished task and its files']] as const) {
    program.command(name).description(description).argument('<id>').action((id: string) => run(async (client, global) => {
      if (name === 'delete') {
        const deleted = await client.delete(id);
        if (global.json) printJson({ deleted });
        else out(`DELETED ${deleted}`);
        return exitCodes.success;
      }
      const task = name === 'cancel' ? await client.cancel(id) : await client.retry(id);
      if (global.json) printJson(task);
      else out(`${task.status} ${task.kind.toLowerCase()} ${task.id}`);
      return exitCodes.success;
    }));
  }

  program.command('kinds')
    .description('the kinds this server runs, each option with its type, default and description')
    .action(() => run(async (client, global) => {
      const kinds = await client.kinds();
      if (global.json) return printJson(kinds), exitCodes.success;
      for (const info of kinds) {
        out(`${info.kind.toLowerCase()}: ${info.description}`);
        for (const [name, schema] of Object.entries((info.optionsSchema as JsonSchema).properties ?? {})) {
          const required = (info.optionsSchema as JsonSchema).required?.includes(name) ? ', required' : '';
          const byDefault = schema.default !== undefined ? ` (default: ${JSON.stringify(schema.default)})` : '';
          out(`  --${kebabCase(name)}  ${describeType(schema)}${required}${byDefault}${schema.description ? `: ${schema.description}` : ''}`);
        }
      }
      return exitCodes.success;
    }));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode: number = exitCodes.success;
  let json = false;
  const program = buildProgram(async (action) => {
    const global = program.opts<GlobalOptions>();
    json = global.json === true;
    const client = createClient({ url: global.url, apiKey: global.apiKey });
    try {
      exitCode = await action(client, global);
    } finally {
      await client.close();
    }
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      return error.exitCode === 0 ? exitCodes.success : exitCodes.usage;
    }
    const code = exitCodeFor(error);
    if (json) printJson({ error: errorJson(error) });
    else process.stderr.write(`mediatasks: ${errorText(error)}\n`);
    return code;
  }
}

function errorJson(error: unknown) {
  if (error instanceof MediaTasksError) return { code: error.code, message: error.message, ...(error.field && { field: error.field }) };
  if (error instanceof UsageError) return { code: 'USAGE', message: error.message };
  return { code: 'INTERNAL', message: (error as Error).message };
}

function errorText(error: unknown): string {
  if (error instanceof MediaTasksError) return `${error.code}: ${error.message}${error.field ? ` (field: ${error.field})` : ''}`;
  return (error as Error).message;
}
