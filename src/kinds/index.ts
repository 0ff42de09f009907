// The registry of task kinds: adding a kind is adding its file and one line here.
import { adaptiveVideoKind } from './adaptive-video.js';
import { animationKind } from './animation.js';
import { audioKind } from './audio.js';
import { chaptersKind } from './chapters.js';
import { descriptionKind } from './description.js';
import { imageKind } from './image.js';
import { nsfwKind } from './nsfw.js';
import { promptKind } from './prompt.js';
import { speechKind } from './speech.js';
import { subtitlesKind } from './subtitles.js';
import { thumbnailsKind } from './thumbnails.js';
import { videoKind } from './video.js';
import { createWorkflowKind } from './workflow.js';
import type { TaskKind } from './task-kind.js';

export const taskKinds = {
  video: videoKind,
  image: imageKind,
  audio: audioKind,
  adaptive_video: adaptiveVideoKind,
  animation: animationKind,
  thumbnails: thumbnailsKind,
  subtitles: subtitlesKind,
  chapters: chaptersKind,
  speech: speechKind,
  nsfw: nsfwKind,
  description: descriptionKind,
  prompt: promptKind,
  // Steps are kinds of this registry: the workflow kind looks them up here when it validates.
  workflow: createWorkflowKind((name) => findTaskKind(name)),
} as const satisfies Record<string, TaskKind<any>>;

export type TaskKindName = keyof typeof taskKinds;

export function findTaskKind(name: string): TaskKind | undefined {
  return Object.hasOwn(taskKinds, name) ? (taskKinds[name as TaskKindName] as unknown as TaskKind) : undefined;
}
