// Reads, subscription payloads and feed changes arrive out of order: the later updatedAt wins,
// for the task and for each of its workflow steps separately.
import type { ConsoleTaskRowFragment } from '../generated/graphql.js';
import { isLater } from '../tasks/live-rows.js';
import type { TaskDetail, TaskStep } from './task-types.js';


/** The task after a full read or a taskUpdated payload. */
export function mergeTask(current: TaskDetail | null | undefined, incoming: TaskDetail): TaskDetail {
  if (!current || current.id !== incoming.id) return incoming;
  const base = isLater(current, incoming) ? incoming : current;
  const previous = new Map(current.children.map((child) => [child.id, child]));
  const children = incoming.children.map((child) => {
    const known = previous.get(child.id);
    return known && !isLater(known, child) ? known : child;
  });
  return { ...base, children };
}

/** The task after a taskEvents change of one of its steps (a row: no outputs or result yet). */
export function mergeStepChange(current: TaskDetail, change: ConsoleTaskRowFragment): TaskDetail {
  const known = current.children.find((child) => child.id === change.id);
  if (known && !isLater(known, change)) return current;
  const step: TaskStep = known
    ? { ...known, ...change }
    : { ...change, result: null, typedResult: null, outputs: [], hls: null };
  const children = known ? current.children.map((child) => (child.id === change.id ? step : child)) : [...current.children, step];
  return { ...current, children };
}
