// The options the task runs with, defaults filled in, as a readable list (not raw JSON).
import { useId } from 'react';
import { JsonList, RawJson } from './json-list.js';
import type { TaskDetail } from './task-types.js';

export function OptionsView({ task }: { task: TaskDetail }) {
  const headingId = useId();
  const options = task.options;
  const isObject = options != null && typeof options === 'object' && !Array.isArray(options);
  return (
    <section className="card options" aria-labelledby={headingId}>
      <h2 id={headingId}>Options</h2>
      {isObject ? <JsonList value={options as Record<string, unknown>} label="Options as applied" /> : <p className="hint">None.</p>}
      {task.metadata != null && (
        <>
          <h3>Metadata</h3>
          {typeof task.metadata === 'object' && !Array.isArray(task.metadata) ? <JsonList value={task.metadata as Record<string, unknown>} label="Metadata" /> : <p>{String(task.metadata)}</p>}
        </>
      )}
      {isObject && <RawJson value={options} summary="Options as JSON" />}
    </section>
  );
}
