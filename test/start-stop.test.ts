// `npm start` as a person runs it: Ctrl-C in its terminal (SIGINT to the whole process group) stops
// it, embedded Postgres included, quickly and without an error line; a port in use is said at once,
// before anything starts.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findFreePort, startServerProcess } from './support/server-process.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let dataDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-start-stop-'));
  // Postgres runs as the unprivileged `postgres` user when we are root: it must reach the folder.
  await fs.chmod(dataDir, 0o755);
});

afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** Lines that are not pino info/debug lines: warnings, errors, anything else but npm's own banner. */
function troubles(output: string): string[] {
  return output.split('\n').filter((line) => {
    if (line.startsWith('{')) return (JSON.parse(line) as { level: number }).level >= 40;
    return /error|warn/i.test(line) && !line.startsWith('npm warn Unknown project config');
  });
}

it('npm start runs the compiled build; Ctrl-C with the embedded Postgres: stops in well under the grace, no warning or error', async () => {
  const child = spawn('npm', ['start'], {
    cwd: root,
    // Its own process group, as a shell gives a foreground job: the signal goes to the whole group.
    detached: true,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await findFreePort()), PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"started"')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`npm start exited before starting:\n${output}`)));
  });
  const postgresPid = (JSON.parse(output.split('\n').find((line) => line.includes('"embedded PostgreSQL started"'))!) as { postgresPid: number }).postgresPid;
  const started = JSON.parse(output.split('\n').find((line) => line.includes('"msg":"started"'))!) as { pid: number; url: string };

  // What runs is the compiled build (prestart made dist/ current), with no TypeScript loader.
  const commandLine = (await fs.readFile(`/proc/${started.pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
  expect(commandLine.slice(1)).toEqual(['dist/main.js']);
  const loaded = await fs.readFile(`/proc/${started.pid}/maps`, 'utf8');
  expect(loaded).not.toMatch(/esbuild|tsx/);
  const answer = await fetch(`${started.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ kinds { kind } }' }) });
  expect(((await answer.json()) as { data: { kinds: unknown[] } }).data.kinds.length).toBeGreaterThan(10);

  const signalledAt = Date.now();
  process.kill(-child.pid!, 'SIGINT');
  await exited;
  const stopMs = Date.now() - signalledAt;
  console.log(`Ctrl-C of npm start (embedded Postgres, idle): exited ${stopMs} ms after SIGINT`);

  expect(troubles(output)).toEqual([]);
  expect(output).toContain('"msg":"stopped"');
  expect(output).not.toContain('stopping at once');
  // The goal is under 2 s; the ceiling leaves room for a loaded machine.
  expect(stopMs).toBeLessThan(5000);
  // Postgres was stopped by the app (a clean shutdown removes its lock file), not left behind.
  expect(() => process.kill(postgresPid, 0)).toThrow();
  await expect(fs.access(path.join(dataDir, 'postgres', 'postmaster.pid'))).rejects.toThrow();
}, 60_000);

it('a port in use: one line naming PORT, before the embedded Postgres or anything else starts', async () => {
  const occupant = net.createServer();
  await new Promise<void>((resolve) => occupant.listen(0, '127.0.0.1', resolve));
  const port = (occupant.address() as net.AddressInfo).port;
  const emptyDataDir = path.join(dataDir, 'unused');
  try {
    const startedAt = Date.now();
    const server = startServerProcess({ DATA_DIR: emptyDataDir, EMBEDDED_POSTGRES_PORT: String(await findFreePort()), HOST: '127.0.0.1', PORT: String(port) });
    await expect(server.started).rejects.toThrow();
    const exitCode = await server.stop();
    const output = server.output.join('');
    console.log(`port in use: exited ${Date.now() - startedAt} ms after spawning (tsx included: this one runs the sources)`);

    expect(exitCode).toBe(78);
    const written = output.split('\n').filter(Boolean);
    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0])).toMatchObject({ level: 60, msg: `Port ${port} is in use (PORT): another process listens on 127.0.0.1:${port}; stop it, or set PORT to a free port (0 takes any).` });
    await expect(fs.access(emptyDataDir)).rejects.toThrow();
  } finally {
    occupant.close();
  }
});
