// The statements of workflow coordination that are not lifecycle transitions.
import type { Statement } from '../tasks/task-sql.js';
import type { TaskStatus } from '../tasks/task-status.js';

export interface WorkflowRow {
  id: string;
  status: TaskStatus;
  inputKey: string | null;
  inputHasAudio: boolean | null;
  options: { steps: unknown[] };
  owner: string | null;
  /** Its steps' jobs continue the workflow's trace (tracing/tracing.ts). */
  traceContext: Record<string, string> | null;
}

export interface StepRow {
  id: string;
  kind: string;
  status: TaskStatus;
  stepRef: string | null;
  dependsOn: string | null;
  released: boolean;
  inputKey: string | null;
  progress: number;
  errorCode: string | null;
  errorMessage: string | null;
}

/** The workflow row, locked: advances of one workflow run one at a time, whichever process runs them. */
export function lockWorkflow(workflowId: string): Statement {
  return {
    text: `SELECT id, status, input_key AS "inputKey", input_has_audio AS "inputHasAudio", options, owner, trace_context AS "traceContext"
      FROM task WHERE id = $1 AND kind = 'workflow' FOR UPDATE`,
    values: [workflowId],
  };
}

export function selectSteps(workflowId: string): Statement {
  return {
    text: `SELECT id, kind, status, step_ref AS "stepRef", depends_on AS "dependsOn", released_at IS NOT NULL AS released,
        input_key AS "inputKey", progress, error_code AS "errorCode", error_message AS "errorMessage"
      FROM task WHERE parent_id = $1 ORDER BY created_at, id`,
    values: [workflowId],
  };
}

const inputFactColumns = ['input_filename', 'input_mime_type', 'input_container', 'input_size', 'input_duration', 'input_width',
  'input_height', 'input_fps', 'input_bitrate', 'input_video_codec', 'input_audio_codec', 'input_rotation', 'input_has_audio', 'input_has_video',
  'input_max_fps', 'input_has_cover_art'];

/**
 * Marks a step handed to the queue, with the input it works on; no row if it already was. When
 * that input is another task's (the workflow's, or a step's that made no media), its probed
 * facts are copied too, so the step's validation need not probe the same file again.
 */
export function releaseStep(stepId: string, inputKey: string | null, factsFrom: string | null): Statement {
  const columns = inputFactColumns.join(', ');
  return {
    text: `UPDATE task SET released_at = clock_timestamp(), input_key = $2,
        (${columns}) = (SELECT ${columns} FROM task source WHERE source.id = $3 AND source.input_key = $2)
      WHERE id = $1 AND released_at IS NULL AND status = 'WAITING' RETURNING id`,
    values: [stepId, inputKey, factsFrom],
  };
}

/** A step about to run again (workflow retry): waiting for its dependency, with no input yet. */
export function unreleaseStep(stepId: string): Statement {
  const cleared = inputFactColumns.map((column) => `${column} = NULL`).join(', ');
  return { text: `UPDATE task SET released_at = NULL, input_key = NULL, ${cleared} WHERE id = $1`, values: [stepId] };
}

/** The first output of a step when it is a media file its next steps can work on. */
export function selectPrimaryMediaOutput(stepId: string): Statement {
  return {
    text: `SELECT storage_key AS "storageKey" FROM (SELECT storage_key, kind FROM task_output WHERE task_id = $1 ORDER BY id LIMIT 1) AS first
      WHERE kind IN ('video', 'audio', 'image')`,
    values: [stepId],
  };
}

export function selectActiveWorkflows(): Statement {
  return { text: `SELECT id FROM task WHERE kind = 'workflow' AND status = 'PROCESSING'`, values: [] };
}

/** Unfinished children of a task: what cancelling it must cancel too. */
export function selectUnfinishedChildren(taskId: string): Statement {
  return { text: `SELECT id FROM task WHERE parent_id = $1 AND status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')`, values: [taskId] };
}
