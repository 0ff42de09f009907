// `workflow`: steps (kinds with options) that run in parallel; a step's `next` steps run after it
// succeeds, on its output. The steps become child tasks (src/workflows); this kind only defines
// and checks the options — it never runs a handler of its own.
import { z } from 'zod';
import type { IntelligenceCapabilities } from '../ml/intelligence.js';
import { defineTaskKind, parseKindOptions, type CapabilityProblem, type TaskKind } from './task-kind.js';

/** The registry's lookup, passed in: importing the registry here would make an import cycle. */
export type KindLookup = (name: string) => TaskKind | undefined;

export const maxWorkflowSteps = 50;

/** A step as checked here, with its kind's options parsed: what the planner (src/workflows) lays out. */
export interface WorkflowStepSpec {
  kind: string;
  options: Record<string, unknown>;
  ref?: string;
  next?: WorkflowStepSpec[];
}

export function countSteps(steps: Array<{ next?: unknown[] }>): number {
  return steps.reduce((sum, step) => sum + 1 + countSteps((step.next ?? []) as Array<{ next?: unknown[] }>), 0);
}

export interface WorkflowStepInput {
  kind: string;
  ref?: string;
  /** One-of, as in createTask: `{ thumbnails: { count: 3 } }`. */
  options?: Record<string, Record<string, unknown> | null>;
  next?: WorkflowStepInput[];
}

const stepSchema: z.ZodType<WorkflowStepInput> = z.lazy(() => z.object({
  kind: z.string().describe('The step\'s kind (not workflow).'),
  ref: z.string().regex(/^[A-Za-z][\w-]{0,39}$/, 'letters, digits, _ and -, starting with a letter').optional()
    .describe('A name for the step, unique in the workflow; by default kind-N.'),
  options: z.record(z.string(), z.record(z.string(), z.unknown()).nullable()).optional()
    .describe('The step\'s options under its kind\'s name, as in createTask.'),
  next: z.array(stepSchema).max(20).optional().describe('Steps that run after this one succeeds, on its output.'),
}).strict());

function workflowOptions(findTaskKind: KindLookup) {
  return z.object({
    steps: z.array(stepSchema).min(1).max(20).describe('Steps started together on the workflow\'s input.'),
  }).superRefine((workflow, context) => {
    const refs = new Set<string>();
    const check = (steps: WorkflowStepInput[], path: (string | number)[]) => steps.forEach((step, index) => {
      const at = [...path, index];
      const kind = findTaskKind(step.kind);
      if (!kind || kind.name === 'workflow') {
        context.addIssue({ code: 'custom', path: [...at, 'kind'], message: kind ? 'a workflow step cannot be a workflow' : `unknown kind "${step.kind}"` });
        return;
      }
      if (step.ref) {
        if (refs.has(step.ref)) context.addIssue({ code: 'custom', path: [...at, 'ref'], message: `ref "${step.ref}" is used twice` });
        refs.add(step.ref);
      }
      const given = Object.keys(step.options ?? {}).filter((name) => step.options![name] !== null);
      const foreign = given.find((name) => name !== kind.name);
      if (foreign) context.addIssue({ code: 'custom', path: [...at, 'options', foreign], message: `does not match kind ${kind.name}; give options.${kind.name}` });
      const parsed = parseKindOptions(kind, step.options?.[kind.name] ?? {});
      for (const issue of parsed.success ? [] : parsed.issues) context.addIssue({ ...issue, code: 'custom', path: [...at, 'options', kind.name, ...issue.path] } as never);
      check(step.next ?? [], [...at, 'next']);
    });
    check(workflow.steps, ['steps']);
    const total = countSteps(workflow.steps);
    if (total > maxWorkflowSteps) context.addIssue({ code: 'custom', path: ['steps'], message: `${total} steps; at most ${maxWorkflowSteps}` });
  });
}

/** A validated step with its kind's options parsed (defaults filled), for the planner. */
export function workflowStepSpec(step: WorkflowStepInput, findTaskKind: KindLookup): WorkflowStepSpec {
  const kind = findTaskKind(step.kind);
  const parsed = kind && parseKindOptions(kind, step.options?.[step.kind] ?? {});
  if (!parsed?.success) throw new Error(`workflow step ${step.ref ?? step.kind} does not validate`); // createTask validated it
  return {
    kind: step.kind,
    ref: step.ref,
    options: parsed.options,
    next: step.next?.map((next) => workflowStepSpec(next, findTaskKind)),
  };
}

export const workflowResult = z.strictObject({
  steps: z.array(z.strictObject({
    ref: z.string().nullable().describe('The step\'s ref (given, or kind-N; speech-N for an added prerequisite).'),
    kind: z.string().meta({ graphqlType: 'TaskKind' }).describe('The step\'s kind.'),
    taskId: z.string().describe('The step task\'s UUID (task(id:) takes it).'),
    status: z.string().meta({ graphqlType: 'TaskStatus' }).describe('The step\'s status when the workflow ended.'),
    dependsOn: z.string().nullable().describe('The UUID of the step it ran after, or null for a top-level step.'),
  }).meta({ title: 'WorkflowStepSummary', typeDescription: 'A step of a finished workflow.' })).describe('Every step, in plan order.'),
});

export function createWorkflowKind(findTaskKind: KindLookup) {
  return defineTaskKind({
    name: 'workflow',
    description: 'Steps (each a kind with its options) that run in parallel as child tasks; a step\'s next steps run after it, on its output. subtitles and chapters get a shared speech step before them.',
    options: workflowOptions(findTaskKind),
    result: workflowResult,
    checkCapabilities: (options, capabilities) => firstProblem(options.steps, ['steps'], capabilities, findTaskKind),
    unsupportedInput: () => null,
    async run() {
      throw new Error('workflow tasks are run by the workflow coordinator, not as a kind handler');
    },
  });
}

function firstProblem(steps: WorkflowStepInput[], path: (string | number)[], capabilities: IntelligenceCapabilities, findTaskKind: KindLookup): CapabilityProblem | null {
  for (const [index, step] of steps.entries()) {
    const kind = findTaskKind(step.kind)!;
    const problem = kind.checkCapabilities?.(workflowStepSpec(step, findTaskKind).options as never, capabilities);
    if (problem) return { option: [...path, index, 'options', kind.name, ...(problem.option ? [problem.option] : [])].join('.'), message: problem.message };
    const nested = firstProblem(step.next ?? [], [...path, index, 'next'], capabilities, findTaskKind);
    if (nested) return nested;
  }
  return null;
}
