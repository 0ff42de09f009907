// Gives memory back once a burst is over. V8 collects its old generation when allocation asks for
// it, so after a burst (hundreds of requests and thousands of subscription events) the garbage that
// outlived the young generation stays, and the heap with it, for as long as the process is quiet:
// measured, 280 MB before a burst, 500 MB for good after it (bench/subscribers.ts). When the heap
// has grown since the last full collection and the event loop has been idle for a whole interval,
// this runs one, which costs the idle process tens of milliseconds and nobody a wait.
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Logger } from '../logger.js';

export interface IdleCollectorOptions {
  intervalMs?: number;
  /** The event loop's busy share over an interval below which the process counts as idle. */
  idleUtilization?: number;
  /** Heap growth since the last full collection that makes one worth it. */
  growth?: number;
}

/** V8's full collection, made callable without starting node with --expose-gc. */
function exposeCollector(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

/** Exposed once per process, however many apps it starts (the tests start several). */
let collector: (() => void) | null | undefined;

export class IdleCollector {
  private timer: NodeJS.Timeout | null = null;
  private baselineBytes = v8.getHeapStatistics().total_heap_size;
  private lastUtilization = performance.eventLoopUtilization();
  private readonly collect = collector === undefined ? (collector = exposeCollector()) : collector;

  constructor(private readonly logger: Logger, private readonly options: IdleCollectorOptions = {}) {}

  start(): void {
    if (!this.collect) return void this.logger.debug('no full collection available: memory after bursts is left to V8');
    this.timer = setInterval(() => this.check(), this.options.intervalMs ?? 5000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private check(): void {
    const utilization = performance.eventLoopUtilization(this.lastUtilization);
    this.lastUtilization = performance.eventLoopUtilization();
    const heapBytes = v8.getHeapStatistics().total_heap_size;
    if (utilization.utilization > (this.options.idleUtilization ?? 0.05)) return;
    if (heapBytes < this.baselineBytes * (1 + (this.options.growth ?? 0.25))) return;
    const started = performance.now();
    this.collect!();
    this.baselineBytes = v8.getHeapStatistics().total_heap_size;
    this.logger.debug({ ms: Math.round(performance.now() - started), heapMbBefore: Math.round(heapBytes / 1048576), heapMbAfter: Math.round(this.baselineBytes / 1048576) }, 'idle: collected the heap a burst left');
  }
}
