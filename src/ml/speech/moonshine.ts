// Moonshine tiny (English): the encoder reads a clip of up to about 20 s, the merged decoder
// then writes its text token by token, greedily, reusing its key/value cache between steps.
import llamaTokenizer from 'llama-tokenizer-js';
import * as ort from 'onnxruntime-node';
import { pcmSampleRate } from './pcm-audio.js';
import { sharedSession } from './onnx-sessions.js';

const startToken = 1;
const endToken = 2;
/** Ids below this are <unk>, <s> and </s>: never text. */
const firstTextToken = 3;
const decoderLayers = 6;
const kvHeads = 8;
const headDimension = 36;
/** Speech rarely exceeds about 6 tokens a second; the cap also ends a decoder stuck repeating itself. */
const tokensPerSecond = 6;
const extraTokens = 4;
/** The encoder's convolutions need some input; shorter clips are treated as silence. */
const minSamples = pcmSampleRate / 10;

export interface RecognizedText {
  text: string;
  /** Mean probability of the chosen tokens, 0–1 (0 when nothing was written). */
  confidence: number;
}

interface Sessions { encoder: ort.InferenceSession; decoder: ort.InferenceSession }

function loadSessions(threads?: number): Promise<Sessions> {
  return Promise.all([sharedSession('moonshine-tiny-encoder', threads), sharedSession('moonshine-tiny-decoder', threads)])
    .then(([encoder, decoder]) => ({ encoder, decoder }));
}

/** Text of a clip of 16 kHz mono samples (keep it under about 20 s). */
export async function recognizeClip(samples: Float32Array, options: { signal?: AbortSignal; threads?: number } = {}): Promise<RecognizedText> {
  if (samples.length < minSamples) return { text: '', confidence: 0 };
  const { encoder, decoder } = await loadSessions(options.threads);
  options.signal?.throwIfAborted();
  const encoded = await encoder.run({ input_values: new ort.Tensor('float32', samples, [1, samples.length]) });
  const hiddenStates = encoded.last_hidden_state as ort.Tensor;

  const maxTokens = Math.ceil((samples.length / pcmSampleRate) * tokensPerSecond) + extraTokens;
  const tokens: number[] = [];
  const probabilities: number[] = [];
  // The first step computes the cross-attention cache from the encoder output; later steps reuse it.
  let cache = emptyCache();
  let useCache = false;
  let next = startToken;
  while (tokens.length < maxTokens) {
    options.signal?.throwIfAborted();
    const outputs = await decoder.run({
      input_ids: new ort.Tensor('int64', BigInt64Array.of(BigInt(next)), [1, 1]),
      encoder_hidden_states: hiddenStates,
      use_cache_branch: new ort.Tensor('bool', [useCache], [1]),
      ...cache,
    });
    const { token, probability } = mostLikelyToken(outputs.logits as ort.Tensor);
    if (token === endToken) break;
    tokens.push(token);
    probabilities.push(probability);
    cache = nextCache(outputs, useCache ? cache : undefined);
    useCache = true;
    next = token;
  }
  const confidence = probabilities.length ? probabilities.reduce((sum, p) => sum + p, 0) / probabilities.length : 0;
  return { text: decodeTokens(tokens), confidence };
}

type Cache = Record<string, ort.Tensor>;

function emptyCache(): Cache {
  const cache: Cache = {};
  for (let layer = 0; layer < decoderLayers; layer++) {
    for (const part of ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value']) {
      cache[`past_key_values.${layer}.${part}`] = new ort.Tensor('float32', new Float32Array(0), [1, kvHeads, 0, headDimension]);
    }
  }
  return cache;
}

/**
 * The self-attention cache always comes from the step just run; the cross-attention cache
 * from the first step only (the cache branch does not recompute it).
 */
function nextCache(outputs: ort.InferenceSession.OnnxValueMapType, previous: Cache | undefined): Cache {
  const cache: Cache = {};
  for (let layer = 0; layer < decoderLayers; layer++) {
    for (const part of ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value']) {
      const input = `past_key_values.${layer}.${part}`;
      cache[input] = previous && part.startsWith('encoder') ? previous[input] : outputs[`present.${layer}.${part}`] as ort.Tensor;
    }
  }
  return cache;
}

/** Argmax of the last position's logits, with its softmax probability. */
function mostLikelyToken(logits: ort.Tensor): { token: number; probability: number } {
  const data = logits.data as Float32Array;
  const vocabularySize = logits.dims[logits.dims.length - 1];
  const offset = data.length - vocabularySize;
  let token = 0;
  let max = -Infinity;
  for (let index = 0; index < vocabularySize; index++) {
    if (data[offset + index] > max) {
      max = data[offset + index];
      token = index;
    }
  }
  let sum = 0;
  for (let index = 0; index < vocabularySize; index++) sum += Math.exp(data[offset + index] - max);
  return { token, probability: 1 / sum };
}

/** Moonshine writes ids of the Llama SentencePiece vocabulary; ids past it are skipped. */
function decodeTokens(tokens: number[]): string {
  const text = tokens.filter((token) => token >= firstTextToken && token < llamaTokenizer.vocabById.length);
  return text.length ? llamaTokenizer.decode(text, false, false).trim() : '';
}
