/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Options of the adaptive_video kind. Omitted fields take their defaults. */
export type AdaptiveVideoOptions = {
  /** Caps the top rung's height; rungs above it are left out. (2–4320) */
  height?: number | null | undefined;
  /** Scales every rung's bitrate: medium (60) is the documented ladder, very_low 0.6x, very_high 1.4x. Default: "medium". */
  quality?: number | string | null | undefined;
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
  file?: File | null | undefined;
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

/** Which task changes to receive; every given condition must hold. */
export type TaskChangeFilter = {
  /** Also progress updates, not only status transitions. Default: true. */
  includeProgress?: boolean | null | undefined;
  kind?: Array<TaskKind> | null | undefined;
  /** Only children of this workflow task. */
  parentId?: string | number | null | undefined;
  /** Only changes into these statuses. */
  status?: Array<TaskStatus> | null | undefined;
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

export type UploadedPartInput = {
  /** The ETag header the part's PUT answered (quotes included or not). */
  etag: string;
  partNumber: number;
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
  quality?: number | string | null | undefined;
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

export type WebhookDeliveryStatus =
  /** The receiver answered 2xx. */
  | 'DELIVERED'
  /** Attempts used up, or the address is refused. */
  | 'FAILED'
  /** Being tried (or waiting for its next attempt). */
  | 'PENDING';

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

export type TaskListFieldsFragment = { id: string, kind: TaskKind, status: TaskStatus, createdAt: string, updatedAt: string, error: { code: TaskErrorCode } | null, input: { filename: string | null, width: number | null, height: number | null, duration: number | null } | null };

export type TaskListCreateMutationVariables = Exact<{
  input: CreateTaskInput;
}>;


export type TaskListCreateMutation = { createTask: { id: string, kind: TaskKind, status: TaskStatus, createdAt: string, updatedAt: string, error: { code: TaskErrorCode } | null, input: { filename: string | null, width: number | null, height: number | null, duration: number | null } | null } };

export type TaskListUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type TaskListUpdatedSubscription = { taskUpdated: { id: string, status: TaskStatus, updatedAt: string } };

export type TaskListPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: TaskFilter | null | undefined;
  orderBy?: TaskOrder | null | undefined;
}>;


export type TaskListPageQuery = { tasks: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, kind: TaskKind, status: TaskStatus, createdAt: string, updatedAt: string, error: { code: TaskErrorCode } | null, input: { filename: string | null, width: number | null, height: number | null, duration: number | null } | null } }> } };

export type TaskListTaskQueryVariables = Exact<{
  id: string | number;
}>;


export type TaskListTaskQuery = { task: { id: string, kind: TaskKind, status: TaskStatus, createdAt: string, updatedAt: string, error: { code: TaskErrorCode } | null, input: { filename: string | null, width: number | null, height: number | null, duration: number | null } | null } | null };

export type TaskListNodeQueryVariables = Exact<{
  id: string | number;
}>;


export type TaskListNodeQuery = { node: { __typename: 'Task', status: TaskStatus, kind: TaskKind, id: string } | null };

export type TaskListKindsQueryVariables = Exact<{ [key: string]: never; }>;


export type TaskListKindsQuery = { kinds: Array<{ kind: TaskKind, optionsType: string, optionsSchema: unknown, unavailable: string | null }> };

export type TaskFieldsFragment = { id: string, kind: TaskKind, status: TaskStatus, url: string | null, progress: number, estimatedTime: string | null, attempts: number, options: unknown, metadata: unknown, createdAt: string, updatedAt: string, startedAt: string | null, finishedAt: string | null, error: { code: TaskErrorCode, message: string } | null, input: { filename: string | null, mimeType: string | null, container: string | null, size: number | null, duration: number | null, width: number | null, height: number | null, fps: number | null, hasAudio: boolean | null, hasVideo: boolean | null, videoCodec: string | null, rotation: number | null } | null, outputs: Array<{ id: string, kind: OutputKind, mimeType: string, filename: string, path: string, size: number, url: string, width: number | null, height: number | null, codecs: Array<string> }>, events: Array<{ status: TaskStatus, attempt: number, createdAt: string }> };

export type CreateTaskMutationVariables = Exact<{
  input: CreateTaskInput;
}>;


export type CreateTaskMutation = { createTask: { id: string, kind: TaskKind, status: TaskStatus, url: string | null, progress: number, estimatedTime: string | null, attempts: number, options: unknown, metadata: unknown, createdAt: string, updatedAt: string, startedAt: string | null, finishedAt: string | null, error: { code: TaskErrorCode, message: string } | null, input: { filename: string | null, mimeType: string | null, container: string | null, size: number | null, duration: number | null, width: number | null, height: number | null, fps: number | null, hasAudio: boolean | null, hasVideo: boolean | null, videoCodec: string | null, rotation: number | null } | null, outputs: Array<{ id: string, kind: OutputKind, mimeType: string, filename: string, path: string, size: number, url: string, width: number | null, height: number | null, codecs: Array<string> }>, events: Array<{ status: TaskStatus, attempt: number, createdAt: string }> } };

export type CancelTaskMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelTaskMutation = { cancelTask: { id: string, status: TaskStatus, events: Array<{ status: TaskStatus }> } };

export type TaskQueryVariables = Exact<{
  id: string | number;
}>;


export type TaskQuery = { task: { id: string, kind: TaskKind, status: TaskStatus, url: string | null, progress: number, estimatedTime: string | null, attempts: number, options: unknown, metadata: unknown, createdAt: string, updatedAt: string, startedAt: string | null, finishedAt: string | null, error: { code: TaskErrorCode, message: string } | null, input: { filename: string | null, mimeType: string | null, container: string | null, size: number | null, duration: number | null, width: number | null, height: number | null, fps: number | null, hasAudio: boolean | null, hasVideo: boolean | null, videoCodec: string | null, rotation: number | null } | null, outputs: Array<{ id: string, kind: OutputKind, mimeType: string, filename: string, path: string, size: number, url: string, width: number | null, height: number | null, codecs: Array<string> }>, events: Array<{ status: TaskStatus, attempt: number, createdAt: string }> } | null };

export type NodeQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeQuery = { node: { status: TaskStatus, kind: TaskKind, id: string } | null };

export type TasksQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: TaskFilter | null | undefined;
  orderBy?: TaskOrder | null | undefined;
}>;


export type TasksQuery = { tasks: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, kind: TaskKind, status: TaskStatus, createdAt: string, updatedAt: string, input: { filename: string | null, width: number | null, height: number | null, duration: number | null } | null } }> } };

export type KindsQueryVariables = Exact<{ [key: string]: never; }>;


export type KindsQuery = { kinds: Array<{ kind: TaskKind, description: string, optionsType: string, optionsSchema: unknown }> };

export type TaskUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type TaskUpdatedSubscription = { taskUpdated: { id: string, status: TaskStatus, progress: number, estimatedTime: string | null, updatedAt: string, outputs: Array<{ url: string }>, error: { code: TaskErrorCode, message: string } | null } };

export type TaskEventsSubscriptionVariables = Exact<{
  filter?: TaskChangeFilter | null | undefined;
}>;


export type TaskEventsSubscription = { taskEvents: { id: string, kind: TaskKind, status: TaskStatus, progress: number } };

export type TaskHlsQueryVariables = Exact<{
  id: string | number;
}>;


export type TaskHlsQuery = { task: { id: string, hls: { videoUrl: string | null, thumbnailUrls: Array<string>, status: TaskStatus, updatedAt: string } | null } | null };

export type RetryTaskMutationVariables = Exact<{
  id: string | number;
}>;


export type RetryTaskMutation = { retryTask: { id: string, status: TaskStatus, attempts: number, events: Array<{ status: TaskStatus, message: string | null }> } };

export type DeleteTaskMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteTaskMutation = { deleteTask: string };

export type TaskWebhooksQueryVariables = Exact<{
  id: string | number;
}>;


export type TaskWebhooksQuery = { task: { id: string, status: TaskStatus, webhookAllEvents: boolean, webhookDeliveries: Array<{ eventId: string, url: string, status: WebhookDeliveryStatus, attempts: number, responseStatus: number | null, lastError: string | null, deliveredAt: string | null }> } | null };

export type TaskResultQueryVariables = Exact<{
  id: string | number;
}>;


export type TaskResultQuery = { task: { id: string, status: TaskStatus, result: unknown, error: { code: TaskErrorCode, message: string } | null, outputs: Array<{ kind: OutputKind, mimeType: string, filename: string, url: string }> } | null };

export type WorkflowTreeQueryVariables = Exact<{
  id: string | number;
}>;


export type WorkflowTreeQuery = { task: { id: string, status: TaskStatus, progress: number, result: unknown, error: { code: TaskErrorCode, message: string } | null, input: { url: string | null } | null, children: Array<{ id: string, kind: TaskKind, status: TaskStatus, stepRef: string | null, result: unknown, error: { code: TaskErrorCode, message: string } | null, dependsOn: { id: string, stepRef: string | null } | null, input: { url: string | null, filename: string | null } | null, outputs: Array<{ kind: OutputKind, filename: string, url: string }>, events: Array<{ status: TaskStatus, message: string | null }> }> } | null };

export type TaskStatusOnlySubscriptionVariables = Exact<{
  id: string | number;
}>;


export type TaskStatusOnlySubscription = { taskUpdated: { __typename: 'Task', id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, updatedAt: string, error: { code: TaskErrorCode, message: string } | null } };

export type TaskIdsQueryVariables = Exact<{
  filter?: TaskFilter | null | undefined;
}>;


export type TaskIdsQuery = { tasks: { edges: Array<{ node: { id: string } }> } };

export type CreateUploadMutationVariables = Exact<{
  input: CreateUploadInput;
}>;


export type CreateUploadMutation = { createUpload: { id: string, url: string | null, filename: string, mimeType: string, size: number, offset: number, expiresAt: string, completedAt: string | null, taskId: string | null, direct: boolean, partSize: number | null, parts: Array<{ partNumber: number, offset: number, size: number, url: string }> | null } };

export type CompleteUploadMutationVariables = Exact<{
  id: string | number;
  parts: Array<UploadedPartInput> | UploadedPartInput;
}>;


export type CompleteUploadMutation = { completeUpload: { id: string, size: number, offset: number, completedAt: string | null } };

export type UploadQueryVariables = Exact<{
  id: string | number;
}>;


export type UploadQuery = { upload: { id: string, size: number, offset: number, completedAt: string | null, taskId: string | null, direct: boolean, parts: Array<{ partNumber: number, offset: number, size: number, url: string }> | null } | null };

export type WebhookSecretQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhookSecretQuery = { webhookSecret: { secret: string, createdAt: string, previousExpiresAt: string | null } | null };

export type RotateWebhookSecretMutationVariables = Exact<{
  previousValidFor?: number | null | undefined;
}>;


export type RotateWebhookSecretMutation = { rotateWebhookSecret: { secret: string, createdAt: string, previousExpiresAt: string | null } };

export const TaskListFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskListFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"input"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"duration"}}]}}]}}]} as unknown as DocumentNode<TaskListFieldsFragment, unknown>;
export const TaskFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedTime"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"input"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}},{"kind":"Field","name":{"kind":"Name","value":"container"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"duration"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"fps"}},{"kind":"Field","name":{"kind":"Name","value":"hasAudio"}},{"kind":"Field","name":{"kind":"Name","value":"hasVideo"}},{"kind":"Field","name":{"kind":"Name","value":"videoCodec"}},{"kind":"Field","name":{"kind":"Name","value":"rotation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"codecs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]} as unknown as DocumentNode<TaskFieldsFragment, unknown>;
export const TaskListCreateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TaskListCreate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskListFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskListFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"input"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"duration"}}]}}]}}]} as unknown as DocumentNode<TaskListCreateMutation, TaskListCreateMutationVariables>;
export const TaskListUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TaskListUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<TaskListUpdatedSubscription, TaskListUpdatedSubscriptionVariables>;
export const TaskListPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskListPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskListFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskListFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"input"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"duration"}}]}}]}}]} as unknown as DocumentNode<TaskListPageQuery, TaskListPageQueryVariables>;
export const TaskListTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskListTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskListFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskListFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"input"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"duration"}}]}}]}}]} as unknown as DocumentNode<TaskListTaskQuery, TaskListTaskQueryVariables>;
export const TaskListNodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskListNode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]} as unknown as DocumentNode<TaskListNodeQuery, TaskListNodeQueryVariables>;
export const TaskListKindsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskListKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"optionsType"}},{"kind":"Field","name":{"kind":"Name","value":"optionsSchema"}},{"kind":"Field","name":{"kind":"Name","value":"unavailable"}}]}}]}}]} as unknown as DocumentNode<TaskListKindsQuery, TaskListKindsQueryVariables>;
export const CreateTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedTime"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"input"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}},{"kind":"Field","name":{"kind":"Name","value":"container"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"duration"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"fps"}},{"kind":"Field","name":{"kind":"Name","value":"hasAudio"}},{"kind":"Field","name":{"kind":"Name","value":"hasVideo"}},{"kind":"Field","name":{"kind":"Name","value":"videoCodec"}},{"kind":"Field","name":{"kind":"Name","value":"rotation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"codecs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]} as unknown as DocumentNode<CreateTaskMutation, CreateTaskMutationVariables>;
export const CancelTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<CancelTaskMutation, CancelTaskMutationVariables>;
export const TaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Task"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedTime"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"input"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}},{"kind":"Field","name":{"kind":"Name","value":"container"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"duration"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"fps"}},{"kind":"Field","name":{"kind":"Name","value":"hasAudio"}},{"kind":"Field","name":{"kind":"Name","value":"hasVideo"}},{"kind":"Field","name":{"kind":"Name","value":"videoCodec"}},{"kind":"Field","name":{"kind":"Name","value":"rotation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"codecs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]} as unknown as DocumentNode<TaskQuery, TaskQueryVariables>;
export const NodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Node"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]} as unknown as DocumentNode<NodeQuery, NodeQueryVariables>;
export const TasksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Tasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"input"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"duration"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TasksQuery, TasksQueryVariables>;
export const KindsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Kinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"optionsType"}},{"kind":"Field","name":{"kind":"Name","value":"optionsSchema"}}]}}]}}]} as unknown as DocumentNode<KindsQuery, KindsQueryVariables>;
export const TaskUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TaskUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedTime"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"outputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<TaskUpdatedSubscription, TaskUpdatedSubscriptionVariables>;
export const TaskEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TaskEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskChangeFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}}]}}]}}]} as unknown as DocumentNode<TaskEventsSubscription, TaskEventsSubscriptionVariables>;
export const TaskHlsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskHls"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"videoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrls"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]} as unknown as DocumentNode<TaskHlsQuery, TaskHlsQueryVariables>;
export const RetryTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetryTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RetryTaskMutation, RetryTaskMutationVariables>;
export const DeleteTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteTaskMutation, DeleteTaskMutationVariables>;
export const TaskWebhooksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskWebhooks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"webhookAllEvents"}},{"kind":"Field","name":{"kind":"Name","value":"webhookDeliveries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"responseStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}}]}}]}}]}}]} as unknown as DocumentNode<TaskWebhooksQuery, TaskWebhooksQueryVariables>;
export const TaskResultDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskResult"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<TaskResultQuery, TaskResultQueryVariables>;
export const WorkflowTreeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WorkflowTree"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"input"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"children"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"stepRef"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dependsOn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stepRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"input"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WorkflowTreeQuery, WorkflowTreeQueryVariables>;
export const TaskStatusOnlyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TaskStatusOnly"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedTime"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<TaskStatusOnlySubscription, TaskStatusOnlySubscriptionVariables>;
export const TaskIdsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskIds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TaskIdsQuery, TaskIdsQueryVariables>;
export const CreateUploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUploadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"direct"}},{"kind":"Field","name":{"kind":"Name","value":"partSize"}},{"kind":"Field","name":{"kind":"Name","value":"parts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partNumber"}},{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<CreateUploadMutation, CreateUploadMutationVariables>;
export const CompleteUploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CompleteUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parts"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UploadedPartInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completeUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"parts"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parts"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}}]}}]}}]} as unknown as DocumentNode<CompleteUploadMutation, CompleteUploadMutationVariables>;
export const UploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Upload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"direct"}},{"kind":"Field","name":{"kind":"Name","value":"parts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partNumber"}},{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<UploadQuery, UploadQueryVariables>;
export const WebhookSecretDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebhookSecret"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookSecret"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"previousExpiresAt"}}]}}]}}]} as unknown as DocumentNode<WebhookSecretQuery, WebhookSecretQueryVariables>;
export const RotateWebhookSecretDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RotateWebhookSecret"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"previousValidFor"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateWebhookSecret"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"previousValidFor"},"value":{"kind":"Variable","name":{"kind":"Name","value":"previousValidFor"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"previousExpiresAt"}}]}}]}}]} as unknown as DocumentNode<RotateWebhookSecretMutation, RotateWebhookSecretMutationVariables>;