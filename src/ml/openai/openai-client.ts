// A minimal client for OpenAI-compatible HTTP APIs (OpenAI, Ollama, LocalAI, vLLM, whisper.cpp
// servers): JSON and multipart POSTs with a timeout, and errors that say which call failed.
export interface OpenAiSettings {
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
}

export class ProviderError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'ProviderError';
  }
}

export class OpenAiClient {
  constructor(private readonly settings: OpenAiSettings) {}

  get baseUrl(): string {
    return this.settings.baseUrl;
  }

  postJson<T>(endpoint: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.post<T>(endpoint, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }, signal);
  }

  postForm<T>(endpoint: string, form: FormData, signal?: AbortSignal): Promise<T> {
    return this.post<T>(endpoint, { body: form, headers: {} }, signal);
  }

  private async post<T>(endpoint: string, request: { body: BodyInit; headers: Record<string, string> }, signal?: AbortSignal): Promise<T> {
    const url = `${this.settings.baseUrl}${endpoint}`;
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        body: request.body,
        headers: { ...request.headers, ...(this.settings.apiKey ? { authorization: `Bearer ${this.settings.apiKey}` } : {}) },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      signal?.throwIfAborted();
      const reason = timeout.aborted ? `no answer within ${this.settings.timeoutMs} ms` : (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
      throw new ProviderError(`POST ${url} failed: ${reason}`);
    }
    const text = await response.text();
    if (!response.ok) {
      throw new ProviderError(`POST ${url} answered ${response.status}: ${errorMessageOf(text)}`, response.status);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ProviderError(`POST ${url} answered with something that is not JSON: ${text.slice(0, 200)}`);
    }
  }
}

function errorMessageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } | string };
    const message = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message;
    if (message) return message;
  } catch { /* not JSON: show the text */ }
  return body.slice(0, 300) || '(empty body)';
}
