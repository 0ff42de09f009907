// A few common workflows, offered in the Kind list as "recipe:<id>": each makes one WORKFLOW task
// whose top-level steps all start on the same input.
import type { TaskKind, WorkflowStep } from '@mediatasks/client';

export interface Recipe {
  id: string;
  title: string;
  /** One line, shown under the Kind list. */
  description: string;
  steps: WorkflowStep[];
}

export const recipes: readonly Recipe[] = [
  {
    id: 'web-video',
    title: 'Web video + thumbnails + captions',
    description: 'An HLS ladder to stream, a storyboard for seek-bar previews, and WebVTT captions from the speech.',
    // Subtitles need a transcript: the server adds the speech step they depend on.
    steps: [
      { kind: 'ADAPTIVE_VIDEO' },
      { kind: 'THUMBNAILS', options: { thumbnails: { mode: 'storyboard' } } },
      { kind: 'SUBTITLES', options: { subtitles: { format: 'vtt' } } },
    ],
  },
  {
    id: 'podcast',
    title: 'Podcast: audio + transcript + chapters',
    description: 'An MP3 of the sound, the transcript with segment times, and chapter markers.',
    steps: [{ kind: 'AUDIO' }, { kind: 'SPEECH' }, { kind: 'CHAPTERS' }],
  },
  {
    id: 'photo',
    title: 'Photo: web image + description + safety check',
    description: 'A WebP for the web, a title with tags, and nudity scores.',
    steps: [{ kind: 'IMAGE' }, { kind: 'DESCRIPTION' }, { kind: 'NSFW' }],
  },
];

export const recipePrefix = 'recipe:';

/** The recipe a Kind list value names ("recipe:podcast"), or null for a plain kind. */
export function recipeOf(value: string): Recipe | null {
  if (!value.startsWith(recipePrefix)) return null;
  return recipes.find((recipe) => recipe.id === value.slice(recipePrefix.length)) ?? null;
}

/** Recipes whose every step this server runs. */
export function availableRecipes(kinds: readonly TaskKind[]): Recipe[] {
  const running = new Set<string>(kinds);
  return recipes.filter((recipe) => running.has('WORKFLOW') && recipe.steps.every((step) => running.has(step.kind)));
}
