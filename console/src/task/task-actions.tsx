// Cancel, retry and delete, as the server allows them by status. Delete asks in place (a second
// button), then goes back to the list. Failures show in an alert beside the buttons.
import { useEffect, useRef, useState } from 'react';
import { useConnection } from '../api/connection.js';
import { hrefOf, navigate } from '../router.js';
import { isTerminal } from '../ui/status-badge.js';
import type { TaskDetail } from './task-types.js';
import { describeError } from '../ui/format.js';

type Action = 'cancel' | 'retry' | 'delete';

export function TaskActions({ task, onRetried }: { task: TaskDetail; onRetried(): void }) {
  const { client } = useConnection();
  const [busy, setBusy] = useState<Action | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const groupRef = useRef<HTMLDivElement>(null);
  // The button pressed goes away (Cancel becomes Retry and Delete): keep the focus in the group.
  const [refocus, setRefocus] = useState(false);
  const terminal = isTerminal(task.status);

  useEffect(() => {
    if (!refocus) return;
    const first = groupRef.current?.querySelector<HTMLButtonElement>('button:not(:disabled)');
    if (first) {
      first.focus();
      setRefocus(false);
    }
  });

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (!terminal) setConfirming(false);
  }, [terminal]);

  const run = async (action: Action) => {
    setBusy(action);
    setError(null);
    try {
      if (action === 'cancel') await client.cancel(task.id);
      if (action === 'retry') {
        await client.retry(task.id);
        onRetried();
      }
      if (action === 'delete') {
        await client.delete(task.id);
        navigate(hrefOf.tasks());
        return;
      }
      setRefocus(true);
    } catch (failure) {
      setError(`Could not ${action} this task: ${describeError(failure)}`);
    }
    setBusy(null);
    setConfirming(false);
  };

  return (
    <div className="task-actions">
      <div className="buttons" role="group" aria-label="Actions" ref={groupRef}>
        {!terminal && <button type="button" className="danger" disabled={busy != null} onClick={() => run('cancel')}>{busy === 'cancel' ? 'Cancelling…' : 'Cancel'}</button>}
        {(task.status === 'FAILED' || task.status === 'CANCELLED') && (
          <button type="button" className="primary" disabled={busy != null} onClick={() => run('retry')}>{busy === 'retry' ? 'Retrying…' : 'Retry'}</button>
        )}
        {terminal && !confirming && <button type="button" className="danger" disabled={busy != null} onClick={() => setConfirming(true)}>Delete</button>}
        {terminal && confirming && (
          <>
            <span className="confirm-note">Delete this task and its outputs?</span>
            <button type="button" ref={confirmRef} className="danger-solid" disabled={busy != null} onClick={() => run('delete')}>{busy === 'delete' ? 'Deleting…' : 'Confirm delete'}</button>
            <button type="button" disabled={busy != null} onClick={() => setConfirming(false)}>Keep it</button>
          </>
        )}
      </div>
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
