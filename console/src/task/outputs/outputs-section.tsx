// The Outputs section: one player for everything playable (a workflow's steps together), then
// what each task or step produced.
import { useId } from 'react';
import { stepTree } from '../../tasks/live-rows.js';
import { isTerminal } from '../../ui/status-badge.js';
import type { OutputSource, TaskDetail } from '../task-types.js';
import { planMedia } from './media-plan.js';
import { MediaView } from './media-view.js';
import { SourceOutputs } from './source-outputs.js';

/** The task, then its workflow steps in run order. */
export function outputSources(task: TaskDetail): OutputSource[] {
  const byId = new Map(task.children.map((child) => [child.id, child]));
  const steps = stepTree(task.children).map(({ step }) => byId.get(step.id)!);
  return [task, ...steps];
}

export function OutputsSection({ task }: { task: TaskDetail }) {
  const headingId = useId();
  const sources = outputSources(task);
  const plan = planMedia(task, sources);
  const workflow = task.kind === 'WORKFLOW';
  // A workflow's own result lists its steps, which the Steps section shows better.
  const shown = sources.filter((source) => !(workflow && source === task) && (source.outputs.length > 0 || source.result != null || source.typedResult != null));
  const nothing = !plan.player && shown.length === 0;
  return (
    <section className="outputs" aria-labelledby={headingId}>
      <h2 id={headingId}>Outputs</h2>
      {nothing && (
        <p className="hint">
          {isTerminal(task.status) ? 'This task left no outputs.' : 'The outputs appear here as soon as they are made.'}
        </p>
      )}
      {plan.player && <MediaView key={plan.player.src} plan={plan} player={plan.player} fallbackDuration={task.input?.duration ?? null} />}
      <div className={workflow ? 'step-outputs' : undefined}>
        {shown.map((source) => <SourceOutputs key={source.id} source={source} plan={plan} step={source !== task} />)}
      </div>
    </section>
  );
}
