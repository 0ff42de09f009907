// The status history: each transition with its time, the time since the task was created, the
// attempt it belongs to and the server's message.
import { useId } from 'react';
import { formatClock, formatDuration } from '../ui/format.js';
import { StatusBadge } from '../ui/status-badge.js';
import type { TaskDetail } from './task-types.js';

export function Timeline({ task }: { task: TaskDetail }) {
  const headingId = useId();
  const created = Date.parse(task.createdAt);
  // Attempt 0 is before any worker started; numbers only help once there was a second attempt.
  const attempts = new Set(task.events.map((event) => event.attempt).filter((attempt) => attempt > 0)).size;
  return (
    <section className="card timeline" aria-labelledby={headingId}>
      <h2 id={headingId}>Timeline</h2>
      {task.events.length === 0 ? <p className="hint">No status change yet.</p> : (
        <ol className="events">
          {task.events.map((event, index) => (
            <li key={`${event.createdAt}-${index}`} className="event">
              <time dateTime={event.createdAt} title={new Date(event.createdAt).toLocaleString()}>{formatClock(event.createdAt)}</time>
              <StatusBadge status={event.status} />
              <span className="hint">+{formatDuration(Math.max(0, Date.parse(event.createdAt) - created))}</span>
              {attempts > 1 && event.attempt > 0 && <span className="hint">attempt {event.attempt}</span>}
              {event.message && <p className="event-message">{event.message}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
