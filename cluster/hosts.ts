// Processes on the cluster's hosts: `ip netns exec <namespace> node …`, so each sees only its own
// namespace's network (its address, its loopback), as on a machine of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Host } from './netns.js';

const root = path.resolve(import.meta.dirname, '..');

export interface HostProcess {
  host: Host;
  child: ChildProcess;
  /** Parsed JSON log lines (LOG_FORMAT=json) of a server process. */
  lines: Array<Record<string, any>>;
  exited: Promise<void>;
}

export function runIn(host: Host, args: string[], env: Record<string, string>, logFile: string): HostProcess {
  const child = spawn('ip', ['netns', 'exec', host.namespace, process.execPath, ...args], {
    cwd: root, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/root', ...env }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, any>> = [];
  let pending = '';
  const onData = (chunk: Buffer) => {
    void fs.appendFile(logFile, chunk);
    pending += chunk.toString();
    const parts = pending.split('\n');
    pending = parts.pop()!;
    for (const part of parts) { try { lines.push(JSON.parse(part)); } catch { lines.push({ text: part }); } }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = once(child, 'exit').then(() => {});
  return { host, child, lines, exited };
}

/** Resolves with the first log line matching, or rejects if the process exits first. */
export async function waitForLine(processOnHost: HostProcess, match: (line: Record<string, any>) => boolean, timeoutMs = 120_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void processOnHost.exited.then(() => { exited = true; });
  for (;;) {
    const found = processOnHost.lines.find(match);
    if (found) return found;
    if (exited) throw new Error(`${processOnHost.host.name} exited before being ready:\n${processOnHost.lines.slice(-20).map((line) => JSON.stringify(line)).join('\n')}`);
    if (Date.now() > deadline) throw new Error(`${processOnHost.host.name}: not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The media server's entry point: src/main.ts through tsx (dist/ may be stale). */
export const serverArgs = ['--import', 'tsx', 'src/main.ts'];
export const s3rverArgs = ['--openssl-legacy-provider', path.join(root, 'test/support/s3rver-process.mjs')];
