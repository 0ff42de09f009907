// Image moderation through `/moderations` (omni-moderation models take one image per request).
import { readFile } from 'node:fs/promises';
import type { AnalysisOptions, ModerationClassifier, ModerationScores } from '../providers.js';
import { ProviderError, type OpenAiClient } from './openai-client.js';
import { imageDataUrl } from './image-data-url.js';

interface ModerationResponse {
  results?: Array<{ category_scores?: Record<string, number> }>;
}

export function createOpenAiModerationClassifier(client: OpenAiClient, model: string): ModerationClassifier {
  return {
    model: `openai:${model}`,
    async classify(imagePaths: string[], options: AnalysisOptions): Promise<ModerationScores[]> {
      const scores: ModerationScores[] = [];
      for (const [index, imagePath] of imagePaths.entries()) {
        options.signal?.throwIfAborted();
        const response = await client.postJson<ModerationResponse>('/moderations', {
          model,
          input: [{ type: 'image_url', image_url: { url: imageDataUrl(imagePath, await readFile(imagePath)) } }],
        }, options.signal);
        const categories = response.results?.[0]?.category_scores;
        if (!categories) throw new ProviderError(`${client.baseUrl}/moderations returned no category scores`);
        // The API has no separate nudity category: sexual content is the closest.
        const sexual = categories.sexual ?? 0;
        scores.push({ ...categories, nudity: sexual, sexual, suggestive: 0 });
        options.onProgress?.((index + 1) / imagePaths.length);
      }
      return scores;
    },
  };
}
