// Runs the real server (src/main.ts) as a child process, so that its memory is measured alone:
// `node --import tsx src/main.ts` is one process (no tsx wrapper), so child.pid is the server.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

// BENCH_SERVER_NODE_ARGS adds node flags, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
export const serverArgs = [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'src/main.ts'];

export interface ServerProcess {
  url: string;
  pid: number;
  /** The last lines the server wrote, for error messages. */
  output(): string;
  /** How the process ended ("exit code 1", "signal SIGKILL"), or null while it runs. */
  exitStatus(): string | null;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function startServerProcess(environment: Record<string, string>, cwd: string): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, serverArgs, {
    cwd,
    // A worker serves no API: its /health is on the operations listener, given the same port.
    env: { ...process.env, ...environment, HOST: '127.0.0.1', PORT: String(port), ...(environment.ROLE === 'worker' ? { OPS_PORT: String(port) } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never outlive the benchmark, even if it exits before stop() (an interrupt during start-up).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 80) lines.splice(0, lines.length - 80);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const output = () => lines.join('\n');
  const exitStatus = () => child.exitCode !== null ? `exit code ${child.exitCode}` : child.signalCode ? `signal ${child.signalCode}` : null;
  const server = { url, pid: child.pid!, output, exitStatus, stop: () => stopChild(child) };
  try {
    await waitForHealth(environment.ROLE === 'worker' ? `${url}/health/ready` : `${url}/health`, child, 60_000);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output()}`);
  }
  return server;
}

async function waitForHealth(healthUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early (${child.exitCode ?? child.signalCode})`);
    const status = await fetch(healthUrl).then((response) => response.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server not healthy within ${timeoutMs} ms`);
}

/** SIGTERM (the server stops gracefully), SIGKILL if it takes longer than 10 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
