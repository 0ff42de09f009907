// Turns a handler's frequent progress calls into at most a few writes per second, each with an
// estimated finish time extrapolated from the pace so far. Values only ever go up, in steps of
// 0.1 % (what subscribers see): a call that does not move the rounded value writes nothing.
import type { Logger } from '../logger.js';
import { roundProgress } from '../tasks/progress.js';

const minimumIntervalMs = 250;

/**
 * Below these the pace says little (start-up, probing, the first frames): at 0.2 % after a few
 * hundred milliseconds a 6 s job was predicted to take 6 minutes.
 */
export const estimateAfter = { percent: 5, elapsedMs: 2000 };

/** When a run started at `startedAt` finishes at its pace so far; null until that pace is telling. */
export function estimateFinish(startedAt: number, now: number, percent: number): Date | null {
  const elapsed = now - startedAt;
  if (percent < estimateAfter.percent || elapsed < estimateAfter.elapsedMs) return null;
  return new Date(startedAt + (elapsed * 100) / percent);
}

export class ProgressReporter {
  private startedAt = Date.now();
  private latest = 0;
  private written = 0;
  private lastWriteAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly write: (percent: number, estimatedTime: Date | null) => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  /** The handler's work starts now: time spent before (fetching the input from a bucket) is not its pace. */
  startClock(): void {
    this.startedAt = Date.now();
  }

  report(percent: number): void {
    const rounded = roundProgress(percent);
    if (this.closed || !(rounded > this.latest)) return;
    this.latest = rounded;
    const wait = this.lastWriteAt + minimumIntervalMs - Date.now();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  /** Stops reporting and waits for the last write, so no progress lands after a later status. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  private flush(): void {
    this.timer = null;
    if (this.closed || this.latest <= this.written) return;
    const percent = this.latest;
    this.written = percent;
    this.lastWriteAt = Date.now();
    const estimatedTime = estimateFinish(this.startedAt, this.lastWriteAt, percent);
    this.inFlight = this.inFlight
      .then(() => this.write(percent, estimatedTime))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not record task progress'));
  }
}
