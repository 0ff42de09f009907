// Which of this process's pg-boss workers fetches when a job arrives. Each slot of a queue is its
// own pg-boss worker; pg-boss's own LISTEN would wake every worker of the queue on every job, and
// all but one fetch nothing (21 fetches per tiny task). Here one arrival wakes one idle slot, and
// an arrival while every slot is busy is remembered, so that the first slot to finish fetches once
// more. A job that had waited for a slot (a backlog no NOTIFY announced: jobs from before the
// process started, retries, delayed jobs) makes its slot fetch again when done and wakes another,
// so a backlog drains on every slot. Those come without a NOTIFY, so an idle slot of each queue is
// woken to look once per poll interval in which no slot of the queue did (poll()).

/** A job that waited this long for a slot says others may be waiting behind it. */
export const backlogWaitMs = 100;

interface Slot {
  workerId: string;
  busy: boolean;
  /** When it was last woken: an idle slot woken longest ago is the one to wake. */
  wokenAt: number;
}

interface QueueSlots {
  slots: Slot[];
  /** Jobs announced while no slot was idle, each owed one fetch when a slot frees. */
  owed: number;
  /** When a slot of the queue last fetched or was woken to (performance.now()). */
  lookedAt: number;
}

export class SlotWaker {
  private readonly queues = new Map<string, QueueSlots>();

  /** `wake` makes a pg-boss worker fetch now instead of at its next poll. */
  constructor(private readonly wake: (workerId: string) => void) {}

  register(queue: string, workerId: string): void {
    const group = this.queues.get(queue) ?? { slots: [], owed: 0, lookedAt: 0 };
    group.slots.push({ workerId, busy: false, wokenAt: 0 });
    this.queues.set(queue, group);
  }

  /** A NOTIFY said a job landed on `queue` (another process may take it first). */
  jobArrived(queue: string): void {
    const group = this.queues.get(queue);
    if (!group) return;
    const idle = idleSlotOf(group);
    if (!idle) {
      // Bounded: arrivals that other processes served are owed fetches that find nothing.
      group.owed = Math.min(group.owed + 1, group.slots.length * 16);
      return;
    }
    idle.wokenAt = group.lookedAt = performance.now();
    this.wake(idle.workerId);
  }

  /**
   * The poll: every queue that no slot looked at for `intervalMs` has its idle slot woken longest
   * ago look once (for retries and delayed jobs, which come without a NOTIFY). One fetch per idle
   * queue per interval, by whichever slot is free, where each pg-boss worker polling on its own
   * would make one per slot. Call it every `intervalMs`.
   */
  poll(intervalMs: number): void {
    const now = performance.now();
    for (const group of this.queues.values()) {
      // Timers fire a little early at times: without the slack an idle queue would look every other tick.
      if (now - group.lookedAt < intervalMs * 0.9) continue;
      const idle = idleSlotOf(group);
      if (!idle) continue;
      idle.wokenAt = group.lookedAt = now;
      this.wake(idle.workerId);
    }
  }

  /** A slot took a job; one that had waited says a backlog may be there, and wakes another idle slot for it. */
  started(queue: string, workerId: string, waitedMs = 0): void {
    const slot = this.slotOf(queue, workerId);
    if (!slot) return;
    slot.busy = true;
    this.queues.get(queue)!.lookedAt = performance.now();
    if (waitedMs >= backlogWaitMs) this.jobArrived(queue);
  }

  /** The slot's job ended: it fetches again now if a job is owed or its own job had waited. */
  ended(queue: string, workerId: string, waitedMs: number): void {
    const group = this.queues.get(queue);
    const slot = this.slotOf(queue, workerId);
    if (!group || !slot) return;
    slot.busy = false;
    if (group.owed > 0 || waitedMs >= backlogWaitMs) {
      if (group.owed > 0) group.owed--;
      slot.wokenAt = group.lookedAt = performance.now();
      this.wake(workerId);
    }
  }

  /** Notifications may have been missed (the listener reconnected): every idle slot looks once. */
  wakeAll(): void {
    for (const group of this.queues.values()) {
      for (const slot of group.slots) if (!slot.busy) this.wake(slot.workerId);
    }
  }

  private slotOf(queue: string, workerId: string): Slot | undefined {
    return this.queues.get(queue)?.slots.find((slot) => slot.workerId === workerId);
  }
}

/** The idle slot woken longest ago, if any. */
function idleSlotOf(group: QueueSlots): Slot | null {
  let idle: Slot | null = null;
  for (const slot of group.slots) if (!slot.busy && (!idle || slot.wokenAt < idle.wokenAt)) idle = slot;
  return idle;
}
