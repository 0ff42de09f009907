// The metrics this process exports: one prom-client registry per process (per app in the tests,
// which run several in one Node process), with the runtime's own metrics (CPU, memory, event
// loop, GC, handles) and, as the parts start, the task, backlog and GraphQL metrics.
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import type { Plugin } from 'graphql-yoga';
import type { TaskLifecycle } from '../tasks/task-lifecycle.js';
import { registerBacklogGauges } from './backlog-gauges.js';
import { graphqlMetricsPlugins, registerWebSocketGauge } from './graphql-metrics.js';
import { observeTaskMetrics } from './task-metrics.js';

export class ProcessMetrics {
  readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counters and histograms of the task changes this process makes. */
  observeTasks(lifecycle: TaskLifecycle, kinds: readonly string[]): void {
    observeTaskMetrics(this.registry, lifecycle, kinds);
  }

  /** The database-wide gauges: unfinished tasks, queued and running jobs. */
  watchBacklog(options: Parameters<typeof registerBacklogGauges>[1]): void {
    registerBacklogGauges(this.registry, options);
  }

  /** yoga plugins (API processes): GraphQL requests, errors, durations, running subscriptions. */
  graphqlPlugins(): Plugin[] {
    return graphqlMetricsPlugins(this.registry);
  }

  /** What retention removed (worker processes; sum over processes): called per committed batch. */
  retentionCounter(): (removed: object) => void {
    const removed = new Counter({
      name: 'mediatasks_retention_removed_total',
      help: 'What TASK_RETENTION_DAYS removed, by what: tasks (workflow steps included), events, deliveries, outputs (task_output rows), folders (two per task).',
      labelNames: ['what'],
      registers: [this.registry],
    });
    return (counts) => {
      for (const [what, count] of Object.entries(counts)) if (typeof count === 'number' && count > 0) removed.inc({ what }, count);
    };
  }

  countWebSockets(openConnections: () => number): void {
    registerWebSocketGauge(this.registry, openConnections);
  }

  /** The text exposition format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
