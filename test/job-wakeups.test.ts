// Job wake-ups: pg-boss's NOTIFY for a send is heard on the channel JobArrivals computes (the
// expression pg-boss inlines; a pg-boss upgrade that changed it would leave workers on polling
// alone), and the SlotWaker wakes one idle slot per job, owes a fetch per job that found every
// slot busy, and lets a slot whose job had waited look for the next one at once and wake another;
// jobs sent together in one transaction are heard one by one (TaskQueue.announceMore).
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { TaskQueue, validateQueue, webhookQueue } from '../src/queue/task-queue.js';
import { uuidv7 } from '../src/tasks/uuid.js';
import { JobArrivals } from '../src/queue/job-arrivals.js';
import { backlogWaitMs, SlotWaker } from '../src/queue/slot-waker.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

describe('job arrivals', () => {
  it('hears the queue name of every job sent to a notify-enabled queue, and none of the others', async () => {
    const boss = new PgBoss({ connectionString: database.url, useListenNotify: false, supervise: false });
    boss.on('error', () => {});
    await boss.start();
    const heard: string[] = [];
    let hearNext: (() => void) | null = null;
    const arrivals = new JobArrivals(database.url, createLogger({ logLevel: 'silent', logFormat: 'json' }), {
      onJob: (queue) => {
        heard.push(queue);
        hearNext?.();
      },
      onReconnected: () => {},
    });
    await arrivals.start();
    try {
      await boss.createQueue('loud', { notify: true });
      await boss.createQueue('quiet', { notify: false });
      await boss.send('quiet', { n: 1 });
      const second = new Promise<void>((resolve) => { hearNext = resolve; });
      await boss.send('loud', { n: 2 });
      await second;
      // A NOTIFY of 'quiet' would have been delivered before the later one of 'loud'.
      expect(heard).toEqual(['loud']);
    } finally {
      await arrivals.stop();
      await boss.stop({ graceful: false });
    }
  });
});

describe('jobs sent together', () => {
  it('are heard one by one: announceMore adds a distinct NOTIFY for each job after the first (PostgreSQL merges identical ones)', async () => {
    const config = loadConfig({ DATABASE_URL: database.url });
    const queue = new TaskQueue(database.url, config.queue, config.webhooks, [], createLogger({ logLevel: 'silent', logFormat: 'json' }), { supervise: false, maxConnections: 2 });
    await queue.start();
    const heard: string[] = [];
    const waiters: Array<{ count: number; resolve: () => void }> = [];
    const arrivals = new JobArrivals(database.url, createLogger({ logLevel: 'silent', logFormat: 'json' }), {
      onJob: (name) => {
        heard.push(name);
        for (const waiter of waiters) if (heard.length >= waiter.count) waiter.resolve();
      },
      onReconnected: () => {},
    });
    await arrivals.start();
    // Resolves at once when they have already arrived (a NOTIFY can beat the line after the COMMIT).
    const heardAtLeast = (count: number) => new Promise<void>((resolve) => {
      if (heard.length >= count) resolve();
      else waiters.push({ count, resolve });
    });
    const client = new pg.Client({ connectionString: database.url });
    client.on('error', () => {});
    await client.connect();
    try {
      const sendThree = async (announce: boolean) => {
        await client.query('BEGIN');
        for (const taskId of [uuidv7(), uuidv7(), uuidv7()]) await queue.sendValidate(taskId, null, client as unknown as pg.PoolClient);
        if (announce) await queue.announceMore(validateQueue, 3, client as unknown as pg.PoolClient);
        await client.query('COMMIT');
      };
      // Without the announcement three sends are one NOTIFY: the webhook job after them is the second heard.
      await sendThree(false);
      await queue.sendWebhook('1', client as unknown as pg.PoolClient);
      await heardAtLeast(2);
      expect(heard).toEqual([validateQueue, webhookQueue]);
      await sendThree(true);
      await heardAtLeast(5);
      expect(heard.slice(2)).toEqual([validateQueue, validateQueue, validateQueue]);
    } finally {
      await client.end();
      await arrivals.stop();
      await queue.stop({ graceful: false });
    }
  });
});

describe('slot waker', () => {
  function waker(slots: string[]) {
    const woken: string[] = [];
    const slotWaker = new SlotWaker((id) => woken.push(id));
    for (const id of slots) slotWaker.register('q', id);
    return { slotWaker, woken };
  }

  it('wakes one idle slot per job, the one woken longest ago', () => {
    const { slotWaker, woken } = waker(['a', 'b', 'c']);
    slotWaker.jobArrived('q');
    slotWaker.jobArrived('q');
    slotWaker.jobArrived('other queue');
    expect(woken).toEqual(['a', 'b']);
    slotWaker.started('q', 'a');
    slotWaker.jobArrived('q');
    expect(woken).toEqual(['a', 'b', 'c']);
  });

  it('owes one fetch per job that found every slot busy, paid as slots free', () => {
    const { slotWaker, woken } = waker(['a', 'b']);
    slotWaker.started('q', 'a');
    slotWaker.started('q', 'b');
    slotWaker.jobArrived('q');
    slotWaker.jobArrived('q');
    expect(woken).toEqual([]);
    slotWaker.ended('q', 'a', 0);
    slotWaker.started('q', 'a');
    slotWaker.ended('q', 'b', 0);
    slotWaker.started('q', 'b');
    slotWaker.ended('q', 'a', 0);
    expect(woken).toEqual(['a', 'b']);
  });

  it('lets a slot whose job waited fetch again at once (a backlog no NOTIFY announced)', () => {
    const { slotWaker, woken } = waker(['a']);
    slotWaker.started('q', 'a');
    slotWaker.ended('q', 'a', 5);
    expect(woken).toEqual([]);
    slotWaker.started('q', 'a');
    slotWaker.ended('q', 'a', backlogWaitMs + 1);
    expect(woken).toEqual(['a']);
  });

  it('wakes another idle slot when a job had waited, so that a backlog drains on every slot', () => {
    const { slotWaker, woken } = waker(['a', 'b', 'c']);
    slotWaker.started('q', 'a', 5);
    expect(woken).toEqual([]);
    slotWaker.started('q', 'b', backlogWaitMs);
    expect(woken).toEqual(['c']);
  });

  it('polls: one idle slot per queue looks each interval, unless a slot of the queue just did', () => {
    const woken: string[] = [];
    const slotWaker = new SlotWaker((id) => woken.push(id));
    for (const id of ['a', 'b']) slotWaker.register('q', id);
    slotWaker.register('busy queue', 'c');
    slotWaker.started('busy queue', 'c');
    slotWaker.poll(0);
    expect(woken).toEqual(['a']);
    slotWaker.poll(0);
    expect(woken).toEqual(['a', 'b']);
    slotWaker.poll(60_000); // looked just now: not again
    expect(woken).toEqual(['a', 'b']);
  });

  it('wakes every idle slot when notifications may have been missed', () => {
    const { slotWaker, woken } = waker(['a', 'b', 'c']);
    slotWaker.started('q', 'b');
    slotWaker.wakeAll();
    expect(woken).toEqual(['a', 'c']);
  });
});
