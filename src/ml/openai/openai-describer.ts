// Descriptions from a vision-capable chat model: the sampled frames as image parts, what the
// embedded models heard and read as text, and a JSON answer checked against a schema.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { AnalysisOptions, ChatModel, DescriptionHints, MediaDescription, VisionDescriber } from '../providers.js';
import { ProviderError } from './openai-client.js';
import { imageDataUrl } from './image-data-url.js';

const answerSchema = z.object({
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  language: z.string().default('en'),
  confidence: z.number().min(0).max(1).default(0.7),
});

const instructions = 'You describe media for a search index. Answer with one JSON object: '
  + '{"title": short title, "description": two or three sentences, "tags": up to 15 lowercase keywords, '
  + '"language": BCP 47 code of the spoken or written language, "confidence": 0 to 1}. '
  + 'Use what the images show, the transcript and the on-screen text; do not invent details.';

export function createOpenAiDescriber(chat: ChatModel): VisionDescriber {
  return {
    model: chat.model,
    async describe(imagePaths: string[], hints: DescriptionHints, options: AnalysisOptions): Promise<MediaDescription> {
      const images = await Promise.all(imagePaths.map(async (imagePath) => ({
        type: 'image_url' as const,
        image_url: { url: imageDataUrl(imagePath, await readFile(imagePath)) },
      })));
      const context = [
        hints.transcript?.text ? `Transcript: ${hints.transcript.text.slice(0, 4000)}` : 'No speech.',
        hints.onScreenText.length > 0 ? `On-screen text: ${hints.onScreenText.join(' | ')}` : 'No on-screen text.',
        hints.objects?.length ? `Objects detected: ${hints.objects.join(', ')}` : '',
      ].filter(Boolean).join('\n');
      const answer = await chat.complete([
        { role: 'system', content: instructions },
        { role: 'user', content: [{ type: 'text', text: context }, ...images] },
      ], { ...options, json: true });
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer);
      } catch {
        throw new ProviderError(`the description model (${chat.model}) did not answer with JSON: ${answer.slice(0, 200)}`);
      }
      const result = answerSchema.safeParse(parsed);
      if (!result.success) throw new ProviderError(`the description model (${chat.model}) answered without ${result.error.issues[0].path.join('.')}`);
      return { ...result.data, tags: [...new Set(result.data.tags.map((tag) => tag.toLowerCase().trim()).filter(Boolean))] };
    },
  };
}
