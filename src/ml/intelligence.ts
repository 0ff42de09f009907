// Builds the providers of every capability from the configuration. Embedded models load lazily
// on first use (once per process), so a worker that never sees a speech task never loads one.
import type { AiConfig } from '../config.js';
import { useModelsDirectory } from './model-files.js';
import { createEmbeddedModerationClassifier } from './nsfw/embedded-moderation.js';
import { createEmbeddedObjectDetector } from './objects/embedded-object-detector.js';
import { createEmbeddedTextReader } from './ocr/embedded-text-reader.js';
import { OpenAiClient } from './openai/openai-client.js';
import { createOpenAiChatModel } from './openai/openai-chat.js';
import { createOpenAiDescriber } from './openai/openai-describer.js';
import { createOpenAiModerationClassifier } from './openai/openai-moderation.js';
import { createOpenAiSpeechRecognizer } from './openai/openai-speech.js';
import type { ChatModel, ModerationClassifier, ObjectDetector, SpeechRecognizer, TextReader, VisionDescriber } from './providers.js';
import { embeddedSpeechLanguages, embeddedSpeechModel } from './speech/embedded-speech-info.js';

export interface Intelligence {
  speech: SpeechRecognizer;
  moderation: ModerationClassifier;
  /** On-screen text; always the embedded reader. */
  textReader: TextReader;
  /** COCO objects for tags; always the embedded detector. */
  objects: ObjectDetector;
  /** A vision language model, or null: descriptions are then composed from the embedded signals. */
  describer: VisionDescriber | null;
  /** A language model for prompts (and better chapter titles), or null when none is configured. */
  chat: ChatModel | null;
}

/** What createTask may promise without loading anything. */
export interface IntelligenceCapabilities {
  speechLanguages: readonly string[] | 'any';
  canLabelSpeakers: boolean;
  chatModel: string | null;
}

export function createIntelligence(config: AiConfig, deps: { ffmpegPath: string }): Intelligence {
  if (config.modelsDir) useModelsDirectory(config.modelsDir);
  const client = config.openai ? new OpenAiClient(config.openai) : null;
  const remote = () => {
    if (!client || !config.openai) throw new Error('OPENAI_BASE_URL is not set'); // config validation already refuses this
    return { client, settings: config.openai };
  };
  const chat = config.providers.chat === 'openai' ? createOpenAiChatModel(remote().client, remote().settings.chatModel) : null;
  return {
    speech: config.providers.speech === 'openai'
      ? createOpenAiSpeechRecognizer(remote().client, remote().settings.transcriptionModel, deps)
      : lazyEmbeddedSpeechRecognizer({ ...deps, threads: config.modelThreads }),
    moderation: config.providers.moderation === 'openai'
      ? createOpenAiModerationClassifier(remote().client, remote().settings.moderationModel)
      : createEmbeddedModerationClassifier(),
    textReader: createEmbeddedTextReader(),
    objects: createEmbeddedObjectDetector(),
    describer: config.providers.description === 'openai' ? createOpenAiDescriber(chat ?? createOpenAiChatModel(remote().client, remote().settings.chatModel)) : null,
    chat,
  };
}

/** The embedded recognizer, its module (onnxruntime, the tokenizer) imported on first use only. */
function lazyEmbeddedSpeechRecognizer(deps: { ffmpegPath: string; threads: number }): SpeechRecognizer {
  let recognizer: Promise<SpeechRecognizer> | undefined;
  const load = () => recognizer ??= import('./speech/embedded-speech-recognizer.js').then((module) => module.createEmbeddedSpeechRecognizer(deps));
  return {
    model: embeddedSpeechModel,
    languages: embeddedSpeechLanguages,
    canLabelSpeakers: false,
    transcribe: async (mediaPath, options) => (await load()).transcribe(mediaPath, options),
  };
}

/** Derived from the configuration alone, so an API process knows them without loading models. */
export function capabilitiesOf(config: AiConfig): IntelligenceCapabilities {
  const openai = config.openai;
  return {
    speechLanguages: config.providers.speech === 'openai' ? 'any' : embeddedSpeechLanguages,
    // Neither the embedded recognizer nor the OpenAI transcription API labels speakers.
    canLabelSpeakers: false,
    chatModel: config.providers.chat === 'openai' && openai ? `openai:${openai.chatModel}` : null,
  };
}
