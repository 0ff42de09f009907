// The shapes the task page works with, named once (the generated types spell them out inline).
import type { ConsoleTaskDetailFragment, ConsoleTaskOutputFragment, ConsoleTypedResultFragment } from '../generated/graphql.js';

export type TaskDetail = ConsoleTaskDetailFragment;
export type TaskStep = TaskDetail['children'][number];
export type TaskOutput = ConsoleTaskOutputFragment;
export type TypedResult = ConsoleTypedResultFragment;

/** What the outputs views need of a task or of a workflow step. */
export interface OutputSource {
  id: string;
  kind: TaskDetail['kind'];
  status: TaskDetail['status'];
  stepRef: string | null;
  outputs: TaskOutput[];
  result: unknown;
  typedResult: TypedResult | null;
  hls: TaskDetail['hls'];
}

/** One kind of typed result, picked by its __typename. */
export type ResultOf<Name extends TypedResult['__typename']> = Extract<TypedResult, { __typename: Name }>;
