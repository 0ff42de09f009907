// A task's page (#/tasks/<id>): header and actions, the error of a failed task, the outputs shown
// (one player for a workflow's steps together), the steps of a workflow, then the timeline, the
// input's facts and the options as applied. Live through useLiveTask: no polling.
import './task.css';
import { useId } from 'react';
import { hrefOf } from '../router.js';
import { isTerminal } from '../ui/status-badge.js';
import { useNow } from '../ui/use-now.js';
import { InputFacts } from './input-facts.js';
import { OptionsView } from './options-view.js';
import { OutputsSection } from './outputs/outputs-section.js';
import { StepsTree } from './steps-tree.js';
import { TaskActions } from './task-actions.js';
import { TaskErrorPanel } from './task-error.js';
import { TaskHeader } from './task-header.js';
import { Timeline } from './timeline.js';
import { useLiveTask } from './use-live-task.js';

export function TaskPage({ id }: { id: string }) {
  const { task, error, refollow } = useLiveTask(id);
  const headingId = useId();
  const running = task ? !isTerminal(task.status) || task.children.some((step) => !isTerminal(step.status)) : false;
  const now = useNow(running);

  if (task === undefined) {
    return error
      ? (
        <section className="task-page">
          <h1>Task</h1>
          <p role="alert" className="error">Could not read this task: {error}</p>
          <p className="buttons-row">
            <button type="button" onClick={refollow}>Try again</button>
            <a href={hrefOf.tasks()}>Back to the tasks</a>
          </p>
        </section>
      )
      : <p aria-busy="true">Loading…</p>;
  }
  if (task === null) {
    return (
      <section className="task-page">
        <h1>No such task</h1>
        <p>It may have been deleted. <a href={hrefOf.tasks()}>Back to the tasks</a></p>
      </section>
    );
  }

  return (
    <article className="task-page" aria-labelledby={headingId} data-task-id={task.id}>
      <TaskHeader task={task} now={now} headingId={headingId} />
      <TaskActions task={task} onRetried={refollow} />
      {error && <p role="alert" className="error">Could not refresh this task: {error}</p>}
      {task.status === 'FAILED' && task.error && <TaskErrorPanel error={task.error} />}
      <OutputsSection task={task} />
      {task.kind === 'WORKFLOW' && <StepsTree task={task} now={now} />}
      <div className="task-details">
        <Timeline task={task} />
        <InputFacts task={task} />
        <OptionsView task={task} />
      </div>
    </article>
  );
}
