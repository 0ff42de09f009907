// After a burst the heap a burst left is collected once the process is idle: V8 alone would keep
// it until allocation resumed (bench/subscribers.ts measured 280 MB → 500 MB for good).
import v8 from 'node:v8';
import { expect, it } from 'vitest';
import type { Logger } from '../src/logger.js';
import { IdleCollector } from '../src/process/idle-collector.js';

it('runs a full collection once the heap has grown and the event loop has been idle for an interval', async () => {
  let reportCollection: (facts: { heapMbBefore: number; heapMbAfter: number }) => void = () => {};
  const collected = new Promise<{ heapMbBefore: number; heapMbAfter: number }>((resolve) => { reportCollection = resolve; });
  const logger = { debug: (facts: unknown) => { if (typeof facts === 'object') reportCollection(facts as { heapMbBefore: number; heapMbAfter: number }); } } as unknown as Logger;
  const collector = new IdleCollector(logger, { intervalMs: 200, growth: 0.1 });
  collector.start();
  try {
    // A burst's garbage: about 150 MB of objects, kept past a few scavenges, then dropped.
    let burst: number[][] | null = Array.from({ length: 150 }, () => Array.from({ length: 130_000 }, (_, index) => index + 0.5));
    expect(v8.getHeapStatistics().total_heap_size).toBeGreaterThan(150 * 1048576);
    expect(burst.length).toBe(150);
    burst = null;
    const { heapMbBefore, heapMbAfter } = await collected;
    expect(heapMbAfter).toBeLessThan(heapMbBefore - 100);
  } finally {
    collector.stop();
  }
});
