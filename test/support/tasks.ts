// The steps nearly every test takes with a task: create it (no GraphQL errors allowed), then
// follow taskUpdated until the server completes it at the task's end.
import { expect } from 'vitest';
import { CreateTaskDocument, TaskUpdatedDocument, type CreateTaskInput, type TaskUpdatedSubscription } from '../generated/graphql.js';
import type { GraphQLTestClient } from './graphql-client.js';

export async function createTask(client: GraphQLTestClient, input: CreateTaskInput): Promise<string> {
  const created = await client.request(CreateTaskDocument, { input });
  expect(created.errors).toBeUndefined();
  return created.data!.createTask.id;
}

/** Creates the task and waits until it has ended: its id and every taskUpdated event seen. */
export async function runTaskToEnd(client: GraphQLTestClient, input: CreateTaskInput, options: { completeWithinMs?: number } = {}): Promise<{ id: string; events: TaskUpdatedSubscription[] }> {
  const id = await createTask(client, input);
  const events = await client.subscribe(TaskUpdatedDocument, { id }, options).done;
  return { id, events };
}
