// The workflow planner: refs, dependencies and shared speech prerequisites.
import { describe, expect, it } from 'vitest';
import { planWorkflow, type PlannedStep } from '../src/workflows/workflow-plan.js';

const edges = (plan: PlannedStep[]) => plan.map((step) => `${step.ref}<-${step.dependsOn ?? 'input'}${step.added ? ' (added)' : ''}`);

describe('workflow plan', () => {
  it('puts subtitles and chapters under the user\'s own speech step', () => {
    const plan = planWorkflow([
      { kind: 'video', options: {}, next: [{ kind: 'thumbnails', options: {} }] },
      { kind: 'speech', options: {}, next: [{ kind: 'subtitles', options: {} }] },
      { kind: 'chapters', options: {} },
    ], { hasAudio: true });
    expect(edges(plan)).toEqual(['speech-1<-input', 'subtitles-1<-speech-1', 'video-1<-input', 'thumbnails-1<-video-1', 'chapters-1<-speech-1']);
  });

  it('adds one speech step per input and language, shared', () => {
    const plan = planWorkflow([
      { kind: 'subtitles', options: {} },
      { kind: 'chapters', options: {} },
      { kind: 'subtitles', ref: 'german', options: { language: 'de' } },
      { kind: 'video', ref: 'short', options: {}, next: [{ kind: 'subtitles', ref: 'short-subs', options: {} }] },
    ], { hasAudio: true });
    expect(edges(plan)).toEqual([
      'speech-1<-input (added)', 'subtitles-1<-speech-1', 'chapters-1<-speech-1',
      'speech-2<-input (added)', 'german<-speech-2',
      'short<-input', 'speech-3<-short (added)', 'short-subs<-speech-3',
    ]);
    expect(plan.find((step) => step.ref === 'speech-2')!.options).toEqual({ language: 'de' });
  });

  it('gives chapters no transcript on media without sound', () => {
    expect(edges(planWorkflow([{ kind: 'chapters', options: {} }], { hasAudio: false }))).toEqual(['chapters-1<-input']);
  });

  it('never generates a ref the user took', () => {
    const plan = planWorkflow([{ kind: 'image', ref: 'image-1', options: {} }, { kind: 'image', options: {} }], { hasAudio: false });
    expect(plan.map((step) => step.ref)).toEqual(['image-1', 'image-2']);
  });
});
