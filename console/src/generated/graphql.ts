/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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
  /** true: only tasks that are not a workflow's step (a list of what was created); false: only steps. */
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

export type ConsoleTaskDetailFragment = { attempts: number, metadata: unknown, options: unknown, result: unknown, id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, events: Array<{ status: TaskStatus, createdAt: string, message: string | null, attempt: number }>, input: { filename: string | null, mimeType: string | null, size: number | null, duration: number | null, width: number | null, height: number | null, fps: number | null, container: string | null, videoCodec: string | null, audioCodec: string | null, bitrate: number | null, hasAudio: boolean | null, hasVideo: boolean | null, rotation: number | null, url: string | null } | null, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null, bitrate: number | null, codecs: Array<string> }>, hls: { status: TaskStatus, videoUrl: string | null, thumbnailUrls: Array<string> } | null, children: Array<{ result: unknown, id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null }>, parent: { id: string } | null, dependsOn: { id: string } | null, input: { filename: string | null, duration: number | null, width: number | null, height: number | null } | null, error: { code: TaskErrorCode, message: string } | null }>, parent: { id: string, kind: TaskKind, status: TaskStatus } | null, dependsOn: { id: string } | null, error: { code: TaskErrorCode, message: string } | null };

export type ConsoleTaskQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleTaskQuery = { task: { attempts: number, metadata: unknown, options: unknown, result: unknown, id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, events: Array<{ status: TaskStatus, createdAt: string, message: string | null, attempt: number }>, input: { filename: string | null, mimeType: string | null, size: number | null, duration: number | null, width: number | null, height: number | null, fps: number | null, container: string | null, videoCodec: string | null, audioCodec: string | null, bitrate: number | null, hasAudio: boolean | null, hasVideo: boolean | null, rotation: number | null, url: string | null } | null, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null, bitrate: number | null, codecs: Array<string> }>, hls: { status: TaskStatus, videoUrl: string | null, thumbnailUrls: Array<string> } | null, children: Array<{ result: unknown, id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null }>, parent: { id: string } | null, dependsOn: { id: string } | null, input: { filename: string | null, duration: number | null, width: number | null, height: number | null } | null, error: { code: TaskErrorCode, message: string } | null }>, parent: { id: string, kind: TaskKind, status: TaskStatus } | null, dependsOn: { id: string } | null, error: { code: TaskErrorCode, message: string } | null } | null };

export type ConsoleTaskUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type ConsoleTaskUpdatedSubscription = { taskUpdated: { attempts: number, metadata: unknown, options: unknown, result: unknown, id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, events: Array<{ status: TaskStatus, createdAt: string, message: string | null, attempt: number }>, input: { filename: string | null, mimeType: string | null, size: number | null, duration: number | null, width: number | null, height: number | null, fps: number | null, container: string | null, videoCodec: string | null, audioCodec: string | null, bitrate: number | null, hasAudio: boolean | null, hasVideo: boolean | null, rotation: number | null, url: string | null } | null, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null, bitrate: number | null, codecs: Array<string> }>, hls: { status: TaskStatus, videoUrl: string | null, thumbnailUrls: Array<string> } | null, children: Array<{ result: unknown, id: string, kind: TaskKind, status: TaskStatus, progress: number, estimatedTime: string | null, url: string | null, stepRef: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, updatedAt: string, outputs: Array<{ id: string, kind: OutputKind, filename: string, path: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, duration: number | null }>, parent: { id: string } | null, dependsOn: { id: string } | null, input: { filename: string | null, duration: number | null, width: number | null, height: number | null } | null, error: { code: TaskErrorCode, message: string } | null }>, parent: { id: string, kind: TaskKind, status: TaskStatus } | null, dependsOn: { id: string } | null, error: { code: TaskErrorCode, message: string } | null } };

export type ConsoleCancelTaskMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleCancelTaskMutation = { cancelTask: { id: string, status: TaskStatus } };

export type ConsoleRetryTaskMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleRetryTaskMutation = { retryTask: { id: string, status: TaskStatus } };

export type ConsoleDeleteTaskMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleDeleteTaskMutation = { deleteTask: string };

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


export type ConsoleKindsQuery = { kinds: Array<{ kind: TaskKind, description: string, optionsType: string, optionsSchema: unknown }> };

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
export const ConsoleTaskDetailFragmentDoc = new TypedDocumentString(`
    fragment ConsoleTaskDetail on Task {
  ...ConsoleTaskRow
  attempts
  metadata
  options
  result
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
  hls {
    status
    videoUrl
    thumbnailUrls
  }
  children {
    ...ConsoleTaskRow
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
    result
  }
  parent {
    id
    kind
    status
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
    fragment ConsoleTaskDetail on Task {
  ...ConsoleTaskRow
  attempts
  metadata
  options
  result
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
  hls {
    status
    videoUrl
    thumbnailUrls
  }
  children {
    ...ConsoleTaskRow
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
    result
  }
  parent {
    id
    kind
    status
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
    fragment ConsoleTaskDetail on Task {
  ...ConsoleTaskRow
  attempts
  metadata
  options
  result
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
  hls {
    status
    videoUrl
    thumbnailUrls
  }
  children {
    ...ConsoleTaskRow
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
    result
  }
  parent {
    id
    kind
    status
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
export const ConsoleCancelTaskDocument = new TypedDocumentString(`
    mutation ConsoleCancelTask($id: ID!) {
  cancelTask(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleCancelTaskMutation, ConsoleCancelTaskMutationVariables>;
export const ConsoleRetryTaskDocument = new TypedDocumentString(`
    mutation ConsoleRetryTask($id: ID!) {
  retryTask(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleRetryTaskMutation, ConsoleRetryTaskMutationVariables>;
export const ConsoleDeleteTaskDocument = new TypedDocumentString(`
    mutation ConsoleDeleteTask($id: ID!) {
  deleteTask(id: $id)
}
    `) as unknown as TypedDocumentString<ConsoleDeleteTaskMutation, ConsoleDeleteTaskMutationVariables>;
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
  }
}
    `) as unknown as TypedDocumentString<ConsoleKindsQuery, ConsoleKindsQueryVariables>;