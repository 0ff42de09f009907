// What one benchmark section sets up and must undo: a fresh database, a storage folder and the
// server as a child process, plus whatever else the section registers with defer().
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '../test/support/database.js';
import { serverArgs, startServerProcess, type ServerProcess } from './server-process.js';

/** The checkout whose server is benchmarked: BENCH_SERVER_DIR, else this one. */
export const serverDir = process.env.BENCH_SERVER_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchServer extends ServerProcess {
  /** How it was started, for the report (temporary paths abbreviated). */
  commandLine: string;
  storageDir: string;
  /** Its fresh database, for another process of the same server. */
  databaseUrl: string;
}

export class BenchScope {
  private readonly steps: Array<() => Promise<unknown>> = [];
  private readonly servers: BenchServer[] = [];
  private closing: Promise<void> | null = null;

  constructor(readonly name: string) {}

  log(message: string): void {
    console.error(`[bench ${this.name}] ${message}`);
  }

  /** Registers an undo step; close() runs them in reverse order. */
  defer(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  /** A server on its own fresh database and storage folder, stopped and dropped by close(). */
  async startServer(extraEnv: Record<string, string> = {}): Promise<BenchServer> {
    const database = await createTestDatabase('bench');
    this.defer(() => database.drop());
    const storageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-storage-'));
    this.defer(() => fs.rm(storageDir, { recursive: true, force: true }));
    const env = { HOST: '127.0.0.1', LOG_LEVEL: 'warn', FETCH_ALLOW_HOSTS: '127.0.0.1', STORAGE_DIR: storageDir, DATABASE_URL: database.url, ...extraEnv };
    this.log('starting the server');
    const child = await startServerProcess(env, serverDir);
    this.defer(() => child.stop());
    const shown = { ...env, STORAGE_DIR: '<tmp>', DATABASE_URL: '<fresh bench_* database>' };
    const commandLine = `${process.env.BENCH_SERVER_DIR ? `cd ${serverDir} && ` : ''}${Object.entries(shown).map(([key, value]) => `${key}=${value}`).join(' ')} ${path.basename(process.execPath)} ${serverArgs.join(' ')}`;
    const server = { ...child, commandLine, storageDir, databaseUrl: env.DATABASE_URL };
    this.servers.push(server);
    return server;
  }

  /** For a failure message: each server's state and last output. */
  serverDiagnostics(): string {
    return this.servers.map((server) => `--- server process (pid ${server.pid}): ${server.exitStatus() ?? 'still running'}; its last output ---\n${server.output() || '(none)'}`).join('\n');
  }

  /** True once close() has begun (the section ended or the benchmark was interrupted). */
  get closed(): boolean {
    return this.closing !== null;
  }

  /** Undoes the setup in reverse order, once, however many callers ask. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (let step = this.steps.pop(); step; step = this.steps.pop()) {
        await step().catch((error: unknown) => console.error(`[bench ${this.name}] cleanup failed:`, error));
      }
    })();
    return this.closing;
  }
}
