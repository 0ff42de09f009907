// The top of a task's page: where it sits (a workflow's step?), its input's name, kind, status,
// progress with the predicted finish while it runs, and how long it took.
import { hrefOf } from '../router.js';
import { elapsed, formatClock, formatDateTime, formatDuration, inputName, kindLabel } from '../ui/format.js';
import { ProgressBar } from '../ui/progress-bar.js';
import { isTerminal, StatusBadge } from '../ui/status-badge.js';
import type { TaskDetail } from './task-types.js';

function estimate(iso: string, now: number): string {
  const left = Date.parse(iso) - now;
  return left > 1000 ? `${formatClock(iso)} (in ${formatDuration(left)})` : `${formatClock(iso)} (any moment)`;
}

export function TaskHeader({ task, now, headingId }: { task: TaskDetail; now: number; headingId: string }) {
  const took = elapsed(task.startedAt, task.finishedAt, now);
  const running = !isTerminal(task.status);
  const measured = task.status === 'PROCESSING' || task.status === 'FINISHING';
  return (
    <div className="task-head">
      <nav aria-label="Breadcrumb" className="crumbs">
        {/* Not named "Tasks": the header's navigation has that link already. */}
        <a href={hrefOf.tasks()}><span aria-hidden="true">← </span>All tasks</a>
        {task.parent && (
          <>
            <span aria-hidden="true"> / </span>
            <a href={hrefOf.task(task.parent.id)}>Workflow on {inputName({ ...task.parent, input: task.parent.input })}</a>
          </>
        )}
      </nav>
      <h1 id={headingId}>{inputName(task)}</h1>
      <div className="task-meta">
        <StatusBadge status={task.status} testId="task-status" />
        <span className="kind">{kindLabel(task.kind)}{task.stepRef ? ` · step ${task.stepRef}` : ''}</span>
        <span><span className="hint">Duration</span> {took == null ? 'not started' : formatDuration(took)}</span>
        {task.attempts > 1 && <span><span className="hint">Attempts</span> {task.attempts}</span>}
        <span><span className="hint">Created</span> <time dateTime={task.createdAt}>{formatDateTime(task.createdAt)}</time></span>
      </div>
      {running && (
        <div className="task-progress-row">
          <ProgressBar value={measured ? task.progress : null} label="Progress" />
          <span className="percent">{measured ? `${task.progress.toFixed(0)} %` : 'Waiting to start'}</span>
          {task.estimatedTime && <span><span className="hint">Estimated finish</span> {estimate(task.estimatedTime, now)}</span>}
        </div>
      )}
    </div>
  );
}
