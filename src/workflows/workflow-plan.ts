// Turns a workflow's step tree into the child tasks to create: every step with a ref and the step
// it depends on, plus the prerequisites it needs. `subtitles` and `chapters` (on media with
// sound) need a transcript: they are placed under a `speech` step of the same input and
// language — the user's own if there is one among their siblings, else one added and shared.
import type { WorkflowStepSpec } from '../kinds/workflow.js';

export interface PlannedStep {
  ref: string;
  kind: string;
  options: Record<string, unknown>;
  /** The ref of the step it runs after (on its output), or null for a top-level step. */
  dependsOn: string | null;
  /** A prerequisite the planner added. */
  added: boolean;
}

export interface PlanFacts {
  /** Whether the workflow's input has sound (chapters only need a transcript then). */
  hasAudio: boolean;
}

export function planWorkflow(steps: WorkflowStepSpec[], facts: PlanFacts): PlannedStep[] {
  const planned: PlannedStep[] = [];
  const taken = new Set<string>();
  collectRefs(steps, taken);
  const counters = new Map<string, number>();
  const newRef = (kind: string) => {
    let ref: string;
    do {
      const count = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, count);
      ref = `${kind}-${count}`;
    } while (taken.has(ref));
    taken.add(ref);
    return ref;
  };

  const needsTranscript = (step: WorkflowStepSpec) => step.kind === 'subtitles' || (step.kind === 'chapters' && facts.hasAudio);
  const languageOf = (step: WorkflowStepSpec) => String(step.options.language ?? '');

  /** Places siblings that share one input: `parent` is the step they follow (null: the workflow's input). */
  function place(siblings: WorkflowStepSpec[], parent: { ref: string; step: WorkflowStepSpec } | null): void {
    const refs = new Map(siblings.map((step) => [step, step.ref ?? newRef(step.kind)]));
    const speechByLanguage = new Map<string, string>();
    if (parent?.step.kind === 'speech') speechByLanguage.set(languageOf(parent.step), parent.ref);
    // The user's speech steps first: their dependents must be created after them.
    const ordered = [...siblings.filter((step) => step.kind === 'speech'), ...siblings.filter((step) => step.kind !== 'speech')];
    for (const step of ordered) {
      const ref = refs.get(step)!;
      if (step.kind === 'speech' && !speechByLanguage.has(languageOf(step))) speechByLanguage.set(languageOf(step), ref);
      let dependsOn = parent?.ref ?? null;
      if (needsTranscript(step)) {
        const language = languageOf(step);
        let speechRef = speechByLanguage.get(language);
        if (!speechRef) {
          speechRef = newRef('speech');
          speechByLanguage.set(language, speechRef);
          planned.push({ ref: speechRef, kind: 'speech', options: language ? { language } : {}, dependsOn, added: true });
        }
        dependsOn = speechRef;
      }
      planned.push({ ref, kind: step.kind, options: step.options, dependsOn, added: false });
      place(step.next ?? [], { ref, step });
    }
  }

  place(steps, null);
  return planned;
}

function collectRefs(steps: WorkflowStepSpec[], refs: Set<string>): void {
  for (const step of steps) {
    if (step.ref) refs.add(step.ref);
    collectRefs(step.next ?? [], refs);
  }
}
