import { MediaTasksError } from './errors.js';

/** Waits ms, or rejects with ABORTED as soon as the signal fires. */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new MediaTasksError('ABORTED', 'Aborted.'));
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(new MediaTasksError('ABORTED', 'Aborted.')); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
