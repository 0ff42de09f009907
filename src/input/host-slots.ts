// At most so many downloads from one host at once in this process: a slow or stalled source
// cannot take every download slot. A caller that finds its host full waits a moment for a slot
// (a busy but healthy host frees one quickly; at most as many wait as the host has slots); if
// none frees, it gives up and tries again later rather than hold the worker slot unrelated tasks
// need.
export class HostSlots {
  private readonly inUse = new Map<string, number>();
  private readonly waiting = new Map<string, Array<(release: () => void) => void>>();

  constructor(private readonly perHost: number) {}

  /** A release function, or null when no slot of the host freed within `waitMs`. */
  async take(host: string, waitMs: number): Promise<(() => void) | null> {
    const used = this.inUse.get(host) ?? 0;
    if (used < this.perHost) {
      this.inUse.set(host, used + 1);
      return this.releaser(host);
    }
    // Waiters hold worker slots too: no more of them than the host has slots.
    if ((this.waiting.get(host)?.length ?? 0) >= this.perHost) return null;
    return new Promise((resolve) => {
      const queue = this.waiting.get(host) ?? [];
      this.waiting.set(host, queue);
      const grant = (release: () => void) => {
        clearTimeout(timer);
        resolve(release);
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(grant), 1);
        if (queue.length === 0) this.waiting.delete(host);
        resolve(null);
      }, waitMs);
      queue.push(grant);
    });
  }

  private releaser(host: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the first waiter, if any.
      const next = this.waiting.get(host)?.shift();
      if (this.waiting.get(host)?.length === 0) this.waiting.delete(host);
      if (next) return next(this.releaser(host));
      const left = (this.inUse.get(host) ?? 1) - 1;
      if (left > 0) this.inUse.set(host, left);
      else this.inUse.delete(host);
    };
  }
}
