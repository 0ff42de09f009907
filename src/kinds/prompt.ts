// `prompt`: a free question about the media, answered by the configured language model from
// sampled frames (as images), the transcript and the media's facts.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { sampleFrames } from '../media/frame-sampling.js';
import { imageDataUrl } from '../ml/openai/image-data-url.js';
import type { ChatMessage } from '../ml/providers.js';
import { jsonOutput } from './json-output.js';
import { defineTaskKind } from './task-kind.js';

export const promptOptions = z.object({
  prompt: z.string().trim().min(1).max(4000).describe('The question or instruction about the media, e.g. "What brand is the car?"'),
  frames: z.number().int().min(0).max(20).default(4).describe('Video: frames shown to the model (0: none; an image input is always shown).'),
  transcript: z.boolean().default(true).describe('Give the model the transcript when the media has sound.'),
});

export const promptResult = z.strictObject({
  prompt: z.string().describe('The question asked.'),
  answer: z.string().describe('The language model\'s answer.'),
  model: z.string().describe('The chat model that answered.'),
  framesShown: z.number().int().describe('Frames (or the image) shown to the model.'),
  transcribed: z.boolean().describe('Whether the model was given the transcript.'),
});

export const promptKind = defineTaskKind({
  name: 'prompt',
  description: 'Answers a free question about the media with the configured language model (OpenAI-compatible chat API), from sampled frames and the transcript.',
  options: promptOptions,
  result: promptResult,

  checkCapabilities: (_options, capabilities) => capabilities.chatModel ? null : {
    option: null,
    message: 'No language model is configured to answer prompts: set OPENAI_BASE_URL (plus OPENAI_API_KEY and OPENAI_CHAT_MODEL as needed) to an OpenAI-compatible API such as OpenAI, Ollama or vLLM.',
  },
  unsupportedInput: () => null,

  async run({ options, input, workDir, signal, media, reportProgress, intelligence, transcript }) {
    const chat = intelligence.chat;
    if (!chat) throw new Error('no language model is configured'); // createTask refuses this already
    const { facts } = input;
    const frames = facts.isImage || (facts.hasVideo && options.frames > 0)
      ? await sampleFrames(input.path, workDir, { interval: Math.max(1, (facts.duration ?? 0) / Math.max(1, options.frames)), maxFrames: Math.max(1, options.frames), width: 768 }, facts, media)
      : [];
    reportProgress(15);
    const speech = facts.hasAudio && options.transcript
      ? (await transcript({}, { signal, onProgress: (fraction) => reportProgress(15 + fraction * 50) })).transcript
      : null;

    const about = [
      `Media: ${facts.isImage ? 'image' : facts.hasVideo ? 'video' : 'audio'}${facts.duration ? `, ${Math.round(facts.duration)} s` : ''}${facts.width ? `, ${facts.width}x${facts.height}` : ''}.`,
      frames.length > 0 && !facts.isImage ? `Frames at ${frames.map((frame) => `${frame.time} s`).join(', ')} are attached.` : '',
      speech ? (speech.detected ? `Transcript: ${speech.text.slice(0, 8000)}` : 'There is no speech.') : '',
    ].filter(Boolean).join('\n');
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You answer questions about a media file from its frames, transcript and facts. Say so when they do not show the answer.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: `${about}\n\nQuestion: ${options.prompt}` },
          ...await Promise.all(frames.map(async (frame) => ({ type: 'image_url' as const, image_url: { url: imageDataUrl(frame.path, await readFile(frame.path)) } }))),
        ],
      },
    ];
    const answer = await chat.complete(messages, { signal });
    reportProgress(98);
    const result = { prompt: options.prompt, answer: answer.trim(), model: chat.model, framesShown: frames.length, transcribed: speech !== null };
    return { outputs: [await jsonOutput(workDir, 'answer.json', result)], result };
  },
});
