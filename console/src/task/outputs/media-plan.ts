// What one player shows for a task: the best playable media (the HLS ladder, else a video or audio
// output, else the stored input), with the captions, storyboard, transcript and chapters any of its
// sources made. For a workflow the sources are its steps, so "web video + thumbnails + captions"
// plays as one: HLS with a caption track, seek-bar previews and a clickable transcript.
import type { OutputSource, ResultOf, TaskDetail, TaskOutput } from '../task-types.js';

export interface PlayableMedia {
  element: 'video' | 'audio';
  src: string;
  hls: boolean;
  poster: string | null;
  /** What is playing, for people: "HLS ladder of adaptive_video-1", "the stored input". */
  label: string;
  /** The output played, so its step's own view does not play it a second time. */
  outputId: string | null;
}

export interface MediaPlan {
  player: PlayableMedia | null;
  captions: { url: string; language: string; outputId: string } | null;
  storyboard: { url: string; outputId: string } | null;
  segments: ResultOf<'SpeechResult'>['segments'] | null;
  chapters: ResultOf<'ChaptersResult'>['chapters'] | null;
}

const isVtt = (output: TaskOutput) => output.mimeType === 'text/vtt' || output.path.endsWith('.vtt');
const mediaKinds = new Set(['ADAPTIVE_VIDEO', 'VIDEO', 'AUDIO', 'IMAGE', 'ANIMATION']);

function sourceName(source: OutputSource): string {
  return source.stepRef ?? source.kind.toLowerCase();
}

export function hlsUrlOf(source: OutputSource): { url: string; outputId: string | null } | null {
  const master = source.outputs.find((output) => output.kind === 'PLAYLIST' && output.path.endsWith('master.m3u8'))
    ?? source.outputs.find((output) => output.kind === 'PLAYLIST' && output.path.endsWith('.m3u8'));
  if (source.hls?.videoUrl) return { url: source.hls.videoUrl, outputId: master?.id ?? null };
  return master ? { url: master.url, outputId: master.id } : null;
}

/** A file a media element plays itself (an HLS segment is not one). */
export function isPlayableFile(output: TaskOutput): 'video' | 'audio' | null {
  if (output.kind === 'VIDEO' && output.mimeType.startsWith('video/') && output.mimeType !== 'video/mp2t') return 'video';
  if (output.kind === 'AUDIO' && output.mimeType.startsWith('audio/')) return 'audio';
  return null;
}

function posterOf(sources: OutputSource[]): string | null {
  for (const source of sources) {
    const poster = source.outputs.find((output) => output.kind === 'IMAGE' && output.filename === 'poster.jpg');
    if (poster) return poster.url;
    if (source.hls?.thumbnailUrls[0]) return source.hls.thumbnailUrls[0];
  }
  return null;
}

function resultOf<Name extends NonNullable<OutputSource['typedResult']>['__typename']>(sources: OutputSource[], name: Name): ResultOf<Name> | null {
  for (const source of sources) if (source.typedResult?.__typename === name) return source.typedResult as ResultOf<Name>;
  return null;
}

/** `sources`: the task itself, then its workflow steps; only finished ones have outputs. */
export function planMedia(task: TaskDetail, sources: OutputSource[]): MediaPlan {
  const done = sources.filter((source) => source.status === 'SUCCEEDED');
  const poster = posterOf(done);
  let player: PlayableMedia | null = null;

  for (const source of done) {
    const hls = hlsUrlOf(source);
    if (hls) {
      player = { element: 'video', src: hls.url, hls: true, poster, label: `HLS ladder of ${sourceName(source)}`, outputId: hls.outputId };
      break;
    }
  }
  for (const wanted of ['video', 'audio'] as const) {
    for (const source of done) {
      if (player) break;
      const file = source.outputs.find((output) => isPlayableFile(output) === wanted);
      if (file) player = { element: wanted, src: file.url, hls: false, poster: wanted === 'video' ? poster : null, label: file.filename, outputId: file.id };
    }
  }
  // Captions, chapters, a transcript or a storyboard of the input: play the input they are about.
  const mime = task.input?.mimeType ?? '';
  if (!player && task.status === 'SUCCEEDED' && task.input?.url && !mediaKinds.has(task.kind) && /^(video|audio)\//.test(mime)) {
    player = { element: mime.startsWith('video/') ? 'video' : 'audio', src: task.input.url, hls: false, poster, label: 'the stored input', outputId: null };
  }

  const captionOutput = done.flatMap((source) => source.outputs).find((output) => output.kind === 'SUBTITLES' && isVtt(output));
  const subtitles = resultOf(done, 'SubtitlesResult');
  const language = subtitles?.language ?? /\.([a-z]{2,3}(?:-[a-z0-9]+)*)\.vtt$/i.exec(captionOutput?.path ?? '')?.[1] ?? 'en';
  const storyboardOutput = done.flatMap((source) => source.outputs).find((output) => output.kind === 'THUMBNAILS' && isVtt(output));
  const speech = resultOf(done, 'SpeechResult');

  return {
    player,
    captions: captionOutput ? { url: captionOutput.url, language, outputId: captionOutput.id } : null,
    storyboard: storyboardOutput ? { url: storyboardOutput.url, outputId: storyboardOutput.id } : null,
    segments: speech && speech.segments.length > 0 ? speech.segments : null,
    chapters: resultOf(done, 'ChaptersResult')?.chapters ?? null,
  };
}
