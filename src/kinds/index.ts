// The registry of task kinds: adding a kind is adding its file and one line here.
import { imageKind } from './image.js';
import type { TaskKind } from './task-kind.js';

export const taskKinds = {
  image: imageKind,
} as const satisfies Record<string, TaskKind<any>>;

export type TaskKindName = keyof typeof taskKinds;

export function findTaskKind(name: string): TaskKind | undefined {
  return Object.hasOwn(taskKinds, name) ? (taskKinds[name as TaskKindName] as unknown as TaskKind) : undefined;
}
