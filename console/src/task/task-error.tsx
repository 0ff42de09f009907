// Why the task failed, and what to do about it (ui/error-help.ts, by code).
import { useId } from 'react';
import { errorHelp } from '../ui/error-help.js';
import type { TaskDetail } from './task-types.js';

export function TaskErrorPanel({ error }: { error: NonNullable<TaskDetail['error']> }) {
  const headingId = useId();
  return (
    <section className="card task-error" aria-labelledby={headingId}>
      <h2 id={headingId}>Error</h2>
      <dl className="facts">
        <div className="fact"><dt>Code</dt><dd><code data-testid="error-code">{error.code}</code></dd></div>
        <div className="fact"><dt>Message</dt><dd>{error.message}</dd></div>
        <div className="fact"><dt>What to do</dt><dd>{errorHelp[error.code]}</dd></div>
      </dl>
    </section>
  );
}
