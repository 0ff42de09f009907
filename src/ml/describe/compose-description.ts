// A description from what the embedded models saw and heard, without a language model: the
// dominant on-screen text as the title, the opening of the transcript as the description, and
// tags from both. Honest but plain; a vision language model (DESCRIPTION_PROVIDER=openai) writes better.
import type { MediaDescription, Transcript } from '../providers.js';
import { keyPhrases } from '../text/key-phrases.js';
import type { ReadText } from '../text/on-screen-text.js';

export interface DescriptionSignals {
  mediaType: 'video' | 'image' | 'audio';
  duration: number | null;
  onScreenText: ReadText[];
  /** Object labels, most seen first. */
  objects: string[];
  transcript: Transcript | null;
  maxTags: number;
  /** Of the transcript, else of the on-screen text (see detectLanguage). */
  language: string;
}

/** The text whose language the description has: what is said, else what is shown. */
export function describedText(transcript: Transcript | null, onScreenText: ReadText[]): string {
  return transcript?.detected ? transcript.text : onScreenText.map((line) => line.text).join(' ');
}

export function composeDescription(signals: DescriptionSignals): MediaDescription {
  const { onScreenText, transcript } = signals;
  const speech = transcript?.detected ? transcript.text : '';
  const shown = onScreenText.map((line) => line.text);

  const title = shown[0] ? titleCase(shown[0]) : speech ? firstSentence(speech, 60)
    : signals.objects.length > 0 ? `${titleCase(signals.objects.slice(0, 2).join(' and '))}` : untitled(signals);
  const noun = nouns[signals.mediaType];
  const parts = [`${article(noun)} ${noun}${signals.duration ? ` of ${formatDuration(signals.duration)}` : ''}.`];
  if (signals.objects.length > 0) parts.push(`Shows ${signals.objects.slice(0, 5).join(', ')}.`);
  if (shown.length > 0) parts.push(`On screen: ${shown.slice(0, 3).map((text) => `"${text}"`).join(', ')}.`);
  if (speech) parts.push(`Speech: "${excerpt(speech, 240)}"`);
  else if (transcript) parts.push('No speech.');

  // Words shown on screen first (titles name the subject), then what is seen, then what is said.
  const onScreenTags = keyPhrases(shown.join(' '), Math.ceil(signals.maxTags / 2));
  const spokenTags = keyPhrases(speech, signals.maxTags);
  const tags = [...new Set([...onScreenTags, ...signals.objects.slice(0, 5), ...spokenTags])].slice(0, signals.maxTags);

  const evidence = [
    ...onScreenText.slice(0, 3).map((line) => line.confidence),
    ...(transcript?.segments ?? []).map((segment) => segment.confidence),
  ];
  return {
    title,
    description: parts.join(' '),
    tags,
    language: signals.language,
    // The mean confidence of the evidence used, lowered when there is little of it.
    confidence: evidence.length === 0 ? 0.1 : round((evidence.reduce((sum, value) => sum + value, 0) / evidence.length) * Math.min(1, 0.5 + evidence.length / 10)),
  };
}

function firstSentence(text: string, maxLength: number): string {
  const sentence = /^.*?[.!?](\s|$)/.exec(text)?.[0].trim() ?? text;
  return sentence.length <= maxLength ? sentence : `${sentence.slice(0, maxLength - 1).replace(/\s+\S*$/, '')}…`;
}

/** Whole sentences from the start while they fit, else the first sentence cut at a word. */
function excerpt(text: string, maxLength: number): string {
  const sentences = text.match(/[^.!?]+[.!?]*\s*/g) ?? [text];
  let result = '';
  for (const sentence of sentences) {
    if ((result + sentence).trim().length > maxLength) break;
    result += sentence;
  }
  return result.trim() || firstSentence(text, maxLength);
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|\s)\p{L}/gu, (letter) => letter.toUpperCase());
}

function untitled(signals: DescriptionSignals): string {
  return `Untitled ${nouns[signals.mediaType]}`;
}

const nouns = { video: 'video', image: 'image', audio: 'audio recording' } as const;
const article = (word: string) => (/^[aeiou]/.test(word) ? 'An' : 'A');
const round = (value: number) => Math.round(value * 1000) / 1000;

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}
