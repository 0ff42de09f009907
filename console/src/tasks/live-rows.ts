// Merges a task change from taskEvents into the rows a list shows: an update of a row or of a
// workflow's step, or a new top-level task at the top of the first page when it passes the filter.
import type { ConsoleTaskRowFragment, TaskKind, TaskStatus } from '../generated/graphql.js';

export type Row = ConsoleTaskRowFragment & { children: ConsoleTaskRowFragment[] };

export interface ListFilter {
  status: TaskStatus | '';
  kind: TaskKind | '';
  filename: string;
}

/** With a kind chosen the list shows workflow steps of that kind as rows (Query.tasks without topLevel). */
export function stepsListed(filter: ListFilter): boolean {
  return filter.kind !== '';
}

export function matches(task: ConsoleTaskRowFragment, filter: ListFilter): boolean {
  if (filter.status && task.status !== filter.status) return false;
  if (filter.kind && task.kind !== filter.kind) return false;
  if (filter.filename && !(task.input?.filename ?? '').toLowerCase().includes(filter.filename.toLowerCase())) return false;
  return true;
}

/**
 * Rows after a change; `added` tells whether a new row was put on top. Only a task newer than
 * every row is new (an older one changing is on a later page); the page then grows by one
 * rather than dropping its last row, which the next page's cursor would never reach.
 */
export function mergeChange(rows: Row[], change: ConsoleTaskRowFragment, options: { firstPage: boolean; filter: ListFilter }): { rows: Row[]; added: boolean } {
  const parentIndex = change.parent ? rows.findIndex((row) => row.id === change.parent!.id) : -1;
  // A step updates its workflow's tree; on its own it is a row only where steps are listed (a kind filter).
  if (change.parent && parentIndex < 0 && !stepsListed(options.filter)) return { rows, added: false };
  if (change.parent && parentIndex >= 0) {
    const parent = rows[parentIndex];
    const children = parent.children.some((child) => child.id === change.id)
      ? parent.children.map((child) => (child.id === change.id ? newer(child, change) : child))
      : [...parent.children, change];
    return { rows: rows.map((row, index) => (index === parentIndex ? { ...row, children } : row)), added: false };
  }
  const index = rows.findIndex((row) => row.id === change.id);
  if (index >= 0) return { rows: rows.map((row, at) => (at === index ? { ...newer(row, change), children: row.children } : row)), added: false };
  if (!options.firstPage || !matches(change, options.filter)) return { rows, added: false };
  if (rows.length > 0 && Date.parse(change.createdAt) < Date.parse(rows[0].createdAt)) return { rows, added: false };
  return { rows: [{ ...change, children: [] }, ...rows], added: true };
}

/** Whether `incoming` is as new as `current` or newer: reads, payloads and changes arrive out of order. */
export function isLater(current: { updatedAt: string }, incoming: { updatedAt: string }): boolean {
  return Date.parse(incoming.updatedAt) >= Date.parse(current.updatedAt);
}

/** The row after a change: the later updatedAt wins. */
function newer<T extends { updatedAt: string }>(current: T, change: T): T {
  return isLater(current, change) ? { ...current, ...change } : current;
}

/** A workflow's steps in run order: each after the step it depends on, depth for indenting. */
export function stepTree(children: ConsoleTaskRowFragment[]): Array<{ step: ConsoleTaskRowFragment; depth: number }> {
  const byParent = new Map<string | null, ConsoleTaskRowFragment[]>();
  const ids = new Set(children.map((child) => child.id));
  for (const child of children) {
    const after = child.dependsOn && ids.has(child.dependsOn.id) ? child.dependsOn.id : null;
    byParent.set(after, [...(byParent.get(after) ?? []), child]);
  }
  const ordered: Array<{ step: ConsoleTaskRowFragment; depth: number }> = [];
  const visit = (after: string | null, depth: number) => {
    const steps = [...(byParent.get(after) ?? [])].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    for (const step of steps) {
      ordered.push({ step, depth });
      visit(step.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}
