// Transcription through `/audio/transcriptions` (OpenAI Whisper and compatible servers). The
// audio is decoded here and sent as 16 kHz mono WAV in chunks of at most 10 minutes (the API
// takes 25 MB a request); segment and word times are shifted back to the media's timeline.
import type { AnalysisOptions, SpeechRecognizer, Transcript, TranscriptSegment, TranscriptWord } from '../providers.js';
import { decodePcm, pcmSampleRate } from '../speech/pcm-audio.js';
import { ProviderError, type OpenAiClient } from './openai-client.js';

const chunkSeconds = 600;

interface VerboseTranscription {
  language?: string;
  text?: string;
  segments?: Array<{ start: number; end: number; text: string; avg_logprob?: number; no_speech_prob?: number }>;
  words?: Array<{ word: string; start: number; end: number }>;
}

export function createOpenAiSpeechRecognizer(client: OpenAiClient, model: string, deps: { ffmpegPath: string }): SpeechRecognizer {
  return {
    model: `openai:${model}`,
    languages: 'any',
    canLabelSpeakers: false,
    async transcribe(mediaPath: string, options: AnalysisOptions & { language?: string; words?: boolean }): Promise<Transcript> {
      const samples = await decodePcm(mediaPath, { ffmpegPath: deps.ffmpegPath, signal: options.signal });
      const duration = samples.length / pcmSampleRate;
      const segments: TranscriptSegment[] = [];
      const words: TranscriptWord[] = [];
      let language = options.language;
      const chunkLength = chunkSeconds * pcmSampleRate;
      for (let offset = 0; offset < samples.length; offset += chunkLength) {
        const chunk = samples.subarray(offset, offset + chunkLength);
        const form = new FormData();
        form.set('file', new Blob([encodeWav(chunk)], { type: 'audio/wav' }), 'audio.wav');
        form.set('model', model);
        form.set('response_format', 'verbose_json');
        form.append('timestamp_granularities[]', 'segment');
        if (options.words) form.append('timestamp_granularities[]', 'word');
        if (options.language) form.set('language', options.language);
        const answer = await client.postForm<VerboseTranscription>('/audio/transcriptions', form, options.signal);
        if (!Array.isArray(answer.segments)) throw new ProviderError(`${client.baseUrl}/audio/transcriptions returned no segments (is response_format=verbose_json supported?)`);
        const shift = offset / pcmSampleRate;
        language ??= languageCode(answer.language);
        for (const segment of answer.segments) {
          const text = segment.text.trim();
          if (!text || (segment.no_speech_prob ?? 0) > 0.8) continue;
          segments.push({
            start: round(segment.start + shift),
            end: round(Math.min(segment.end + shift, duration)),
            text,
            confidence: segment.avg_logprob === undefined ? 0.8 : round(Math.min(1, Math.exp(segment.avg_logprob))),
          });
        }
        for (const word of answer.words ?? []) words.push({ word: word.word.trim(), start: round(word.start + shift), end: round(word.end + shift) });
        options.onProgress?.(Math.min(1, (offset + chunk.length) / samples.length));
      }
      return {
        detected: segments.length > 0,
        language: language ?? 'en',
        text: segments.map((segment) => segment.text).join(' '),
        segments,
        ...(options.words ? { words } : {}),
        duration: round(duration),
        model: `openai:${model}`,
      };
    },
  };
}

/** 16-bit PCM WAV: what every compatible server decodes. */
export function encodeWav(samples: Float32Array): Buffer<ArrayBuffer> {
  const wav = Buffer.alloc(44 + samples.length * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples.length * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(pcmSampleRate, 24);
  wav.writeUInt32LE(pcmSampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples.length * 2, 40);
  for (let index = 0; index < samples.length; index++) {
    wav.writeInt16LE(Math.round(Math.max(-1, Math.min(1, samples[index])) * 32767), 44 + index * 2);
  }
  return wav;
}

// Whisper's verbose_json names the language in English ("english"); callers want codes.
const languageNames: Record<string, string> = {
  english: 'en', french: 'fr', german: 'de', spanish: 'es', italian: 'it', portuguese: 'pt', dutch: 'nl',
  russian: 'ru', chinese: 'zh', japanese: 'ja', korean: 'ko', arabic: 'ar', hindi: 'hi', turkish: 'tr',
  polish: 'pl', swedish: 'sv', ukrainian: 'uk', czech: 'cs', greek: 'el', danish: 'da', finnish: 'fi', norwegian: 'no',
};

function languageCode(language: string | undefined): string | undefined {
  if (!language) return undefined;
  const lower = language.toLowerCase();
  return /^[a-z]{2,3}(-[a-z0-9]+)?$/.test(lower) && lower.length <= 3 ? lower : (languageNames[lower] ?? lower);
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
