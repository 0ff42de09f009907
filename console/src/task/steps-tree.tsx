// A workflow's steps in run order, each indented under the step it runs after: status, kind,
// progress or duration, a link to its own page.
import { useId } from 'react';
import { hrefOf } from '../router.js';
import { stepTree } from '../tasks/live-rows.js';
import { elapsed, formatDuration, kindLabel } from '../ui/format.js';
import { ProgressBar } from '../ui/progress-bar.js';
import { isTerminal, StatusBadge } from '../ui/status-badge.js';
import type { TaskDetail } from './task-types.js';

export function StepsTree({ task, now }: { task: TaskDetail; now: number }) {
  const headingId = useId();
  const steps = stepTree(task.children);
  return (
    <section className="steps-tree" aria-labelledby={headingId}>
      <h2 id={headingId}>Steps</h2>
      {steps.length === 0 ? <p className="hint">The steps appear once the workflow is validated.</p> : (
        <ol className="step-list" aria-label="Steps">
          {steps.map(({ step, depth }) => {
            const name = step.stepRef ?? kindLabel(step.kind);
            const took = elapsed(step.startedAt, step.finishedAt, now);
            const measured = step.status === 'PROCESSING' || step.status === 'FINISHING';
            return (
              <li key={step.id} className="step-item" style={{ marginInlineStart: `${depth * 1.5}rem` }} data-task-id={step.id} data-step={name}>
                <StatusBadge status={step.status} />
                <span className="step-name">
                  {depth > 0 && <span className="after" aria-hidden="true">↳ </span>}
                  <a href={hrefOf.task(step.id)}>{name}</a>
                </span>
                <span className="kind">{kindLabel(step.kind)}</span>
                <span className="step-progress">
                  {!isTerminal(step.status) && <ProgressBar value={measured ? step.progress : null} label={`Progress of ${name}`} />}
                  {step.status === 'FAILED' && step.error && <span className="error-code" title={step.error.message}>{step.error.code}: {step.error.message}</span>}
                </span>
                <span className="duration">{took == null ? '' : formatDuration(took)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
