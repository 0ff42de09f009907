// At most so many downloads from one host at once in this process: a slow or stalled source
// cannot take every download slot. A caller that finds its host full does not wait for a slot
// (waiting would hold the worker slot unrelated tasks need): it tries again later.
export class HostSlots {
  private readonly inUse = new Map<string, number>();

  constructor(private readonly perHost: number) {}

  /** A release function, or null when the host already has its share of downloads. */
  tryTake(host: string): (() => void) | null {
    const used = this.inUse.get(host) ?? 0;
    if (used >= this.perHost) return null;
    this.inUse.set(host, used + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inUse.get(host) ?? 1) - 1;
      if (left > 0) this.inUse.set(host, left);
      else this.inUse.delete(host);
    };
  }
}
