// The capabilities the intelligence kinds need, each with an embedded implementation (models
// that ship with the install) and an OpenAI-compatible remote one, chosen per capability by
// configuration. Free of GraphQL and queue concerns: files in, plain results out.

export interface AnalysisOptions {
  signal?: AbortSignal;
  /** 0–1 of this call's work, only rising. */
  onProgress?: (fraction: number) => void;
}

export interface TranscriptSegment {
  /** Seconds from the start of the media. */
  start: number;
  end: number;
  text: string;
  /** 0–1. */
  confidence: number;
  /** Only when the recognizer really labels speakers. */
  speaker?: string;
}

export interface TranscriptWord {
  start: number;
  end: number;
  word: string;
}

export interface Transcript {
  /** False when the media has an audio stream but no speech in it. */
  detected: boolean;
  /** BCP 47 code (e.g. `en`). */
  language: string;
  text: string;
  segments: TranscriptSegment[];
  words?: TranscriptWord[];
  /** Seconds of audio that were analysed. */
  duration: number;
  /** Which recognizer produced it (e.g. `embedded:moonshine-tiny`), part of the reuse key. */
  model: string;
}

export interface SpeechRecognizer {
  /** Stable name of the provider and model, e.g. `embedded:moonshine-tiny`. */
  readonly model: string;
  readonly languages: readonly string[] | 'any';
  readonly canLabelSpeakers: boolean;
  /** `mediaPath` is any media file with an audio stream; the recognizer decodes it itself. */
  transcribe(mediaPath: string, options: AnalysisOptions & { language?: string; words?: boolean; speakers?: boolean }): Promise<Transcript>;
}

/** 0–1 probabilities; `nudity` and `sexual` decide, `suggestive` is a soft signal. */
export interface ModerationScores {
  nudity: number;
  sexual: number;
  suggestive: number;
  [category: string]: number;
}

export interface ModerationClassifier {
  readonly model: string;
  /** One score set per image (JPEG, PNG or WebP files), in order. */
  classify(imagePaths: string[], options: AnalysisOptions): Promise<ModerationScores[]>;
}

export interface TextLine {
  text: string;
  /** 0–1. */
  confidence: number;
  /** Pixels in the image. */
  box: { x: number; y: number; width: number; height: number };
}

export interface TextReader {
  readonly model: string;
  /** The lines of text visible in an image, in reading order. */
  readText(imagePath: string, options: AnalysisOptions): Promise<TextLine[]>;
}

export interface MediaDescription {
  title: string;
  description: string;
  tags: string[];
  language: string;
  confidence: number;
}

export interface DescriptionHints {
  transcript?: Transcript;
  onScreenText: string[];
  /** Object labels the embedded detector saw, most frequent first. */
  objects?: string[];
}

export interface VisionDescriber {
  readonly model: string;
  describe(imagePaths: string[], hints: DescriptionHints, options: AnalysisOptions): Promise<MediaDescription>;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | Array<{ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } }>;
}

export interface ChatModel {
  readonly model: string;
  complete(messages: ChatMessage[], options: AnalysisOptions & { json?: boolean }): Promise<string>;
}

export interface DetectedObject {
  /** COCO class name, e.g. `person`, `dog`, `cup`. */
  label: string;
  /** 0–1. */
  score: number;
  /** Pixels in the (EXIF-oriented) image. */
  box: { x: number; y: number; width: number; height: number };
}

export interface ObjectDetector {
  readonly model: string;
  /** The objects found in one image (JPEG, PNG or WebP file), best score first. */
  detect(imagePath: string, options: AnalysisOptions): Promise<DetectedObject[]>;
}

/** What a kind asks of the input's transcript. */
export interface TranscriptRequest {
  language?: string;
  words?: boolean;
}

/** A transcript as the worker's cache hands it to a kind. */
export interface CachedTranscript {
  transcript: Transcript;
  /** True when an earlier task (or a concurrent one) computed it. */
  reused: boolean;
}
