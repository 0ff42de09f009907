// What /health/ready answers: the checks of the parts this process runs (database, migrations,
// queues; ffmpeg and models in a worker), each added as its part starts, and whether the process
// has finished starting and is not stopping. /health/live only says the process answers.
import type http from 'node:http';

/** Resolves when the part can serve; rejects with the reason otherwise. */
export type ReadinessCheck = () => Promise<unknown>;

export interface ReadinessReport {
  ready: boolean;
  /** Each check's "ok" or the reason it failed. */
  checks: Record<string, string>;
}

export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();
  private phase: 'starting' | 'started' | 'stopping' = 'starting';

  /** A check slower than this fails: a probe must answer even while the database hangs. */
  constructor(private readonly timeoutMs = 2000) {}

  add(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  started(): void {
    this.phase = 'started';
  }

  /** Unready from the first moment of a stop, so that load balancers stop sending work here. */
  stopping(): void {
    this.phase = 'stopping';
  }

  async report(): Promise<ReadinessReport> {
    const results = await Promise.all([...this.checks].map(async ([name, check]) => {
      const outcome = await withTimeout(check(), this.timeoutMs).then(() => 'ok', (error: unknown) => (error as Error)?.message || String(error));
      return [name, outcome] as const;
    }));
    const checks = { started: this.phase === 'started' ? 'ok' : this.phase, ...Object.fromEntries(results) };
    return { ready: Object.values(checks).every((outcome) => outcome === 'ok'), checks };
  }
}

export const livenessPath = '/health/live';
export const readinessPath = '/health/ready';

/** /health/live: the process is up and its event loop answers. */
export function serveLiveness(response: http.ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ status: 'live' }));
}

/** /health/ready: 200 with every check "ok", or 503 naming the failing checks and why. */
export function serveReadiness(readiness: Readiness, response: http.ServerResponse): void {
  readiness.report().then((report) => {
    const failing = Object.keys(report.checks).filter((name) => report.checks[name] !== 'ok');
    const body = report.ready ? { status: 'ready', checks: report.checks } : { status: 'unready', failing, checks: report.checks };
    response.writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  }, (error: Error) => {
    response.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'unready', reason: error.message }));
  });
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
