// The operations listener (OPS_PORT, OPS_HOST): /health/live, /health/ready and /metrics for any
// role, a worker-only process included, on an address of its own that the API's clients never
// see. It starts first and stops last, so that probes see a process start and stop.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackHost, type Config } from '../config.js';
import type { ProcessMetrics } from '../metrics/process-metrics.js';
import { listenError } from './listen-port.js';
import { serveMetrics } from './metrics-route.js';
import { hostnameOf } from './request-policy.js';
import { livenessPath, readinessPath, serveLiveness, serveReadiness, type Readiness } from './readiness.js';

export interface OperationsServer {
  /** e.g. http://127.0.0.1:9464 (OPS_PORT=0 picks a free port). */
  url: string;
  close(): Promise<void>;
}

export async function startOperationsServer(options: { config: Config; port: number; readiness: Readiness; metrics: ProcessMetrics }): Promise<OperationsServer> {
  const { config, readiness, metrics } = options;
  const { host } = config.operations;
  // On loopback only this machine's names are answered: a web page the user visits cannot read
  // the metrics through a DNS name it rebinds to 127.0.0.1.
  const loopback = isLoopbackHost(host);
  const server = http.createServer((request, response) => {
    if (loopback && !isLoopbackHost(hostnameOf(request.headers.host ?? ''))) {
      return void response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('This operations listener answers to localhost, 127.0.0.1 and [::1] only.\n');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, { allow: 'GET, HEAD' }).end();
    const pathname = request.url?.split('?')[0] ?? '/';
    if (pathname === livenessPath) serveLiveness(response);
    else if (pathname === readinessPath) serveReadiness(readiness, response);
    else if (pathname === '/metrics') serveMetrics(config, metrics, 'operations', request, response);
    else response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${livenessPath}, ${readinessPath} and /metrics are served here.\n`);
  });
  await new Promise<void>((resolve, reject) => {
    // First thing of a start: a port in use stops it at once, naming OPS_PORT.
    server.once('error', (error) => reject(listenError(error, host, options.port, 'OPS_PORT')));
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`,
    async close() {
      // Probes and scrapes are short: the ones in flight finish, idle keep-alives close now.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const overdue = setTimeout(() => server.closeAllConnections(), 2000);
      await closed;
      clearTimeout(overdue);
    },
  };
}
