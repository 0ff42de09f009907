// Turns a handler's frequent progress calls into at most a few writes per second, each with an
// estimated finish time extrapolated from the pace so far. Values only ever go up.
import type { Logger } from '../logger.js';

const minimumIntervalMs = 250;

export class ProgressReporter {
  private readonly startedAt = Date.now();
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

  report(percent: number): void {
    if (this.closed || !(percent > this.latest)) return;
    this.latest = Math.min(100, percent);
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
    const elapsed = this.lastWriteAt - this.startedAt;
    const estimatedTime = percent > 0 ? new Date(this.startedAt + (elapsed * 100) / percent) : null;
    this.inFlight = this.inFlight
      .then(() => this.write(percent, estimatedTime))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not record task progress'));
  }
}
