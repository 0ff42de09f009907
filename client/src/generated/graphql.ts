/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Options of the adaptive_video kind. Omitted fields take their defaults. */
export type AdaptiveVideoOptions = {
  /** Caps the top rung's height; rungs above it are left out. (2–4320) */
  height?: number | null | undefined;
  /** Scales every rung's bitrate: medium (60) is the documented ladder, very_low 0.6x, very_high 1.4x. Default: "medium". */
  quality?: number | 'very_low' | 'low' | 'medium' | 'high' | 'very_high' | null | undefined;
  /** Target segment length in seconds; every segment starts with a keyframe, aligned across rungs. (2–12). Default: 6. */
  segmentDuration?: number | null | undefined;
  /** Caps the top rung's width; rungs above it are left out. (2–7680) */
  width?: number | null | undefined;
};

export type AnimationFormat =
  | 'gif'
  | 'webp';

/** Options of the animation kind. Omitted fields take their defaults. */
export type AnimationOptions = {
  /** How long the output lasts, in seconds. Give end or duration, not both. */
  duration?: number | null | undefined;
  /** Where the output ends, in seconds of the input. Give end or duration, not both. */
  end?: number | null | undefined;
  /** gif (a palette generated from the clip) or webp (animated WebP, smaller). Default: gif. */
  format?: AnimationFormat | null | undefined;
  /** Frames per second. (1–30). Default: 10. */
  fps?: number | null | undefined;
  /** Where the output starts, in seconds of the input. (at least 0) */
  start?: number | null | undefined;
  /** Width in pixels; the height keeps the aspect ratio. (16–1920). Default: 480. */
  width?: number | null | undefined;
};

export type AudioFormat =
  | 'aac'
  | 'flac'
  | 'm4a'
  | 'mp3'
  | 'ogg'
  | 'opus'
  | 'wav';

/** Options of the audio kind. Omitted fields take their defaults. */
export type AudioOptions = {
  /** Bits per second, for the lossy formats; by default the encoder's. (8000–512000) */
  bitrate?: number | null | undefined;
  /** 1 mono, 2 stereo, …; by default the input's. (1–8) */
  channels?: number | null | undefined;
  /** How long the output lasts, in seconds. Give end or duration, not both. */
  duration?: number | null | undefined;
  /** Where the output ends, in seconds of the input. Give end or duration, not both. */
  end?: number | null | undefined;
  /** mp3; aac or m4a (AAC in MP4); opus or ogg (Opus in Ogg); wav (16-bit PCM); flac. Default: mp3. */
  format?: AudioFormat | null | undefined;
  /** Samples per second; by default the input's. mp3 takes at most 48000. Opus takes 8000, 12000, 16000, 24000 or 48000 and always decodes at 48000: the rate bounds the encoded bandwidth. (8000–192000) */
  sampleRate?: number | null | undefined;
  /** Where the output starts, in seconds of the input. (at least 0) */
  start?: number | null | undefined;
};

export type ChapterTitleSource =
  | 'on_screen_text'
  | 'position'
  | 'transcript';

/** Options of the chapters kind. Omitted fields take their defaults. */
export type ChaptersOptions = {
  /** Spoken language (BCP 47, e.g. en). Default: detected by the provider; the embedded model knows English only. */
  language?: string | null | undefined;
  /** Most chapters to return; the strongest boundaries are kept. (1–100). Default: 30. */
  maxChapters?: number | null | undefined;
  /** Shortest chapter in seconds (YouTube asks for 10). (1–3600). Default: 10. */
  minDuration?: number | null | undefined;
  /** Silence between sentences, in seconds, that may start a chapter. (0.3–60). Default: 1.5. */
  minPause?: number | null | undefined;
  /** Scene-change score (0–1) that counts as a cut. (0.05–1). Default: 0.3. */
  sceneThreshold?: number | null | undefined;
};

export type CreateTaskInput = {
  /** The input as an uploaded file (multipart request, streamed to storage). Give one of url, file and uploadId. */
  file?: null | null | undefined;
  /** Retrying with the same key and the same request returns the first task instead of creating another; the same key with another request is a CONFLICT. A key lasts IDEMPOTENCY_KEY_TTL_HOURS (24 h by default) from its task's creation, or until the task is deleted. */
  idempotencyKey?: string | null | undefined;
  kind: TaskKind;
  /** Your own JSON (up to 16 KB), echoed back on the task. */
  metadata?: unknown;
  /** Options under the kind's name, e.g. `{ image: { width: 320, format: webp } }`. */
  options?: TaskOptions | null | undefined;
  /** The input as a completed resumable upload of yours (createUpload, then tus): its bytes become the task's. Give one of url, file and uploadId. */
  uploadId?: string | number | null | undefined;
  /** The input: a public or signed http(s) URL. Give one of url, file and uploadId. */
  url?: string | null | undefined;
  /** Send every status change to webhookUrl, not only the end. Default: false. */
  webhookAllEvents?: boolean | null | undefined;
  /** Receives a POST signed in the Standard Webhooks format with your webhook secret (see webhookSecret, rotateWebhookSecret) when the task ends; retried with backoff. */
  webhookUrl?: string | null | undefined;
};

export type CreateUploadInput = {
  /** With S3 storage: send the bytes straight to the bucket, to presigned part URLs (parts), instead of through this server with tus. */
  direct?: boolean | null | undefined;
  /** The file's name, 1 to 255 characters (the task's input keeps it). */
  filename: string;
  /** Its media type, e.g. video/mp4 (the worker probes the bytes either way). */
  mimeType?: string | null | undefined;
  /** Its exact size in bytes, up to MAX_UPLOAD_BYTES. */
  size: number;
};

/** Options of the description kind. Omitted fields take their defaults. */
export type DescriptionOptions = {
  /** Video: frames to look at (one per scene first, then evenly spaced). (1–20). Default: 6. */
  frames?: number | null | undefined;
  /** Spoken language (BCP 47, e.g. en). Default: detected by the provider; the embedded model knows English only. */
  language?: string | null | undefined;
  /** Most tags to return. (1–50). Default: 15. */
  maxTags?: number | null | undefined;
};

/** An inclusive range; either end may be left open. */
export type FloatRange = {
  max?: number | null | undefined;
  min?: number | null | undefined;
};

export type ImageFit =
  | 'contain'
  | 'cover'
  | 'fill';

export type ImageFormat =
  | 'avif'
  | 'gif'
  | 'jpeg'
  | 'png'
  | 'webp';

/** Options of the image kind. Omitted fields take their defaults. */
export type ImageOptions = {
  /** Padding colour for contain: #rgb, #rrggbb, #rrggbbaa, a CSS colour name or transparent (white for jpeg). Default: "#000000". */
  background?: string | null | undefined;
  /** How the image fills width x height: cover crops to fill, contain fits inside and pads with background, fill stretches. Default: cover. */
  fit?: ImageFit | null | undefined;
  /** Output format. Default: webp. */
  format?: ImageFormat | null | undefined;
  /** Output height in pixels. With only one of width and height, the other keeps the aspect ratio. (1–16384) */
  height?: number | null | undefined;
  /** What cover keeps when it crops: a side or corner, or entropy/attention to keep the busiest or most salient part. Default: center. */
  position?: ImagePosition | null | undefined;
  /** Encoder quality, 1 (smallest) to 100 (best). Ignored by png and gif, which are lossless. (1–100). Default: 80. */
  quality?: number | null | undefined;
  /** For a video input: the time in seconds of the frame to take. (at least 0). Default: 0. */
  start?: number | null | undefined;
  /** Output width in pixels. With only one of width and height, the other keeps the aspect ratio. (1–16384) */
  width?: number | null | undefined;
};

export type ImagePosition =
  | 'attention'
  | 'bottom'
  | 'bottom_left'
  | 'bottom_right'
  | 'center'
  | 'entropy'
  | 'left'
  | 'right'
  | 'top'
  | 'top_left'
  | 'top_right';

/** An inclusive range; either end may be left open. */
export type IntRange = {
  max?: number | null | undefined;
  min?: number | null | undefined;
};

/** Options of the nsfw kind. Omitted fields take their defaults. */
export type NsfwOptions = {
  /** Video: seconds between sampled frames within a scene (one frame is also taken after every scene cut). (0.5–600). Default: 5. */
  interval?: number | null | undefined;
  /** Video: most frames to analyse (evenly thinned beyond this). (1–300). Default: 60. */
  maxFrames?: number | null | undefined;
  /** Score of nudity or sexual content from which the media counts as detected. (0.05–1). Default: 0.5. */
  threshold?: number | null | undefined;
  /** Video: how many of the highest-scoring frames to report. (0–50). Default: 5. */
  worstFrames?: number | null | undefined;
};

export type OrderDirection =
  | 'ASC'
  | 'DESC';

export type OutputKind =
  | 'AUDIO'
  | 'CHAPTERS'
  | 'IMAGE'
  | 'JSON'
  | 'PLAYLIST'
  | 'SUBTITLES'
  | 'THUMBNAILS'
  | 'VIDEO';

/** Options of the prompt kind. Omitted fields take their defaults. */
export type PromptOptions = {
  /** Video: frames shown to the model (0: none; an image input is always shown). (0–20). Default: 4. */
  frames?: number | null | undefined;
  /** The question or instruction about the media, e.g. "What brand is the car?" */
  prompt: string;
  /** Give the model the transcript when the media has sound. Default: true. */
  transcript?: boolean | null | undefined;
};

/** Options of the speech kind. Omitted fields take their defaults. */
export type SpeechOptions = {
  /** Spoken language (BCP 47, e.g. en). Default: detected by the provider; the embedded model knows English only. */
  language?: string | null | undefined;
  /** Label speakers (segment.speaker). Refused when the configured speech provider cannot label speakers: labels are never invented. Default: false. */
  speakers?: boolean | null | undefined;
  /** Also return every word with its start and end time. Default: false. */
  words?: boolean | null | undefined;
};

export type SubtitlesFormat =
  | 'srt'
  | 'vtt';

/** Options of the subtitles kind. Omitted fields take their defaults. */
export type SubtitlesOptions = {
  /** vtt: WebVTT (HTML5 <track>, HLS); srt: SubRip. Default: vtt. */
  format?: SubtitlesFormat | null | undefined;
  /** Spoken language (BCP 47, e.g. en). Default: detected by the provider; the embedded model knows English only. */
  language?: string | null | undefined;
  /** Characters per line (captioning guides use 37–42). (20–80). Default: 42. */
  maxLineLength?: number | null | undefined;
  /** Lines per cue. (1–3). Default: 2. */
  maxLines?: number | null | undefined;
};

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

/** The options of the task, under the field named after its kind (exactly one), e.g. `{ image: { width: 320 } }`. */
export type TaskOptions =
  {   adaptive_video: AdaptiveVideoOptions; animation?: never; audio?: never; chapters?: never; description?: never; image?: never; nsfw?: never; prompt?: never; speech?: never; subtitles?: never; thumbnails?: never; video?: never; workflow?: never; }
  |  { adaptive_video?: never;   animation: AnimationOptions; audio?: never; chapters?: never; description?: never; image?: never; nsfw?: never; prompt?: never; speech?: never; subtitles?: never; thumbnails?: never; video?: never; workflow?: never; }
  |  { adaptive_video?: never; animation?: never;   audio: AudioOptions; chapters?: never; description?: never; image?: never; nsfw?: never; prompt?: never; speech?: never; subtitles?: never; thumbnails?: never; video?: never; workflow?: never; }
  |  { adaptive_video?: never; animation?: never; audio?: never;   chapters: ChaptersOptions; description?: never; image?: never; nsfw?: never; prompt?: never; speech?: never; subtitles?: never; thumbnails?: never; video?: never; workflow?: never; }
  |  { adaptive_video?: never; animation?: never; audio?: never; chapters?: never;   description: DescriptionOptions; image?: never; nsfw?: never; prompt?: never; speech?: never; subtitles?: never; thumbnails?: never; video?: never; workflow?: never; }
  |  { adaptive_video?: never; animation?: never; audio?: never; chapters?: never; description?: never;   image: ImageOptions; nsfw?: never; prompt?: never; speech?: never; subtitles?: never; thumbnails?: never; video?: never; workflow?: never; }
  |  { adaptive_video?: never; animation?: never; audio?: never; chapters?: never; description?: never; image?: never;   nsfw: NsfwOptions; prompt?: never; speech?: never; subtitles?: never; thumbnails?: never; video?: never; workflow?: never; }
  |  { adaptive_video?: never; animation?: never; audio?: never; chapters?: never; description?: never; image?: never; nsfw?: never;   prompt: PromptOptions; speech?: never; subtitles?: never; thumbnails?: never; video?: never; workflow?: never; }
  |  { adaptive_video?: never; animation?: never; audio?: never; chapters?: never; description?: never; image?: never; nsfw?: never; prompt?: never;   speech: SpeechOptions; subtitles?: never; thumbnails?: never; video?: never; workflow?: never; }
  |  { adaptive_video?: never; animation?: never; audio?: never; chapters?: never; description?: never; image?: never; nsfw?: never; prompt?: never; speech?: never;   subtitles: SubtitlesOptions; thumbnails?: never; video?: never; workflow?: never; }
  |  { adaptive_video?: never; animation?: never; audio?: never; chapters?: never; description?: never; image?: never; nsfw?: never; prompt?: never; speech?: never; subtitles?: never;   thumbnails: ThumbnailsOptions; video?: never; workflow?: never; }
  |  { adaptive_video?: never; animation?: never; audio?: never; chapters?: never; description?: never; image?: never; nsfw?: never; prompt?: never; speech?: never; subtitles?: never; thumbnails?: never;   video: VideoOptions; workflow?: never; }
  |  { adaptive_video?: never; animation?: never; audio?: never; chapters?: never; description?: never; image?: never; nsfw?: never; prompt?: never; speech?: never; subtitles?: never; thumbnails?: never; video?: never;   workflow: WorkflowOptions; };

export type TaskOrder = {
  direction?: OrderDirection;
  field?: TaskOrderField;
};

export type TaskOrderField =
  | 'CREATED_AT'
  | 'UPDATED_AT';

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

export type ThumbnailsFormat =
  | 'jpeg'
  | 'png'
  | 'webp';

export type ThumbnailsMode =
  | 'frames'
  | 'storyboard';

/** Options of the thumbnails kind. Omitted fields take their defaults. */
export type ThumbnailsOptions = {
  /** Storyboard: thumbnails per sheet row. (1–20). Default: 10. */
  columns?: number | null | undefined;
  /** Frames: how many, evenly spaced over the input. (1–100). Default: 5. */
  count?: number | null | undefined;
  /** Image format (storyboards: jpeg or webp). Default: jpeg. */
  format?: ThumbnailsFormat | null | undefined;
  /** Frames: thumbnail height in pixels. (16–2160) */
  height?: number | null | undefined;
  /** Storyboard: seconds between thumbnails; by default chosen from the duration (about 1 s for short videos, up to 10 s). (0.1–600) */
  interval?: number | null | undefined;
  /** storyboard: sprite sheets and a WebVTT track for seek-bar previews; frames: separate images. Default: storyboard. */
  mode?: ThumbnailsMode | null | undefined;
  /** Storyboard: rows per sheet. (1–20). Default: 10. */
  rows?: number | null | undefined;
  /** Frames: the times in seconds to take, instead of count. */
  times?: Array<number> | null | undefined;
  /** Thumbnail width in pixels (storyboard default 160). With only one of width and height, the other keeps the aspect ratio. (16–3840) */
  width?: number | null | undefined;
};

export type VideoCodec =
  | 'av1'
  | 'h264'
  | 'h265'
  | 'vp9';

export type VideoFit =
  | 'contain'
  | 'cover'
  | 'fill';

export type VideoFormat =
  | 'mov'
  | 'mp4'
  | 'webm';

/** Options of the video kind. Omitted fields take their defaults. */
export type VideoOptions = {
  /** Padding colour for contain. Default: "#000000". */
  background?: string | null | undefined;
  /** Target video bitrate in bits per second, instead of quality. (50000–200000000) */
  bitrate?: number | null | undefined;
  /** Video codec: h264 (default for mp4 and mov), h265, vp9 (default for webm) or av1. mp4 takes h264, h265, av1; mov h264, h265; webm vp9, av1. */
  codec?: VideoCodec | null | undefined;
  /** How long the output lasts, in seconds. Give end or duration, not both. */
  duration?: number | null | undefined;
  /** Where the output ends, in seconds of the input. Give end or duration, not both. */
  end?: number | null | undefined;
  /** How the picture fills width x height: contain fits inside and pads with background, cover crops at position, fill stretches. Default: contain. */
  fit?: VideoFit | null | undefined;
  /** Container. MP4 and MOV are written fast-start (playable while downloading). Default: mp4. */
  format?: VideoFormat | null | undefined;
  /** Output frame rate, constant. By default each frame keeps its time: a variable-frame-rate input (most phone videos) stays variable. (1–60) */
  fps?: number | null | undefined;
  /** Output height in pixels (rounded to even). With only one of width and height, the other keeps the aspect ratio. (2–7680) */
  height?: number | null | undefined;
  /** Drop the audio. Default: false. */
  mute?: boolean | null | undefined;
  /** What cover keeps when it crops. Default: center. */
  position?: VideoPosition | null | undefined;
  /** Quality from 0 to 100 or a preset, mapped to the codec's CRF scale (see the README). Ignored when bitrate is given. Default: "medium". */
  quality?: number | 'very_low' | 'low' | 'medium' | 'high' | 'very_high' | null | undefined;
  /** Where the output starts, in seconds of the input. (at least 0) */
  start?: number | null | undefined;
  /** Output width in pixels (rounded to even). With only one of width and height, the other keeps the aspect ratio. (2–7680) */
  width?: number | null | undefined;
};

export type VideoPosition =
  | 'bottom'
  | 'bottom_left'
  | 'bottom_right'
  | 'center'
  | 'left'
  | 'right'
  | 'top'
  | 'top_left'
  | 'top_right';

/** Options of the workflow kind: steps started together on the input. subtitles and chapters get a speech step before them, shared when they need the same transcript. */
export type WorkflowOptions = {
  /** Top-level steps (1–20; 50 in all). */
  steps: Array<WorkflowStep>;
};

/** A step of a workflow: a kind with its options; its next steps run after it succeeds, on its output. */
export type WorkflowStep = {
  /** The step's kind (not WORKFLOW). */
  kind: TaskKind;
  /** Steps that run after this one succeeds, on its output (media), or on the same input (speech, nsfw, …). */
  next?: Array<WorkflowStep> | null | undefined;
  /** The step's options under its kind's name, as in createTask. */
  options?: TaskOptions | null | undefined;
  /** A name for the step, unique in the workflow (letters, digits, _ and -); by default kind-N. */
  ref?: string | null | undefined;
};

type ClientTypedResult_AdaptiveVideoResult_Fragment = { __typename: 'AdaptiveVideoResult', duration: number, posterTime: number, rungs: Array<{ name: string, width: number, height: number, bandwidth: number, averageBandwidth: number, codecs: string, frameRate: number | null, playlist: string }> };

type ClientTypedResult_AnimationResult_Fragment = { __typename: 'AnimationResult', frameCount: number };

type ClientTypedResult_ChaptersResult_Fragment = { __typename: 'ChaptersResult', transcribed: boolean, chapters: Array<{ index: number, start: number, end: number, title: string, titleSource: ChapterTitleSource }> };

type ClientTypedResult_DescriptionResult_Fragment = { __typename: 'DescriptionResult', title: string, description: string, tags: Array<string>, language: string, confidence: number, objects: Array<string>, model: string };

type ClientTypedResult_NsfwResult_Fragment = { __typename: 'NsfwResult', detected: boolean, confidence: number, threshold: number, model: string, framesAnalysed: number, scores: { nudity: number, sexual: number, suggestive: number }, frames: Array<{ time: number, scores: { nudity: number, sexual: number, suggestive: number } }> | null };

type ClientTypedResult_PromptResult_Fragment = { __typename: 'PromptResult', prompt: string, answer: string, model: string, framesShown: number, transcribed: boolean };

type ClientTypedResult_SpeechResult_Fragment = { __typename: 'SpeechResult', detected: boolean, language: string, text: string, duration: number, model: string, reused: boolean, segments: Array<{ start: number, end: number, text: string, confidence: number, speaker: string | null }>, words: Array<{ start: number, end: number, word: string }> | null };

type ClientTypedResult_SubtitlesResult_Fragment = { __typename: 'SubtitlesResult', format: SubtitlesFormat, language: string, cues: number | null, detected: boolean, transcriptReused: boolean };

type ClientTypedResult_ThumbnailsResult_Fragment = { __typename: 'ThumbnailsResult', mode: ThumbnailsMode, interval: number | null, tileWidth: number | null, tileHeight: number | null, columns: number | null, rows: number | null, sheets: number | null, cues: number | null, frames: Array<{ filename: string, time: number, width: number, height: number }> | null, poster: { time: number, width: number, height: number } };

type ClientTypedResult_WorkflowResult_Fragment = { __typename: 'WorkflowResult', steps: Array<{ ref: string | null, kind: TaskKind, taskId: string, status: TaskStatus, dependsOn: string | null }> };

export type ClientTypedResultFragment =
  | ClientTypedResult_AdaptiveVideoResult_Fragment
  | ClientTypedResult_AnimationResult_Fragment
  | ClientTypedResult_ChaptersResult_Fragment
  | ClientTypedResult_DescriptionResult_Fragment
  | ClientTypedResult_NsfwResult_Fragment
  | ClientTypedResult_PromptResult_Fragment
  | ClientTypedResult_SpeechResult_Fragment
  | ClientTypedResult_SubtitlesResult_Fragment
  | ClientTypedResult_ThumbnailsResult_Fragment
  | ClientTypedResult_WorkflowResult_Fragment
;

export type ClientTaskFragment = { id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, attempts: number, options: unknown, metadata: unknown, result: unknown, createdAt: string, updatedAt: string, startedAt: string | null, finishedAt: string | null, typedResult:
    | { __typename: 'AdaptiveVideoResult', duration: number, posterTime: number, rungs: Array<{ name: string, width: number, height: number, bandwidth: number, averageBandwidth: number, codecs: string, frameRate: number | null, playlist: string }> }
    | { __typename: 'AnimationResult', frameCount: number }
    | { __typename: 'ChaptersResult', transcribed: boolean, chapters: Array<{ index: number, start: number, end: number, title: string, titleSource: ChapterTitleSource }> }
    | { __typename: 'DescriptionResult', title: string, description: string, tags: Array<string>, language: string, confidence: number, objects: Array<string>, model: string }
    | { __typename: 'NsfwResult', detected: boolean, confidence: number, threshold: number, model: string, framesAnalysed: number, scores: { nudity: number, sexual: number, suggestive: number }, frames: Array<{ time: number, scores: { nudity: number, sexual: number, suggestive: number } }> | null }
    | { __typename: 'PromptResult', prompt: string, answer: string, model: string, framesShown: number, transcribed: boolean }
    | { __typename: 'SpeechResult', detected: boolean, language: string, text: string, duration: number, model: string, reused: boolean, segments: Array<{ start: number, end: number, text: string, confidence: number, speaker: string | null }>, words: Array<{ start: number, end: number, word: string }> | null }
    | { __typename: 'SubtitlesResult', format: SubtitlesFormat, language: string, cues: number | null, detected: boolean, transcriptReused: boolean }
    | { __typename: 'ThumbnailsResult', mode: ThumbnailsMode, interval: number | null, tileWidth: number | null, tileHeight: number | null, columns: number | null, rows: number | null, sheets: number | null, cues: number | null, frames: Array<{ filename: string, time: number, width: number, height: number }> | null, poster: { time: number, width: number, height: number } }
    | { __typename: 'WorkflowResult', steps: Array<{ ref: string | null, kind: TaskKind, taskId: string, status: TaskStatus, dependsOn: string | null }> }
   | null, error: { code: TaskErrorCode, message: string } | null, input: { filename: string | null, mimeType: string | null, size: number | null, duration: number | null, width: number | null, height: number | null, url: string | null } | null, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null }> };

export type ClientCreateTaskMutationVariables = Exact<{
  input: CreateTaskInput;
}>;


export type ClientCreateTaskMutation = { createTask: { id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, attempts: number, options: unknown, metadata: unknown, result: unknown, createdAt: string, updatedAt: string, startedAt: string | null, finishedAt: string | null, typedResult:
      | { __typename: 'AdaptiveVideoResult', duration: number, posterTime: number, rungs: Array<{ name: string, width: number, height: number, bandwidth: number, averageBandwidth: number, codecs: string, frameRate: number | null, playlist: string }> }
      | { __typename: 'AnimationResult', frameCount: number }
      | { __typename: 'ChaptersResult', transcribed: boolean, chapters: Array<{ index: number, start: number, end: number, title: string, titleSource: ChapterTitleSource }> }
      | { __typename: 'DescriptionResult', title: string, description: string, tags: Array<string>, language: string, confidence: number, objects: Array<string>, model: string }
      | { __typename: 'NsfwResult', detected: boolean, confidence: number, threshold: number, model: string, framesAnalysed: number, scores: { nudity: number, sexual: number, suggestive: number }, frames: Array<{ time: number, scores: { nudity: number, sexual: number, suggestive: number } }> | null }
      | { __typename: 'PromptResult', prompt: string, answer: string, model: string, framesShown: number, transcribed: boolean }
      | { __typename: 'SpeechResult', detected: boolean, language: string, text: string, duration: number, model: string, reused: boolean, segments: Array<{ start: number, end: number, text: string, confidence: number, speaker: string | null }>, words: Array<{ start: number, end: number, word: string }> | null }
      | { __typename: 'SubtitlesResult', format: SubtitlesFormat, language: string, cues: number | null, detected: boolean, transcriptReused: boolean }
      | { __typename: 'ThumbnailsResult', mode: ThumbnailsMode, interval: number | null, tileWidth: number | null, tileHeight: number | null, columns: number | null, rows: number | null, sheets: number | null, cues: number | null, frames: Array<{ filename: string, time: number, width: number, height: number }> | null, poster: { time: number, width: number, height: number } }
      | { __typename: 'WorkflowResult', steps: Array<{ ref: string | null, kind: TaskKind, taskId: string, status: TaskStatus, dependsOn: string | null }> }
     | null, error: { code: TaskErrorCode, message: string } | null, input: { filename: string | null, mimeType: string | null, size: number | null, duration: number | null, width: number | null, height: number | null, url: string | null } | null, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null }> } };

export type ClientTaskQueryVariables = Exact<{
  id: string | number;
}>;


export type ClientTaskQuery = { task: { id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, attempts: number, options: unknown, metadata: unknown, result: unknown, createdAt: string, updatedAt: string, startedAt: string | null, finishedAt: string | null, typedResult:
      | { __typename: 'AdaptiveVideoResult', duration: number, posterTime: number, rungs: Array<{ name: string, width: number, height: number, bandwidth: number, averageBandwidth: number, codecs: string, frameRate: number | null, playlist: string }> }
      | { __typename: 'AnimationResult', frameCount: number }
      | { __typename: 'ChaptersResult', transcribed: boolean, chapters: Array<{ index: number, start: number, end: number, title: string, titleSource: ChapterTitleSource }> }
      | { __typename: 'DescriptionResult', title: string, description: string, tags: Array<string>, language: string, confidence: number, objects: Array<string>, model: string }
      | { __typename: 'NsfwResult', detected: boolean, confidence: number, threshold: number, model: string, framesAnalysed: number, scores: { nudity: number, sexual: number, suggestive: number }, frames: Array<{ time: number, scores: { nudity: number, sexual: number, suggestive: number } }> | null }
      | { __typename: 'PromptResult', prompt: string, answer: string, model: string, framesShown: number, transcribed: boolean }
      | { __typename: 'SpeechResult', detected: boolean, language: string, text: string, duration: number, model: string, reused: boolean, segments: Array<{ start: number, end: number, text: string, confidence: number, speaker: string | null }>, words: Array<{ start: number, end: number, word: string }> | null }
      | { __typename: 'SubtitlesResult', format: SubtitlesFormat, language: string, cues: number | null, detected: boolean, transcriptReused: boolean }
      | { __typename: 'ThumbnailsResult', mode: ThumbnailsMode, interval: number | null, tileWidth: number | null, tileHeight: number | null, columns: number | null, rows: number | null, sheets: number | null, cues: number | null, frames: Array<{ filename: string, time: number, width: number, height: number }> | null, poster: { time: number, width: number, height: number } }
      | { __typename: 'WorkflowResult', steps: Array<{ ref: string | null, kind: TaskKind, taskId: string, status: TaskStatus, dependsOn: string | null }> }
     | null, error: { code: TaskErrorCode, message: string } | null, input: { filename: string | null, mimeType: string | null, size: number | null, duration: number | null, width: number | null, height: number | null, url: string | null } | null, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null }> } | null };

export type ClientTasksQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: TaskFilter | null | undefined;
  orderBy?: TaskOrder | null | undefined;
}>;


export type ClientTasksQuery = { tasks: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, attempts: number, options: unknown, metadata: unknown, result: unknown, createdAt: string, updatedAt: string, startedAt: string | null, finishedAt: string | null, typedResult:
          | { __typename: 'AdaptiveVideoResult', duration: number, posterTime: number, rungs: Array<{ name: string, width: number, height: number, bandwidth: number, averageBandwidth: number, codecs: string, frameRate: number | null, playlist: string }> }
          | { __typename: 'AnimationResult', frameCount: number }
          | { __typename: 'ChaptersResult', transcribed: boolean, chapters: Array<{ index: number, start: number, end: number, title: string, titleSource: ChapterTitleSource }> }
          | { __typename: 'DescriptionResult', title: string, description: string, tags: Array<string>, language: string, confidence: number, objects: Array<string>, model: string }
          | { __typename: 'NsfwResult', detected: boolean, confidence: number, threshold: number, model: string, framesAnalysed: number, scores: { nudity: number, sexual: number, suggestive: number }, frames: Array<{ time: number, scores: { nudity: number, sexual: number, suggestive: number } }> | null }
          | { __typename: 'PromptResult', prompt: string, answer: string, model: string, framesShown: number, transcribed: boolean }
          | { __typename: 'SpeechResult', detected: boolean, language: string, text: string, duration: number, model: string, reused: boolean, segments: Array<{ start: number, end: number, text: string, confidence: number, speaker: string | null }>, words: Array<{ start: number, end: number, word: string }> | null }
          | { __typename: 'SubtitlesResult', format: SubtitlesFormat, language: string, cues: number | null, detected: boolean, transcriptReused: boolean }
          | { __typename: 'ThumbnailsResult', mode: ThumbnailsMode, interval: number | null, tileWidth: number | null, tileHeight: number | null, columns: number | null, rows: number | null, sheets: number | null, cues: number | null, frames: Array<{ filename: string, time: number, width: number, height: number }> | null, poster: { time: number, width: number, height: number } }
          | { __typename: 'WorkflowResult', steps: Array<{ ref: string | null, kind: TaskKind, taskId: string, status: TaskStatus, dependsOn: string | null }> }
         | null, error: { code: TaskErrorCode, message: string } | null, input: { filename: string | null, mimeType: string | null, size: number | null, duration: number | null, width: number | null, height: number | null, url: string | null } | null, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null }> } }> } };

export type ClientCancelTaskMutationVariables = Exact<{
  id: string | number;
}>;


export type ClientCancelTaskMutation = { cancelTask: { id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, attempts: number, options: unknown, metadata: unknown, result: unknown, createdAt: string, updatedAt: string, startedAt: string | null, finishedAt: string | null, typedResult:
      | { __typename: 'AdaptiveVideoResult', duration: number, posterTime: number, rungs: Array<{ name: string, width: number, height: number, bandwidth: number, averageBandwidth: number, codecs: string, frameRate: number | null, playlist: string }> }
      | { __typename: 'AnimationResult', frameCount: number }
      | { __typename: 'ChaptersResult', transcribed: boolean, chapters: Array<{ index: number, start: number, end: number, title: string, titleSource: ChapterTitleSource }> }
      | { __typename: 'DescriptionResult', title: string, description: string, tags: Array<string>, language: string, confidence: number, objects: Array<string>, model: string }
      | { __typename: 'NsfwResult', detected: boolean, confidence: number, threshold: number, model: string, framesAnalysed: number, scores: { nudity: number, sexual: number, suggestive: number }, frames: Array<{ time: number, scores: { nudity: number, sexual: number, suggestive: number } }> | null }
      | { __typename: 'PromptResult', prompt: string, answer: string, model: string, framesShown: number, transcribed: boolean }
      | { __typename: 'SpeechResult', detected: boolean, language: string, text: string, duration: number, model: string, reused: boolean, segments: Array<{ start: number, end: number, text: string, confidence: number, speaker: string | null }>, words: Array<{ start: number, end: number, word: string }> | null }
      | { __typename: 'SubtitlesResult', format: SubtitlesFormat, language: string, cues: number | null, detected: boolean, transcriptReused: boolean }
      | { __typename: 'ThumbnailsResult', mode: ThumbnailsMode, interval: number | null, tileWidth: number | null, tileHeight: number | null, columns: number | null, rows: number | null, sheets: number | null, cues: number | null, frames: Array<{ filename: string, time: number, width: number, height: number }> | null, poster: { time: number, width: number, height: number } }
      | { __typename: 'WorkflowResult', steps: Array<{ ref: string | null, kind: TaskKind, taskId: string, status: TaskStatus, dependsOn: string | null }> }
     | null, error: { code: TaskErrorCode, message: string } | null, input: { filename: string | null, mimeType: string | null, size: number | null, duration: number | null, width: number | null, height: number | null, url: string | null } | null, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null }> } };

export type ClientRetryTaskMutationVariables = Exact<{
  id: string | number;
}>;


export type ClientRetryTaskMutation = { retryTask: { id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, attempts: number, options: unknown, metadata: unknown, result: unknown, createdAt: string, updatedAt: string, startedAt: string | null, finishedAt: string | null, typedResult:
      | { __typename: 'AdaptiveVideoResult', duration: number, posterTime: number, rungs: Array<{ name: string, width: number, height: number, bandwidth: number, averageBandwidth: number, codecs: string, frameRate: number | null, playlist: string }> }
      | { __typename: 'AnimationResult', frameCount: number }
      | { __typename: 'ChaptersResult', transcribed: boolean, chapters: Array<{ index: number, start: number, end: number, title: string, titleSource: ChapterTitleSource }> }
      | { __typename: 'DescriptionResult', title: string, description: string, tags: Array<string>, language: string, confidence: number, objects: Array<string>, model: string }
      | { __typename: 'NsfwResult', detected: boolean, confidence: number, threshold: number, model: string, framesAnalysed: number, scores: { nudity: number, sexual: number, suggestive: number }, frames: Array<{ time: number, scores: { nudity: number, sexual: number, suggestive: number } }> | null }
      | { __typename: 'PromptResult', prompt: string, answer: string, model: string, framesShown: number, transcribed: boolean }
      | { __typename: 'SpeechResult', detected: boolean, language: string, text: string, duration: number, model: string, reused: boolean, segments: Array<{ start: number, end: number, text: string, confidence: number, speaker: string | null }>, words: Array<{ start: number, end: number, word: string }> | null }
      | { __typename: 'SubtitlesResult', format: SubtitlesFormat, language: string, cues: number | null, detected: boolean, transcriptReused: boolean }
      | { __typename: 'ThumbnailsResult', mode: ThumbnailsMode, interval: number | null, tileWidth: number | null, tileHeight: number | null, columns: number | null, rows: number | null, sheets: number | null, cues: number | null, frames: Array<{ filename: string, time: number, width: number, height: number }> | null, poster: { time: number, width: number, height: number } }
      | { __typename: 'WorkflowResult', steps: Array<{ ref: string | null, kind: TaskKind, taskId: string, status: TaskStatus, dependsOn: string | null }> }
     | null, error: { code: TaskErrorCode, message: string } | null, input: { filename: string | null, mimeType: string | null, size: number | null, duration: number | null, width: number | null, height: number | null, url: string | null } | null, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null }> } };

export type ClientDeleteTaskMutationVariables = Exact<{
  id: string | number;
}>;


export type ClientDeleteTaskMutation = { deleteTask: string };

export type ClientKindsQueryVariables = Exact<{ [key: string]: never; }>;


export type ClientKindsQuery = { kinds: Array<{ kind: TaskKind, description: string, optionsType: string, optionsSchema: unknown, unavailable: string | null }> };

export type ClientCreateUploadMutationVariables = Exact<{
  input: CreateUploadInput;
}>;


export type ClientCreateUploadMutation = { createUpload: { id: string, url: string | null, size: number, offset: number, expiresAt: string } };

export type ClientTaskUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type ClientTaskUpdatedSubscription = { taskUpdated: { id: string, status: TaskStatus, progress: number, estimatedTime: string | null, updatedAt: string, error: { code: TaskErrorCode, message: string } | null } };

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
export const ClientTypedResultFragmentDoc = new TypedDocumentString(`
    fragment ClientTypedResult on TaskResult {
  __typename
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
  ... on ThumbnailsResult {
    mode
    interval
    tileWidth
    tileHeight
    columns
    rows
    sheets
    cues
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
  ... on SubtitlesResult {
    format
    language
    cues
    detected
    transcriptReused
  }
  ... on ChaptersResult {
    chapters {
      index
      start
      end
      title
      titleSource
    }
    transcribed
  }
  ... on SpeechResult {
    detected
    language
    text
    segments {
      start
      end
      text
      confidence
      speaker
    }
    words {
      start
      end
      word
    }
    duration
    model
    reused
  }
  ... on NsfwResult {
    detected
    scores {
      nudity
      sexual
      suggestive
    }
    confidence
    threshold
    model
    framesAnalysed
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
    language
    confidence
    objects
    model
  }
  ... on PromptResult {
    prompt
    answer
    model
    framesShown
    transcribed
  }
  ... on WorkflowResult {
    steps {
      ref
      kind
      taskId
      status
      dependsOn
    }
  }
}
    `, {"fragmentName":"ClientTypedResult"}) as unknown as TypedDocumentString<ClientTypedResultFragment, unknown>;
export const ClientTaskFragmentDoc = new TypedDocumentString(`
    fragment ClientTask on Task {
  id
  kind
  status
  progress
  estimatedTime
  url
  attempts
  options
  metadata
  result
  typedResult {
    ...ClientTypedResult
  }
  error {
    code
    message
  }
  input {
    filename
    mimeType
    size
    duration
    width
    height
    url
  }
  outputs {
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
  }
  createdAt
  updatedAt
  startedAt
  finishedAt
}
    fragment ClientTypedResult on TaskResult {
  __typename
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
  ... on ThumbnailsResult {
    mode
    interval
    tileWidth
    tileHeight
    columns
    rows
    sheets
    cues
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
  ... on SubtitlesResult {
    format
    language
    cues
    detected
    transcriptReused
  }
  ... on ChaptersResult {
    chapters {
      index
      start
      end
      title
      titleSource
    }
    transcribed
  }
  ... on SpeechResult {
    detected
    language
    text
    segments {
      start
      end
      text
      confidence
      speaker
    }
    words {
      start
      end
      word
    }
    duration
    model
    reused
  }
  ... on NsfwResult {
    detected
    scores {
      nudity
      sexual
      suggestive
    }
    confidence
    threshold
    model
    framesAnalysed
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
    language
    confidence
    objects
    model
  }
  ... on PromptResult {
    prompt
    answer
    model
    framesShown
    transcribed
  }
  ... on WorkflowResult {
    steps {
      ref
      kind
      taskId
      status
      dependsOn
    }
  }
}`, {"fragmentName":"ClientTask"}) as unknown as TypedDocumentString<ClientTaskFragment, unknown>;
export const ClientCreateTaskDocument = new TypedDocumentString(`
    mutation ClientCreateTask($input: CreateTaskInput!) {
  createTask(input: $input) {
    ...ClientTask
  }
}
    fragment ClientTypedResult on TaskResult {
  __typename
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
  ... on ThumbnailsResult {
    mode
    interval
    tileWidth
    tileHeight
    columns
    rows
    sheets
    cues
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
  ... on SubtitlesResult {
    format
    language
    cues
    detected
    transcriptReused
  }
  ... on ChaptersResult {
    chapters {
      index
      start
      end
      title
      titleSource
    }
    transcribed
  }
  ... on SpeechResult {
    detected
    language
    text
    segments {
      start
      end
      text
      confidence
      speaker
    }
    words {
      start
      end
      word
    }
    duration
    model
    reused
  }
  ... on NsfwResult {
    detected
    scores {
      nudity
      sexual
      suggestive
    }
    confidence
    threshold
    model
    framesAnalysed
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
    language
    confidence
    objects
    model
  }
  ... on PromptResult {
    prompt
    answer
    model
    framesShown
    transcribed
  }
  ... on WorkflowResult {
    steps {
      ref
      kind
      taskId
      status
      dependsOn
    }
  }
}
fragment ClientTask on Task {
  id
  kind
  status
  progress
  estimatedTime
  url
  attempts
  options
  metadata
  result
  typedResult {
    ...ClientTypedResult
  }
  error {
    code
    message
  }
  input {
    filename
    mimeType
    size
    duration
    width
    height
    url
  }
  outputs {
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
  }
  createdAt
  updatedAt
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<ClientCreateTaskMutation, ClientCreateTaskMutationVariables>;
export const ClientTaskDocument = new TypedDocumentString(`
    query ClientTask($id: ID!) {
  task(id: $id) {
    ...ClientTask
  }
}
    fragment ClientTypedResult on TaskResult {
  __typename
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
  ... on ThumbnailsResult {
    mode
    interval
    tileWidth
    tileHeight
    columns
    rows
    sheets
    cues
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
  ... on SubtitlesResult {
    format
    language
    cues
    detected
    transcriptReused
  }
  ... on ChaptersResult {
    chapters {
      index
      start
      end
      title
      titleSource
    }
    transcribed
  }
  ... on SpeechResult {
    detected
    language
    text
    segments {
      start
      end
      text
      confidence
      speaker
    }
    words {
      start
      end
      word
    }
    duration
    model
    reused
  }
  ... on NsfwResult {
    detected
    scores {
      nudity
      sexual
      suggestive
    }
    confidence
    threshold
    model
    framesAnalysed
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
    language
    confidence
    objects
    model
  }
  ... on PromptResult {
    prompt
    answer
    model
    framesShown
    transcribed
  }
  ... on WorkflowResult {
    steps {
      ref
      kind
      taskId
      status
      dependsOn
    }
  }
}
fragment ClientTask on Task {
  id
  kind
  status
  progress
  estimatedTime
  url
  attempts
  options
  metadata
  result
  typedResult {
    ...ClientTypedResult
  }
  error {
    code
    message
  }
  input {
    filename
    mimeType
    size
    duration
    width
    height
    url
  }
  outputs {
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
  }
  createdAt
  updatedAt
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<ClientTaskQuery, ClientTaskQueryVariables>;
export const ClientTasksDocument = new TypedDocumentString(`
    query ClientTasks($first: Int, $after: String, $filter: TaskFilter, $orderBy: TaskOrder) {
  tasks(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...ClientTask
      }
    }
  }
}
    fragment ClientTypedResult on TaskResult {
  __typename
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
  ... on ThumbnailsResult {
    mode
    interval
    tileWidth
    tileHeight
    columns
    rows
    sheets
    cues
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
  ... on SubtitlesResult {
    format
    language
    cues
    detected
    transcriptReused
  }
  ... on ChaptersResult {
    chapters {
      index
      start
      end
      title
      titleSource
    }
    transcribed
  }
  ... on SpeechResult {
    detected
    language
    text
    segments {
      start
      end
      text
      confidence
      speaker
    }
    words {
      start
      end
      word
    }
    duration
    model
    reused
  }
  ... on NsfwResult {
    detected
    scores {
      nudity
      sexual
      suggestive
    }
    confidence
    threshold
    model
    framesAnalysed
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
    language
    confidence
    objects
    model
  }
  ... on PromptResult {
    prompt
    answer
    model
    framesShown
    transcribed
  }
  ... on WorkflowResult {
    steps {
      ref
      kind
      taskId
      status
      dependsOn
    }
  }
}
fragment ClientTask on Task {
  id
  kind
  status
  progress
  estimatedTime
  url
  attempts
  options
  metadata
  result
  typedResult {
    ...ClientTypedResult
  }
  error {
    code
    message
  }
  input {
    filename
    mimeType
    size
    duration
    width
    height
    url
  }
  outputs {
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
  }
  createdAt
  updatedAt
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<ClientTasksQuery, ClientTasksQueryVariables>;
export const ClientCancelTaskDocument = new TypedDocumentString(`
    mutation ClientCancelTask($id: ID!) {
  cancelTask(id: $id) {
    ...ClientTask
  }
}
    fragment ClientTypedResult on TaskResult {
  __typename
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
  ... on ThumbnailsResult {
    mode
    interval
    tileWidth
    tileHeight
    columns
    rows
    sheets
    cues
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
  ... on SubtitlesResult {
    format
    language
    cues
    detected
    transcriptReused
  }
  ... on ChaptersResult {
    chapters {
      index
      start
      end
      title
      titleSource
    }
    transcribed
  }
  ... on SpeechResult {
    detected
    language
    text
    segments {
      start
      end
      text
      confidence
      speaker
    }
    words {
      start
      end
      word
    }
    duration
    model
    reused
  }
  ... on NsfwResult {
    detected
    scores {
      nudity
      sexual
      suggestive
    }
    confidence
    threshold
    model
    framesAnalysed
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
    language
    confidence
    objects
    model
  }
  ... on PromptResult {
    prompt
    answer
    model
    framesShown
    transcribed
  }
  ... on WorkflowResult {
    steps {
      ref
      kind
      taskId
      status
      dependsOn
    }
  }
}
fragment ClientTask on Task {
  id
  kind
  status
  progress
  estimatedTime
  url
  attempts
  options
  metadata
  result
  typedResult {
    ...ClientTypedResult
  }
  error {
    code
    message
  }
  input {
    filename
    mimeType
    size
    duration
    width
    height
    url
  }
  outputs {
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
  }
  createdAt
  updatedAt
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<ClientCancelTaskMutation, ClientCancelTaskMutationVariables>;
export const ClientRetryTaskDocument = new TypedDocumentString(`
    mutation ClientRetryTask($id: ID!) {
  retryTask(id: $id) {
    ...ClientTask
  }
}
    fragment ClientTypedResult on TaskResult {
  __typename
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
  ... on ThumbnailsResult {
    mode
    interval
    tileWidth
    tileHeight
    columns
    rows
    sheets
    cues
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
  ... on SubtitlesResult {
    format
    language
    cues
    detected
    transcriptReused
  }
  ... on ChaptersResult {
    chapters {
      index
      start
      end
      title
      titleSource
    }
    transcribed
  }
  ... on SpeechResult {
    detected
    language
    text
    segments {
      start
      end
      text
      confidence
      speaker
    }
    words {
      start
      end
      word
    }
    duration
    model
    reused
  }
  ... on NsfwResult {
    detected
    scores {
      nudity
      sexual
      suggestive
    }
    confidence
    threshold
    model
    framesAnalysed
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
    language
    confidence
    objects
    model
  }
  ... on PromptResult {
    prompt
    answer
    model
    framesShown
    transcribed
  }
  ... on WorkflowResult {
    steps {
      ref
      kind
      taskId
      status
      dependsOn
    }
  }
}
fragment ClientTask on Task {
  id
  kind
  status
  progress
  estimatedTime
  url
  attempts
  options
  metadata
  result
  typedResult {
    ...ClientTypedResult
  }
  error {
    code
    message
  }
  input {
    filename
    mimeType
    size
    duration
    width
    height
    url
  }
  outputs {
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
  }
  createdAt
  updatedAt
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<ClientRetryTaskMutation, ClientRetryTaskMutationVariables>;
export const ClientDeleteTaskDocument = new TypedDocumentString(`
    mutation ClientDeleteTask($id: ID!) {
  deleteTask(id: $id)
}
    `) as unknown as TypedDocumentString<ClientDeleteTaskMutation, ClientDeleteTaskMutationVariables>;
export const ClientKindsDocument = new TypedDocumentString(`
    query ClientKinds {
  kinds {
    kind
    description
    optionsType
    optionsSchema
    unavailable
  }
}
    `) as unknown as TypedDocumentString<ClientKindsQuery, ClientKindsQueryVariables>;
export const ClientCreateUploadDocument = new TypedDocumentString(`
    mutation ClientCreateUpload($input: CreateUploadInput!) {
  createUpload(input: $input) {
    id
    url
    size
    offset
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<ClientCreateUploadMutation, ClientCreateUploadMutationVariables>;
export const ClientTaskUpdatedDocument = new TypedDocumentString(`
    subscription ClientTaskUpdated($id: ID!) {
  taskUpdated(id: $id) {
    id
    status
    progress
    estimatedTime
    updatedAt
    error {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<ClientTaskUpdatedSubscription, ClientTaskUpdatedSubscriptionVariables>;