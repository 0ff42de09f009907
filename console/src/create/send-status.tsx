// Where one input is in its sending: upload progress (bytes sent of total) with a Cancel button,
// creating, created (a link to the task), failed (the server's message) or cancelled.
import { hrefOf } from '../router.js';
import { formatBytes } from '../ui/format.js';
import { ProgressBar } from '../ui/progress-bar.js';
import type { SendState } from './upload-queue.js';

export function SendStatus({ name, state, onCancel }: { name: string; state: SendState; onCancel(): void }) {
  const cancel = <button type="button" className="small" onClick={onCancel} aria-label={`Cancel upload of ${name}`}>Cancel</button>;
  switch (state.phase) {
    case 'ready':
      return null;
    case 'uploading':
      return (
        <div className="send-status">
          <ProgressBar value={state.total ? (state.sent / state.total) * 100 : 0} label={`Uploading ${name}`} />
          <span className="bytes">{formatBytes(state.sent)} of {formatBytes(state.total)}</span>
          {cancel}
        </div>
      );
    case 'creating':
      return <div className="send-status"><span className="hint">Creating the task…</span>{cancel}</div>;
    case 'created':
      return <div className="send-status"><span className="done">Created.</span> <a href={hrefOf.task(state.taskId)} aria-label={`Open the task for ${name}`}>Open the task</a></div>;
    case 'failed':
      // An option's error is shown at its field; here it only needs naming.
      if (state.error.field?.startsWith('options.')) return <p className="field-error send-status">Not created: the server refused {state.error.field}.</p>;
      return <p className="field-error send-status">Not created: {state.error.message} <span className="code">({state.error.code})</span></p>;
    case 'cancelled':
      return <p className="hint send-status">Upload cancelled. It is sent again with the next Create.</p>;
  }
}
