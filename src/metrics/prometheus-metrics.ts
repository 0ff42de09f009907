// Prometheus metrics for operators, read from Postgres at scrape time: many API and worker
// processes share one database, so per-process counters would each see only a part.
import type pg from 'pg';
import type { PgBoss } from 'pg-boss';

interface TaskCountRow { kind: string; status: string; count: string }
interface DurationRow { kind: string; status: string; count: string; sum: number; processing_sum: number }

const taskCounts = 'SELECT kind, status::text AS status, count(*)::text AS count FROM task GROUP BY 1, 2 ORDER BY 1, 2';

// Finished tasks of the last hour: a window keeps the scrape cheap on a large table.
const finishedDurations = `SELECT kind, status::text AS status, count(*)::text AS count,
    coalesce(sum(extract(epoch FROM finished_at - created_at)), 0)::float8 AS sum,
    coalesce(sum(extract(epoch FROM finished_at - started_at)) FILTER (WHERE started_at IS NOT NULL), 0)::float8 AS processing_sum
  FROM task WHERE finished_at > now() - interval '1 hour' GROUP BY 1, 2 ORDER BY 1, 2`;

const label = (value: string) => value.replace(/["\\\n]/g, (character) => (character === '\n' ? '\\n' : `\\${character}`));

/** The metrics in the Prometheus text exposition format. */
export async function renderMetrics(pool: pg.Pool, boss: PgBoss): Promise<string> {
  const [counts, durations, queues] = await Promise.all([
    pool.query<TaskCountRow>(taskCounts),
    pool.query<DurationRow>(finishedDurations),
    boss.getQueues(),
  ]);
  const lines: string[] = [
    '# HELP mediatasks_tasks Tasks stored, by kind and status.',
    '# TYPE mediatasks_tasks gauge',
    ...counts.rows.map((row) => `mediatasks_tasks{kind="${label(row.kind)}",status="${row.status}"} ${row.count}`),
    '# HELP mediatasks_task_duration_seconds Time from createTask to the end, for tasks finished in the last hour.',
    '# TYPE mediatasks_task_duration_seconds summary',
    ...durations.rows.flatMap((row) => [
      `mediatasks_task_duration_seconds_sum{kind="${label(row.kind)}",status="${row.status}"} ${row.sum}`,
      `mediatasks_task_duration_seconds_count{kind="${label(row.kind)}",status="${row.status}"} ${row.count}`,
    ]),
    '# HELP mediatasks_task_processing_seconds Time from the first PROCESSING to the end, for tasks finished in the last hour.',
    '# TYPE mediatasks_task_processing_seconds summary',
    ...durations.rows.flatMap((row) => [
      `mediatasks_task_processing_seconds_sum{kind="${label(row.kind)}",status="${row.status}"} ${row.processing_sum}`,
      `mediatasks_task_processing_seconds_count{kind="${label(row.kind)}",status="${row.status}"} ${row.count}`,
    ]),
    '# HELP mediatasks_queue_jobs Jobs in each pg-boss queue, by state.',
    '# TYPE mediatasks_queue_jobs gauge',
    ...queues.flatMap((queue) => [
      `mediatasks_queue_jobs{queue="${label(queue.name)}",state="ready"} ${queue.readyCount}`,
      `mediatasks_queue_jobs{queue="${label(queue.name)}",state="deferred"} ${queue.deferredCount}`,
      `mediatasks_queue_jobs{queue="${label(queue.name)}",state="active"} ${queue.activeCount}`,
    ]),
  ];
  return `${lines.join('\n')}\n`;
}
