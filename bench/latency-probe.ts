// A process of its own that times the server as a newcomer sees it while a bench section loads it:
// a new WebSocket's connection_ack (the next one 100 ms after the last was acknowledged) and
// GET /health (50 ms after each answer). Apart from the load generator, so that the generator's
// own busy event loop is not measured as the server's.
// Usage: node --import tsx bench/latency-probe.ts <ws url> <health url> <api key>; it probes
// until its stdin closes, then prints {"ackMs": [...], "healthMs": [...]} and exits.
//
// Each new socket comes from a source address of its own (127.0.2.1-250): thousands of loopback
// connections between one pair of addresses reuse client ports while the server still holds the
// previous connection on that port in TIME_WAIT, and such a SYN is answered with a reset and
// retried a second or more later (TcpAttemptFails in nstat). Real clients do not share one address.
import { createClient } from 'graphql-ws';
import WebSocket, { type ClientOptions } from 'ws';

const [wsUrl, healthUrl, apiKey] = process.argv.slice(2);
const ackMs: number[] = [];
const healthMs: number[] = [];
let probing = true;
const probeStart = performance.now();
process.stdin.on('end', () => { probing = false; }).resume();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let sockets = 0;
const fromOwnAddress = (localAddress: string) => class extends WebSocket {
  constructor(url: string, protocols?: string | string[], options?: ClientOptions) {
    super(url, protocols, { ...options, localAddress });
  }
};

const acks = (async () => {
  while (probing) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const probe = createClient({
        url: wsUrl!, webSocketImpl: fromOwnAddress(`127.0.2.${(sockets++ % 250) + 1}`), lazy: false, retryAttempts: 0,
        connectionParams: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      });
      probe.on('connected', () => {
        const ms = performance.now() - started;
        ackMs.push(ms);
        if (ms > 1000) process.stderr.write(`[probe] slow connection_ack: ${ms.toFixed(0)} ms, ${((started - probeStart) / 1000).toFixed(1)} s into the probe (${new Date(Date.now() - ms).toISOString()})\n`);
        void probe.dispose();
        resolve();
      });
      probe.on('error', () => resolve());
    });
    await sleep(100);
  }
})();
const health = (async () => {
  while (probing) {
    const started = performance.now();
    await fetch(healthUrl!).then((response) => response.arrayBuffer()).catch(() => {});
    healthMs.push(performance.now() - started);
    await sleep(50);
  }
})();
await Promise.all([acks, health]);
process.stdout.write(JSON.stringify({ ackMs, healthMs }));
process.exit(0);
