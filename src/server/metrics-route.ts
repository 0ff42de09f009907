// /metrics for Prometheus. Counts of every owner's tasks are not for anonymous callers of the API:
// there, with METRICS_TOKEN set it takes that bearer token; without, it answers only in open mode
// (no API_KEYS), where any caller sees every task anyway. On the operations listener (OPS_PORT)
// its own address is the protection: open unless METRICS_TOKEN is set.
import type http from 'node:http';
import type { Config } from '../config.js';
import type { ProcessMetrics } from '../metrics/process-metrics.js';
import { bearerToken, sameSecret } from './authentication.js';

export type MetricsListener = 'api' | 'operations';

export function serveMetrics(config: Config, metrics: ProcessMetrics, listener: MetricsListener, request: http.IncomingMessage, response: http.ServerResponse): void {
  const refusal = metricsRefusal(config, listener, request.headers.authorization);
  if (refusal) return void response.writeHead(refusal.status, { 'content-type': 'text/plain; charset=utf-8', ...(refusal.status === 401 && { 'www-authenticate': 'Bearer' }) }).end(`${refusal.message}\n`);
  metrics.render().then(
    (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
    (error: Error) => response.writeHead(503, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${error.message}\n`),
  );
}

function metricsRefusal(config: Config, listener: MetricsListener, authorization: string | undefined): { status: number; message: string } | null {
  const token = config.security.metricsToken;
  if (!token) {
    if (listener === 'operations' || config.apiKeys.size === 0) return null;
    return { status: 403, message: 'Metrics are off: with API_KEYS set, set METRICS_TOKEN and scrape with Authorization: Bearer <token> (or scrape the operations listener, OPS_PORT).' };
  }
  return sameSecret(bearerToken(authorization) ?? '', token) ? null : { status: 401, message: 'Metrics need Authorization: Bearer <METRICS_TOKEN>.' };
}
