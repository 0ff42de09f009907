// Runs `src/main.ts` as a separate OS process (what `npm start` runs), for multi-process tests.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { mediaToolSettings } from './media-tools.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  output: string[];
  /**
   * Resolves when the process logged that it started, with its HTTP address (null for a worker).
   * Give an HTTP process PORT=0: it takes a free port itself, with no race for one.
   */
  started: Promise<string | null>;
  /** The operations listener's address from the same line (null without OPS_PORT; OPS_PORT=0 picks one). */
  operationsUrl: Promise<string | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startServerProcess(environment: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', NODE_ENV: 'test', ...mediaToolSettings(), ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const startedLine = new Promise<{ url: string | null; operationsUrl?: string | null }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const line = chunk.toString().split('\n').find((text) => text.includes('"msg":"started"'));
      if (line) resolve(JSON.parse(line) as { url: string | null; operationsUrl?: string | null });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before starting:\n${output.join('')}`)));
  });
  const started = startedLine.then((line) => line.url);
  const operationsUrl = startedLine.then((line) => line.operationsUrl ?? null);
  started.catch(() => {});
  operationsUrl.catch(() => {});
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output,
    started,
    operationsUrl,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function findFreePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
