// /metrics for Prometheus. Counts of every owner's tasks are not for anonymous callers: with
// METRICS_TOKEN set it takes that bearer token; without, it answers only in open mode (no
// API_KEYS), where any caller sees every task anyway.
import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { Config } from '../config.js';

export function serveMetrics(config: Config, renderMetrics: () => Promise<string>, request: http.IncomingMessage, response: http.ServerResponse): void {
  const refusal = metricsRefusal(config, request.headers.authorization);
  if (refusal) return void response.writeHead(refusal.status, { 'content-type': 'text/plain; charset=utf-8', ...(refusal.status === 401 && { 'www-authenticate': 'Bearer' }) }).end(`${refusal.message}\n`);
  renderMetrics().then(
    (text) => response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(text),
    (error: Error) => response.writeHead(503, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${error.message}\n`),
  );
}

function metricsRefusal(config: Config, authorization: string | undefined): { status: number; message: string } | null {
  const token = config.security.metricsToken;
  if (!token) {
    return config.apiKeys.size === 0 ? null : { status: 403, message: 'Metrics are off: with API_KEYS set, set METRICS_TOKEN and scrape with Authorization: Bearer <token>.' };
  }
  const presented = Buffer.from(authorization?.replace(/^Bearer\s+/i, '').trim() ?? '');
  const expected = Buffer.from(token);
  const matches = presented.length === expected.length && timingSafeEqual(presented, expected);
  return matches ? null : { status: 401, message: 'Metrics need Authorization: Bearer <METRICS_TOKEN>.' };
}
