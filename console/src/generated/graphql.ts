/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ChapterTitleSource =
  | 'on_screen_text'
  | 'position'
  | 'transcript';

/** An inclusive range; either end may be left open. */
export type FloatRange = {
  max?: number | null | undefined;
  min?: number | null | undefined;
};

/** An inclusive range; either end may be left open. */
export type IntRange = {
  max?: number | null | undefined;
  min?: number | null | undefined;
};

export type OutputKind =
  | 'AUDIO'
  | 'CHAPTERS'
  | 'IMAGE'
  | 'JSON'
  | 'PLAYLIST'
  | 'SUBTITLES'
  | 'THUMBNAILS'
  | 'VIDEO';

export type SubtitlesFormat =
  | 'srt'
  | 'vtt';

/** Why a task failed (SPEC §6). */
export type TaskErrorCode =
  /** The input address is not allowed (a private or loopback address, or a host outside FETCH_ALLOW_HOSTS). */
  | 'INPUT_FORBIDDEN'
  /** The input is corrupt or truncated. */
  | 'INPUT_INVALID'
  /** The input is over MAX_INPUT_BYTES, or its picture over the pixel limit. */
  | 'INPUT_TOO_LARGE'
  /** The input URL could not be fetched (DNS, connection, HTTP error or a stalled download). Check the URL from the server's network and retry. */
  | 'INPUT_UNREACHABLE'
  /** Not media, or no stream the kind can use (e.g. speech on a silent video): pick another kind or input. */
  | 'INPUT_UNSUPPORTED'
  /** A bug or a misconfiguration on the server; its log has the details. */
  | 'INTERNAL'
  /** The options would make an output over MAX_OUTPUT_PIXELS: ask for a smaller size. */
  | 'OUTPUT_TOO_LARGE'
  /** The media tool or model failed on this input; the message says how. Retrying rarely helps. */
  | 'PROCESSING_FAILED'
  /** The work ran past the kind's time limit, or its worker stopped responding, on every attempt. */
  | 'TIMEOUT';

/** Every given condition must hold. */
export type TaskFilter = {
  createdAfter?: string | null | undefined;
  createdBefore?: string | null | undefined;
  /** Input duration in seconds. */
  duration?: FloatRange | null | undefined;
  /** Input filename contains this text (case-insensitive). */
  filename?: string | null | undefined;
  /** Input height in pixels. */
  height?: IntRange | null | undefined;
  /** Any of these kinds. */
  kind?: Array<TaskKind> | null | undefined;
  /** Children of this workflow task. */
  parentId?: string | number | null | undefined;
  /** Any of these statuses. */
  status?: Array<TaskStatus> | null | undefined;
  /** true: only tasks that are not a workflow's step (a list of what was created); false: only steps. With parentId, parentId decides (its steps). */
  topLevel?: boolean | null | undefined;
  updatedAfter?: string | null | undefined;
  updatedBefore?: string | null | undefined;
  /** Input width in pixels. */
  width?: IntRange | null | undefined;
};

/** What a task does; each kind has its own options. */
export type TaskKind =
  /** An HLS ladder (1080p, 720p, 480p, 360p H.264 + AAC, never above the source) with aligned keyframes and ~6 s segments, made in one decoding pass; the master playlist plays from the server. */
  | 'ADAPTIVE_VIDEO'
  /** A looping GIF or animated WebP clip of a video (start, end or duration, fps, width). Without end or duration the clip lasts 5 s. */
  | 'ANIMATION'
  /** Extract or transcode audio: mp3, aac/m4a, opus/ogg, wav or flac, with bitrate, channels, sample rate and trimming. */
  | 'AUDIO'
  /** Chapter markers [{ index, start, end, title }] as WebVTT and JSON: boundaries from scene cuts and speech pauses, titles from on-screen text or the transcript's key phrases. */
  | 'CHAPTERS'
  /** Describes the media: { title, description, tags, language, confidence } from on-screen text and the transcript (embedded models), or from a vision language model when DESCRIPTION_PROVIDER=openai. */
  | 'DESCRIPTION'
  /** Resize, crop and convert an image (or a frame of a video, or an audio file's cover art) to jpeg, png, webp, avif or gif. EXIF orientation is applied and metadata stripped. */
  | 'IMAGE'
  /** Detects nudity and sexual content: { detected, scores: { nudity, sexual, suggestive, … }, confidence, frames? } over the image or frames sampled per scene and at an interval. */
  | 'NSFW'
  /** Answers a free question about the media with the configured language model (OpenAI-compatible chat API), from sampled frames and the transcript. */
  | 'PROMPT'
  /** Speech to text: { language, text, segments: [{ start, end, text, confidence }], words? } with segment times from voice activity detection. Silence gives detected: false and no segments. */
  | 'SPEECH'
  /** Captions from speech as WebVTT or SRT: at most two lines of about 42 characters per cue, each on screen 1–7 s, never overlapping. */
  | 'SUBTITLES'
  /** A seek-bar storyboard (sprite sheets + WebVTT with #xywh= cues, as video players expect) or count frames at width x height; always with a poster frame that avoids black frames. */
  | 'THUMBNAILS'
  /** Transcode a video: resize (contain, cover, fill), trim, change frame rate, codec (h264, h265, vp9, av1) and container (mp4, webm, mov). Rotation is applied; MP4 is fast-start. */
  | 'VIDEO'
  /** Steps (each a kind with its options) that run in parallel as child tasks; a step's next steps run after it, on its output. subtitles and chapters get a shared speech step before them. */
  | 'WORKFLOW';

/** WAITING → VALIDATING → QUEUED → PROCESSING → FINISHING → SUCCEEDED | FAILED | CANCELLED. */
export type TaskStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'FINISHING'
  | 'PROCESSING'
  | 'QUEUED'
  | 'SUCCEEDED'
  | 'VALIDATING'
  | 'WAITING';

export type ThumbnailsMode =
  | 'frames'
  | 'storyboard';

export type ConsoleTaskOutputFragment = { id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null, bitrate: number | null, codecs: Array<string> };

type ConsoleTypedResult_AdaptiveVideoResult_Fragment = { __typename: 'AdaptiveVideoResult', duration: number, posterTime: number, rungs: Array<{ name: string, width: number, height: number, bandwidth: number, averageBandwidth: number, codecs: string, frameRate: number | null, playlist: string }> };

type ConsoleTypedResult_AnimationResult_Fragment = { __typename: 'AnimationResult', frameCount: number };

type ConsoleTypedResult_ChaptersResult_Fragment = { __typename: 'ChaptersResult', transcribed: boolean, chapters: Array<{ index: number, start: number, end: number, title: string, titleSource: ChapterTitleSource }> };

type ConsoleTypedResult_DescriptionResult_Fragment = { __typename: 'DescriptionResult', title: string, description: string, tags: Array<string>, objects: Array<string>, language: string, model: string, confidence: number };

type ConsoleTypedResult_NsfwResult_Fragment = { __typename: 'NsfwResult', detected: boolean, confidence: number, threshold: number, model: string, framesAnalysed: number, scores: { nudity: number, sexual: number, suggestive: number }, frames: Array<{ time: number, scores: { nudity: number, sexual: number, suggestive: number } }> | null };

type ConsoleTypedResult_PromptResult_Fragment = { __typename: 'PromptResult', prompt: string, answer: string, model: string, framesShown: number, transcribed: boolean };

type ConsoleTypedResult_SpeechResult_Fragment = { __typename: 'SpeechResult', detected: boolean, language: string, model: string, text: string, duration: number, reused: boolean, segments: Array<{ start: number, end: number, text: string, speaker: string | null }> };

type ConsoleTypedResult_SubtitlesResult_Fragment = { __typename: 'SubtitlesResult', cues: number | null, detected: boolean, format: SubtitlesFormat, language: string, transcriptReused: boolean };

type ConsoleTypedResult_ThumbnailsResult_Fragment = { __typename: 'ThumbnailsResult', mode: ThumbnailsMode, interval: number | null, cues: number | null, sheets: number | null, columns: number | null, rows: number | null, tileWidth: number | null, tileHeight: number | null, frames: Array<{ filename: string, time: number, width: number, height: number }> | null, poster: { time: number, width: number, height: number } };

type ConsoleTypedResult_WorkflowResult_Fragment = { __typename: 'WorkflowResult', steps: Array<{ taskId: string, ref: string | null, kind: TaskKind, status: TaskStatus, dependsOn: string | null }> };

export type ConsoleTypedResultFragment =
  | ConsoleTypedResult_AdaptiveVideoResult_Fragment
  | ConsoleTypedResult_AnimationResult_Fragment
  | ConsoleTypedResult_ChaptersResult_Fragment
  | ConsoleTypedResult_DescriptionResult_Fragment
  | ConsoleTypedResult_NsfwResult_Fragment
  | ConsoleTypedResult_PromptResult_Fragment
  | ConsoleTypedResult_SpeechResult_Fragment
  | ConsoleTypedResult_SubtitlesResult_Fragment
  | ConsoleTypedResult_ThumbnailsResult_Fragment
  | ConsoleTypedResult_WorkflowResult_Fragment
;

export type ConsoleTaskDetailFragment = { attempts: number, metadata: unknown, options: unknown, result: unknown, id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, typedResult:
    | { __typename: 'AdaptiveVideoResult', duration: number, posterTime: number, rungs: Array<{ name: string, width: number, height: number, bandwidth: number, averageBandwidth: number, codecs: string, frameRate: number | null, playlist: string }> }
    | { __typename: 'AnimationResult', frameCount: number }
    | { __typename: 'ChaptersResult', transcribed: boolean, chapters: Array<{ index: number, start: number, end: number, title: string, titleSource: ChapterTitleSource }> }
    | { __typename: 'DescriptionResult', title: string, description: string, tags: Array<string>, objects: Array<string>, language: string, model: string, confidence: number }
    | { __typename: 'NsfwResult', detected: boolean, confidence: number, threshold: number, model: string, framesAnalysed: number, scores: { nudity: number, sexual: number, suggestive: number }, frames: Array<{ time: number, scores: { nudity: number, sexual: number, suggestive: number } }> | null }
    | { __typename: 'PromptResult', prompt: string, answer: string, model: string, framesShown: number, transcribed: boolean }
    | { __typename: 'SpeechResult', detected: boolean, language: string, model: string, text: string, duration: number, reused: boolean, segments: Array<{ start: number, end: number, text: string, speaker: string | null }> }
    | { __typename: 'SubtitlesResult', cues: number | null, detected: boolean, format: SubtitlesFormat, language: string, transcriptReused: boolean }
    | { __typename: 'ThumbnailsResult', mode: ThumbnailsMode, interval: number | null, cues: number | null, sheets: number | null, columns: number | null, rows: number | null, tileWidth: number | null, tileHeight: number | null, frames: Array<{ filename: string, time: number, width: number, height: number }> | null, poster: { time: number, width: number, height: number } }
    | { __typename: 'WorkflowResult', steps: Array<{ taskId: string, ref: string | null, kind: TaskKind, status: TaskStatus, dependsOn: string | null }> }
   | null, events: Array<{ status: TaskStatus, createdAt: string, message: string | null, attempt: number }>, input: { filename: string | null, mimeType: string | null, size: number | null, duration: number | null, width: number | null, height: number | null, fps: number | null, container: string | null, videoCodec: string | null, audioCodec: string | null, bitrate: number | null, hasAudio: boolean | null, hasVideo: boolean | null, rotation: number | null, url: string | null } | null, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null, bitrate: number | null, codecs: Array<string> }>, hls: { status: TaskStatus, videoUrl: string | null, thumbnailUrls: Array<string> } | null, children: Array<{ result: unknown, id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, typedResult:
      | { __typename: 'AdaptiveVideoResult', duration: number, posterTime: number, rungs: Array<{ name: string, width: number, height: number, bandwidth: number, averageBandwidth: number, codecs: string, frameRate: number | null, playlist: string }> }
      | { __typename: 'AnimationResult', frameCount: number }
      | { __typename: 'ChaptersResult', transcribed: boolean, chapters: Array<{ index: number, start: number, end: number, title: string, titleSource: ChapterTitleSource }> }
      | { __typename: 'DescriptionResult', title: string, description: string, tags: Array<string>, objects: Array<string>, language: string, model: string, confidence: number }
      | { __typename: 'NsfwResult', detected: boolean, confidence: number, threshold: number, model: string, framesAnalysed: number, scores: { nudity: number, sexual: number, suggestive: number }, frames: Array<{ time: number, scores: { nudity: number, sexual: number, suggestive: number } }> | null }
      | { __typename: 'PromptResult', prompt: string, answer: string, model: string, framesShown: number, transcribed: boolean }
      | { __typename: 'SpeechResult', detected: boolean, language: string, model: string, text: string, duration: number, reused: boolean, segments: Array<{ start: number, end: number, text: string, speaker: string | null }> }
      | { __typename: 'SubtitlesResult', cues: number | null, detected: boolean, format: SubtitlesFormat, language: string, transcriptReused: boolean }
      | { __typename: 'ThumbnailsResult', mode: ThumbnailsMode, interval: number | null, cues: number | null, sheets: number | null, columns: number | null, rows: number | null, tileWidth: number | null, tileHeight: number | null, frames: Array<{ filename: string, time: number, width: number, height: number }> | null, poster: { time: number, width: number, height: number } }
      | { __typename: 'WorkflowResult', steps: Array<{ taskId: string, ref: string | null, kind: TaskKind, status: TaskStatus, dependsOn: string | null }> }
     | null, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null, bitrate: number | null, codecs: Array<string> }>, hls: { status: TaskStatus, videoUrl: string | null, thumbnailUrls: Array<string> } | null, parent: { id: string } | null, dependsOn: { id: string } | null, input: { filename: string | null, duration: number | null, width: number | null, height: number | null } | null, error: { code: TaskErrorCode, message: string } | null }>, parent: { id: string, kind: TaskKind, status: TaskStatus, url: string | null, input: { filename: string | null } | null } | null, dependsOn: { id: string } | null, error: { code: TaskErrorCode, message: string } | null };

export type ConsoleTaskQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleTaskQuery = { task: { attempts: number, metadata: unknown, options: unknown, result: unknown, id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, typedResult:
      | { __typename: 'AdaptiveVideoResult', duration: number, posterTime: number, rungs: Array<{ name: string, width: number, height: number, bandwidth: number, averageBandwidth: number, codecs: string, frameRate: number | null, playlist: string }> }
      | { __typename: 'AnimationResult', frameCount: number }
      | { __typename: 'ChaptersResult', transcribed: boolean, chapters: Array<{ index: number, start: number, end: number, title: string, titleSource: ChapterTitleSource }> }
      | { __typename: 'DescriptionResult', title: string, description: string, tags: Array<string>, objects: Array<string>, language: string, model: string, confidence: number }
      | { __typename: 'NsfwResult', detected: boolean, confidence: number, threshold: number, model: string, framesAnalysed: number, scores: { nudity: number, sexual: number, suggestive: number }, frames: Array<{ time: number, scores: { nudity: number, sexual: number, suggestive: number } }> | null }
      | { __typename: 'PromptResult', prompt: string, answer: string, model: string, framesShown: number, transcribed: boolean }
      | { __typename: 'SpeechResult', detected: boolean, language: string, model: string, text: string, duration: number, reused: boolean, segments: Array<{ start: number, end: number, text: string, speaker: string | null }> }
      | { __typename: 'SubtitlesResult', cues: number | null, detected: boolean, format: SubtitlesFormat, language: string, transcriptReused: boolean }
      | { __typename: 'ThumbnailsResult', mode: ThumbnailsMode, interval: number | null, cues: number | null, sheets: number | null, columns: number | null, rows: number | null, tileWidth: number | null, tileHeight: number | null, frames: Array<{ filename: string, time: number, width: number, height: number }> | null, poster: { time: number, width: number, height: number } }
      | { __typename: 'WorkflowResult', steps: Array<{ taskId: string, ref: string | null, kind: TaskKind, status: TaskStatus, dependsOn: string | null }> }
     | null, events: Array<{ status: TaskStatus, createdAt: string, message: string | null, attempt: number }>, input: { filename: string | null, mimeType: string | null, size: number | null, duration: number | null, width: number | null, height: number | null, fps: number | null, container: string | null, videoCodec: string | null, audioCodec: string | null, bitrate: number | null, hasAudio: boolean | null, hasVideo: boolean | null, rotation: number | null, url: string | null } | null, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null, bitrate: number | null, codecs: Array<string> }>, hls: { status: TaskStatus, videoUrl: string | null, thumbnailUrls: Array<string> } | null, children: Array<{ result: unknown, id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, typedResult:
        | { __typename: 'AdaptiveVideoResult', duration: number, posterTime: number, rungs: Array<{ name: string, width: number, height: number, bandwidth: number, averageBandwidth: number, codecs: string, frameRate: number | null, playlist: string }> }
        | { __typename: 'AnimationResult', frameCount: number }
        | { __typename: 'ChaptersResult', transcribed: boolean, chapters: Array<{ index: number, start: number, end: number, title: string, titleSource: ChapterTitleSource }> }
        | { __typename: 'DescriptionResult', title: string, description: string, tags: Array<string>, objects: Array<string>, language: string, model: string, confidence: number }
        | { __typename: 'NsfwResult', detected: boolean, confidence: number, threshold: number, model: string, framesAnalysed: number, scores: { nudity: number, sexual: number, suggestive: number }, frames: Array<{ time: number, scores: { nudity: number, sexual: number, suggestive: number } }> | null }
        | { __typename: 'PromptResult', prompt: string, answer: string, model: string, framesShown: number, transcribed: boolean }
        | { __typename: 'SpeechResult', detected: boolean, language: string, model: string, text: string, duration: number, reused: boolean, segments: Array<{ start: number, end: number, text: string, speaker: string | null }> }
        | { __typename: 'SubtitlesResult', cues: number | null, detected: boolean, format: SubtitlesFormat, language: string, transcriptReused: boolean }
        | { __typename: 'ThumbnailsResult', mode: ThumbnailsMode, interval: number | null, cues: number | null, sheets: number | null, columns: number | null, rows: number | null, tileWidth: number | null, tileHeight: number | null, frames: Array<{ filename: string, time: number, width: number, height: number }> | null, poster: { time: number, width: number, height: number } }
        | { __typename: 'WorkflowResult', steps: Array<{ taskId: string, ref: string | null, kind: TaskKind, status: TaskStatus, dependsOn: string | null }> }
       | null, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null, bitrate: number | null, codecs: Array<string> }>, hls: { status: TaskStatus, videoUrl: string | null, thumbnailUrls: Array<string> } | null, parent: { id: string } | null, dependsOn: { id: string } | null, input: { filename: string | null, duration: number | null, width: number | null, height: number | null } | null, error: { code: TaskErrorCode, message: string } | null }>, parent: { id: string, kind: TaskKind, status: TaskStatus, url: string | null, input: { filename: string | null } | null } | null, dependsOn: { id: string } | null, error: { code: TaskErrorCode, message: string } | null } | null };

export type ConsoleTaskUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type ConsoleTaskUpdatedSubscription = { taskUpdated: { attempts: number, metadata: unknown, options: unknown, result: unknown, id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, typedResult:
      | { __typename: 'AdaptiveVideoResult', duration: number, posterTime: number, rungs: Array<{ name: string, width: number, height: number, bandwidth: number, averageBandwidth: number, codecs: string, frameRate: number | null, playlist: string }> }
      | { __typename: 'AnimationResult', frameCount: number }
      | { __typename: 'ChaptersResult', transcribed: boolean, chapters: Array<{ index: number, start: number, end: number, title: string, titleSource: ChapterTitleSource }> }
      | { __typename: 'DescriptionResult', title: string, description: string, tags: Array<string>, objects: Array<string>, language: string, model: string, confidence: number }
      | { __typename: 'NsfwResult', detected: boolean, confidence: number, threshold: number, model: string, framesAnalysed: number, scores: { nudity: number, sexual: number, suggestive: number }, frames: Array<{ time: number, scores: { nudity: number, sexual: number, suggestive: number } }> | null }
      | { __typename: 'PromptResult', prompt: string, answer: string, model: string, framesShown: number, transcribed: boolean }
      | { __typename: 'SpeechResult', detected: boolean, language: string, model: string, text: string, duration: number, reused: boolean, segments: Array<{ start: number, end: number, text: string, speaker: string | null }> }
      | { __typename: 'SubtitlesResult', cues: number | null, detected: boolean, format: SubtitlesFormat, language: string, transcriptReused: boolean }
      | { __typename: 'ThumbnailsResult', mode: ThumbnailsMode, interval: number | null, cues: number | null, sheets: number | null, columns: number | null, rows: number | null, tileWidth: number | null, tileHeight: number | null, frames: Array<{ filename: string, time: number, width: number, height: number }> | null, poster: { time: number, width: number, height: number } }
      | { __typename: 'WorkflowResult', steps: Array<{ taskId: string, ref: string | null, kind: TaskKind, status: TaskStatus, dependsOn: string | null }> }
     | null, events: Array<{ status: TaskStatus, createdAt: string, message: string | null, attempt: number }>, input: { filename: string | null, mimeType: string | null, size: number | null, duration: number | null, width: number | null, height: number | null, fps: number | null, container: string | null, videoCodec: string | null, audioCodec: string | null, bitrate: number | null, hasAudio: boolean | null, hasVideo: boolean | null, rotation: number | null, url: string | null } | null, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null, bitrate: number | null, codecs: Array<string> }>, hls: { status: TaskStatus, videoUrl: string | null, thumbnailUrls: Array<string> } | null, children: Array<{ result: unknown, id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, typedResult:
        | { __typename: 'AdaptiveVideoResult', duration: number, posterTime: number, rungs: Array<{ name: string, width: number, height: number, bandwidth: number, averageBandwidth: number, codecs: string, frameRate: number | null, playlist: string }> }
        | { __typename: 'AnimationResult', frameCount: number }
        | { __typename: 'ChaptersResult', transcribed: boolean, chapters: Array<{ index: number, start: number, end: number, title: string, titleSource: ChapterTitleSource }> }
        | { __typename: 'DescriptionResult', title: string, description: string, tags: Array<string>, objects: Array<string>, language: string, model: string, confidence: number }
        | { __typename: 'NsfwResult', detected: boolean, confidence: number, threshold: number, model: string, framesAnalysed: number, scores: { nudity: number, sexual: number, suggestive: number }, frames: Array<{ time: number, scores: { nudity: number, sexual: number, suggestive: number } }> | null }
        | { __typename: 'PromptResult', prompt: string, answer: string, model: string, framesShown: number, transcribed: boolean }
        | { __typename: 'SpeechResult', detected: boolean, language: string, model: string, text: string, duration: number, reused: boolean, segments: Array<{ start: number, end: number, text: string, speaker: string | null }> }
        | { __typename: 'SubtitlesResult', cues: number | null, detected: boolean, format: SubtitlesFormat, language: string, transcriptReused: boolean }
        | { __typename: 'ThumbnailsResult', mode: ThumbnailsMode, interval: number | null, cues: number | null, sheets: number | null, columns: number | null, rows: number | null, tileWidth: number | null, tileHeight: number | null, frames: Array<{ filename: string, time: number, width: number, height: number }> | null, poster: { time: number, width: number, height: number } }
        | { __typename: 'WorkflowResult', steps: Array<{ taskId: string, ref: string | null, kind: TaskKind, status: TaskStatus, dependsOn: string | null }> }
       | null, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null, bitrate: number | null, codecs: Array<string> }>, hls: { status: TaskStatus, videoUrl: string | null, thumbnailUrls: Array<string> } | null, parent: { id: string } | null, dependsOn: { id: string } | null, input: { filename: string | null, duration: number | null, width: number | null, height: number | null } | null, error: { code: TaskErrorCode, message: string } | null }>, parent: { id: string, kind: TaskKind, status: TaskStatus, url: string | null, input: { filename: string | null } | null } | null, dependsOn: { id: string } | null, error: { code: TaskErrorCode, message: string } | null } };

export type ConsoleTaskRowFragment = { id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, parent: { id: string } | null, dependsOn: { id: string } | null, input: { filename: string | null, duration: number | null, width: number | null, height: number | null } | null, error: { code: TaskErrorCode, message: string } | null };

export type ConsoleTasksQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: TaskFilter | null | undefined;
}>;


export type ConsoleTasksQuery = { tasks: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, children: Array<{ id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, parent: { id: string } | null, dependsOn: { id: string } | null, input: { filename: string | null, duration: number | null, width: number | null, height: number | null } | null, error: { code: TaskErrorCode, message: string } | null }>, parent: { id: string } | null, dependsOn: { id: string } | null, input: { filename: string | null, duration: number | null, width: number | null, height: number | null } | null, error: { code: TaskErrorCode, message: string } | null } }> } };

export type ConsoleTaskEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ConsoleTaskEventsSubscription = { taskEvents: { id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, parent: { id: string } | null, dependsOn: { id: string } | null, input: { filename: string | null, duration: number | null, width: number | null, height: number | null } | null, error: { code: TaskErrorCode, message: string } | null } };

export type ConsoleKindsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleKindsQuery = { kinds: Array<{ kind: TaskKind, description: string, optionsType: string, optionsSchema: unknown, unavailable: string | null }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ConsoleTaskRowFragmentDoc = new TypedDocumentString(`
    fragment ConsoleTaskRow on Task {
  id
  kind
  status
  progress
  estimatedTime
  url
  stepRef
  parent {
    id
  }
  dependsOn {
    id
  }
  input {
    filename
    duration
    width
    height
  }
  error {
    code
    message
  }
  createdAt
  startedAt
  finishedAt
  updatedAt
}
    `, {"fragmentName":"ConsoleTaskRow"}) as unknown as TypedDocumentString<ConsoleTaskRowFragment, unknown>;
export const ConsoleTypedResultFragmentDoc = new TypedDocumentString(`
    fragment ConsoleTypedResult on TaskResult {
  __typename
  ... on SpeechResult {
    detected
    language
    model
    text
    duration
    reused
    segments {
      start
      end
      text
      speaker
    }
  }
  ... on ChaptersResult {
    transcribed
    chapters {
      index
      start
      end
      title
      titleSource
    }
  }
  ... on ThumbnailsResult {
    mode
    interval
    cues
    sheets
    columns
    rows
    tileWidth
    tileHeight
    frames {
      filename
      time
      width
      height
    }
    poster {
      time
      width
      height
    }
  }
  ... on NsfwResult {
    detected
    confidence
    threshold
    model
    framesAnalysed
    scores {
      nudity
      sexual
      suggestive
    }
    frames {
      time
      scores {
        nudity
        sexual
        suggestive
      }
    }
  }
  ... on DescriptionResult {
    title
    description
    tags
    objects
    language
    model
    confidence
  }
  ... on PromptResult {
    prompt
    answer
    model
    framesShown
    transcribed
  }
  ... on SubtitlesResult {
    cues
    detected
    format
    language
    transcriptReused
  }
  ... on AdaptiveVideoResult {
    duration
    posterTime
    rungs {
      name
      width
      height
      bandwidth
      averageBandwidth
      codecs
      frameRate
      playlist
    }
  }
  ... on AnimationResult {
    frameCount
  }
  ... on WorkflowResult {
    steps {
      taskId
      ref
      kind
      status
      dependsOn
    }
  }
}
    `, {"fragmentName":"ConsoleTypedResult"}) as unknown as TypedDocumentString<ConsoleTypedResultFragment, unknown>;
export const ConsoleTaskOutputFragmentDoc = new TypedDocumentString(`
    fragment ConsoleTaskOutput on TaskOutput {
  id
  kind
  filename
  path
  mimeType
  size
  url
  width
  height
  duration
  bitrate
  codecs
}
    `, {"fragmentName":"ConsoleTaskOutput"}) as unknown as TypedDocumentString<ConsoleTaskOutputFragment, unknown>;
export const ConsoleTaskDetailFragmentDoc = new TypedDocumentString(`
    fragment ConsoleTaskDetail on Task {
  ...ConsoleTaskRow
  attempts
  metadata
  options
  result
  typedResult {
    ...ConsoleTypedResult
  }
  events {
    status
    createdAt
    message
    attempt
  }
  input {
    filename
    mimeType
    size
    duration
    width
    height
    fps
    container
    videoCodec
    audioCodec
    bitrate
    hasAudio
    hasVideo
    rotation
    url
  }
  outputs {
    ...ConsoleTaskOutput
  }
  hls {
    status
    videoUrl
    thumbnailUrls
  }
  children {
    ...ConsoleTaskRow
    result
    typedResult {
      ...ConsoleTypedResult
    }
    outputs {
      ...ConsoleTaskOutput
    }
    hls {
      status
      videoUrl
      thumbnailUrls
    }
  }
  parent {
    id
    kind
    status
    url
    input {
      filename
    }
  }
}
    fragment ConsoleTaskOutput on TaskOutput {
  id
  kind
  filename
  path
  mimeType
  size
  url
  width
  height
  duration
  bitrate
  codecs
}
fragment ConsoleTypedResult on TaskResult {
  __typename
  ... on SpeechResult {
    detected
    language
    model
    text
    duration
    reused
    segments {
      start
      end
      text
      speaker
    }
  }
  ... on ChaptersResult {
    transcribed
    chapters {
      index
      start
      end
      title
      titleSource
    }
  }
  ... on ThumbnailsResult {
    mode
    interval
    cues
    sheets
    columns
    rows
    tileWidth
    tileHeight
    frames {
      filename
      time
      width
      height
    }
    poster {
      time
      width
      height
    }
  }
  ... on NsfwResult {
    detected
    confidence
    threshold
    model
    framesAnalysed
    scores {
      nudity
      sexual
      suggestive
    }
    frames {
      time
      scores {
        nudity
        sexual
        suggestive
      }
    }
  }
  ... on DescriptionResult {
    title
    description
    tags
    objects
    language
    model
    confidence
  }
  ... on PromptResult {
    prompt
    answer
    model
    framesShown
    transcribed
  }
  ... on SubtitlesResult {
    cues
    detected
    format
    language
    transcriptReused
  }
  ... on AdaptiveVideoResult {
    duration
    posterTime
    rungs {
      name
      width
      height
      bandwidth
      averageBandwidth
      codecs
      frameRate
      playlist
    }
  }
  ... on AnimationResult {
    frameCount
  }
  ... on WorkflowResult {
    steps {
      taskId
      ref
      kind
      status
      dependsOn
    }
  }
}
fragment ConsoleTaskRow on Task {
  id
  kind
  status
  progress
  estimatedTime
  url
  stepRef
  parent {
    id
  }
  dependsOn {
    id
  }
  input {
    filename
    duration
    width
    height
  }
  error {
    code
    message
  }
  createdAt
  startedAt
  finishedAt
  updatedAt
}`, {"fragmentName":"ConsoleTaskDetail"}) as unknown as TypedDocumentString<ConsoleTaskDetailFragment, unknown>;
export const ConsoleTaskDocument = new TypedDocumentString(`
    query ConsoleTask($id: ID!) {
  task(id: $id) {
    ...ConsoleTaskDetail
  }
}
    fragment ConsoleTaskOutput on TaskOutput {
  id
  kind
  filename
  path
  mimeType
  size
  url
  width
  height
  duration
  bitrate
  codecs
}
fragment ConsoleTypedResult on TaskResult {
  __typename
  ... on SpeechResult {
    detected
    language
    model
    text
    duration
    reused
    segments {
      start
      end
      text
      speaker
    }
  }
  ... on ChaptersResult {
    transcribed
    chapters {
      index
      start
      end
      title
      titleSource
    }
  }
  ... on ThumbnailsResult {
    mode
    interval
    cues
    sheets
    columns
    rows
    tileWidth
    tileHeight
    frames {
      filename
      time
      width
      height
    }
    poster {
      time
      width
      height
    }
  }
  ... on NsfwResult {
    detected
    confidence
    threshold
    model
    framesAnalysed
    scores {
      nudity
      sexual
      suggestive
    }
    frames {
      time
      scores {
        nudity
        sexual
        suggestive
      }
    }
  }
  ... on DescriptionResult {
    title
    description
    tags
    objects
    language
    model
    confidence
  }
  ... on PromptResult {
    prompt
    answer
    model
    framesShown
    transcribed
  }
  ... on SubtitlesResult {
    cues
    detected
    format
    language
    transcriptReused
  }
  ... on AdaptiveVideoResult {
    duration
    posterTime
    rungs {
      name
      width
      height
      bandwidth
      averageBandwidth
      codecs
      frameRate
      playlist
    }
  }
  ... on AnimationResult {
    frameCount
  }
  ... on WorkflowResult {
    steps {
      taskId
      ref
      kind
      status
      dependsOn
    }
  }
}
fragment ConsoleTaskDetail on Task {
  ...ConsoleTaskRow
  attempts
  metadata
  options
  result
  typedResult {
    ...ConsoleTypedResult
  }
  events {
    status
    createdAt
    message
    attempt
  }
  input {
    filename
    mimeType
    size
    duration
    width
    height
    fps
    container
    videoCodec
    audioCodec
    bitrate
    hasAudio
    hasVideo
    rotation
    url
  }
  outputs {
    ...ConsoleTaskOutput
  }
  hls {
    status
    videoUrl
    thumbnailUrls
  }
  children {
    ...ConsoleTaskRow
    result
    typedResult {
      ...ConsoleTypedResult
    }
    outputs {
      ...ConsoleTaskOutput
    }
    hls {
      status
      videoUrl
      thumbnailUrls
    }
  }
  parent {
    id
    kind
    status
    url
    input {
      filename
    }
  }
}
fragment ConsoleTaskRow on Task {
  id
  kind
  status
  progress
  estimatedTime
  url
  stepRef
  parent {
    id
  }
  dependsOn {
    id
  }
  input {
    filename
    duration
    width
    height
  }
  error {
    code
    message
  }
  createdAt
  startedAt
  finishedAt
  updatedAt
}`) as unknown as TypedDocumentString<ConsoleTaskQuery, ConsoleTaskQueryVariables>;
export const ConsoleTaskUpdatedDocument = new TypedDocumentString(`
    subscription ConsoleTaskUpdated($id: ID!) {
  taskUpdated(id: $id) {
    ...ConsoleTaskDetail
  }
}
    fragment ConsoleTaskOutput on TaskOutput {
  id
  kind
  filename
  path
  mimeType
  size
  url
  width
  height
  duration
  bitrate
  codecs
}
fragment ConsoleTypedResult on TaskResult {
  __typename
  ... on SpeechResult {
    detected
    language
    model
    text
    duration
    reused
    segments {
      start
      end
      text
      speaker
    }
  }
  ... on ChaptersResult {
    transcribed
    chapters {
      index
      start
      end
      title
      titleSource
    }
  }
  ... on ThumbnailsResult {
    mode
    interval
    cues
    sheets
    columns
    rows
    tileWidth
    tileHeight
    frames {
      filename
      time
      width
      height
    }
    poster {
      time
      width
      height
    }
  }
  ... on NsfwResult {
    detected
    confidence
    threshold
    model
    framesAnalysed
    scores {
      nudity
      sexual
      suggestive
    }
    frames {
      time
      scores {
        nudity
        sexual
        suggestive
      }
    }
  }
  ... on DescriptionResult {
    title
    description
    tags
    objects
    language
    model
    confidence
  }
  ... on PromptResult {
    prompt
    answer
    model
    framesShown
    transcribed
  }
  ... on SubtitlesResult {
    cues
    detected
    format
    language
    transcriptReused
  }
  ... on AdaptiveVideoResult {
    duration
    posterTime
    rungs {
      name
      width
      height
      bandwidth
      averageBandwidth
      codecs
      frameRate
      playlist
    }
  }
  ... on AnimationResult {
    frameCount
  }
  ... on WorkflowResult {
    steps {
      taskId
      ref
      kind
      status
      dependsOn
    }
  }
}
fragment ConsoleTaskDetail on Task {
  ...ConsoleTaskRow
  attempts
  metadata
  options
  result
  typedResult {
    ...ConsoleTypedResult
  }
  events {
    status
    createdAt
    message
    attempt
  }
  input {
    filename
    mimeType
    size
    duration
    width
    height
    fps
    container
    videoCodec
    audioCodec
    bitrate
    hasAudio
    hasVideo
    rotation
    url
  }
  outputs {
    ...ConsoleTaskOutput
  }
  hls {
    status
    videoUrl
    thumbnailUrls
  }
  children {
    ...ConsoleTaskRow
    result
    typedResult {
      ...ConsoleTypedResult
    }
    outputs {
      ...ConsoleTaskOutput
    }
    hls {
      status
      videoUrl
      thumbnailUrls
    }
  }
  parent {
    id
    kind
    status
    url
    input {
      filename
    }
  }
}
fragment ConsoleTaskRow on Task {
  id
  kind
  status
  progress
  estimatedTime
  url
  stepRef
  parent {
    id
  }
  dependsOn {
    id
  }
  input {
    filename
    duration
    width
    height
  }
  error {
    code
    message
  }
  createdAt
  startedAt
  finishedAt
  updatedAt
}`) as unknown as TypedDocumentString<ConsoleTaskUpdatedSubscription, ConsoleTaskUpdatedSubscriptionVariables>;
export const ConsoleTasksDocument = new TypedDocumentString(`
    query ConsoleTasks($first: Int, $after: String, $filter: TaskFilter) {
  tasks(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...ConsoleTaskRow
        children {
          ...ConsoleTaskRow
        }
      }
    }
  }
}
    fragment ConsoleTaskRow on Task {
  id
  kind
  status
  progress
  estimatedTime
  url
  stepRef
  parent {
    id
  }
  dependsOn {
    id
  }
  input {
    filename
    duration
    width
    height
  }
  error {
    code
    message
  }
  createdAt
  startedAt
  finishedAt
  updatedAt
}`) as unknown as TypedDocumentString<ConsoleTasksQuery, ConsoleTasksQueryVariables>;
export const ConsoleTaskEventsDocument = new TypedDocumentString(`
    subscription ConsoleTaskEvents {
  taskEvents {
    ...ConsoleTaskRow
  }
}
    fragment ConsoleTaskRow on Task {
  id
  kind
  status
  progress
  estimatedTime
  url
  stepRef
  parent {
    id
  }
  dependsOn {
    id
  }
  input {
    filename
    duration
    width
    height
  }
  error {
    code
    message
  }
  createdAt
  startedAt
  finishedAt
  updatedAt
}`) as unknown as TypedDocumentString<ConsoleTaskEventsSubscription, ConsoleTaskEventsSubscriptionVariables>;
export const ConsoleKindsDocument = new TypedDocumentString(`
    query ConsoleKinds {
  kinds {
    kind
    description
    optionsType
    optionsSchema
    unavailable
  }
}
    `) as unknown as TypedDocumentString<ConsoleKindsQuery, ConsoleKindsQueryVariables>;