// Chat completions (`/chat/completions`): prompts, and image descriptions with image parts.
import type { AnalysisOptions, ChatMessage, ChatModel } from '../providers.js';
import { ProviderError, type OpenAiClient } from './openai-client.js';

interface ChatCompletion {
  choices?: Array<{ message?: { content?: string | null } }>;
}

export function createOpenAiChatModel(client: OpenAiClient, model: string): ChatModel {
  return {
    model: `openai:${model}`,
    async complete(messages: ChatMessage[], options: AnalysisOptions & { json?: boolean }): Promise<string> {
      const completion = await client.postJson<ChatCompletion>('/chat/completions', {
        model,
        messages,
        temperature: 0.2,
        ...(options.json ? { response_format: { type: 'json_object' } } : {}),
      }, options.signal);
      const content = completion.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new ProviderError(`${client.baseUrl}/chat/completions returned no message content`);
      options.onProgress?.(1);
      return content;
    },
  };
}
