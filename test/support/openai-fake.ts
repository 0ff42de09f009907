// A small local server that speaks the OpenAI HTTP protocol (transcriptions, moderations, chat
// completions), for tests of the remote provider path: no remote API exists here. It records
// what it received so tests can check what the server sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  authorization: string | undefined;
  json?: any;
  form?: { model: string; responseFormat: string; granularities: string[]; language: string | null; fileBytes: number; wavSeconds: number };
}

export interface OpenAiFake {
  url: string;
  received: ReceivedRequest[];
  /** Makes every following request answer this status (null: behave). */
  failWith(status: number | null): void;
  close(): Promise<void>;
}

export async function startOpenAiFake(): Promise<OpenAiFake> {
  const received: ReceivedRequest[] = [];
  let failure: number | null = null;

  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = new URL(request.url!, 'http://fake').pathname;
    const entry: ReceivedRequest = { path, authorization: request.headers.authorization };
    received.push(entry);
    const reply = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    if (failure !== null) return reply(failure, { error: { message: 'the fake is failing on purpose', type: 'server_error' } });

    if (path === '/v1/audio/transcriptions') {
      const form = await new Request('http://fake', { method: 'POST', headers: { 'content-type': request.headers['content-type']! }, body }).formData();
      const file = form.get('file') as File;
      const wav = Buffer.from(await file.arrayBuffer());
      // 16-bit mono: data bytes / 2 / sample rate.
      const wavSeconds = wav.readUInt32LE(40) / 2 / wav.readUInt32LE(24);
      entry.form = {
        model: String(form.get('model')), responseFormat: String(form.get('response_format')),
        granularities: form.getAll('timestamp_granularities[]').map(String), language: form.get('language') as string | null,
        fileBytes: wav.length, wavSeconds,
      };
      const end = Math.max(0.6, wavSeconds - 0.5);
      return reply(200, {
        task: 'transcribe', language: 'english', duration: wavSeconds, text: 'Hello from the remote transcriber. Goodbye now.',
        segments: [
          { id: 0, start: 0.2, end: end / 2, text: ' Hello from the remote transcriber.', avg_logprob: -0.1, no_speech_prob: 0.01 },
          { id: 1, start: end / 2 + 0.1, end, text: ' Goodbye now.', avg_logprob: -0.2, no_speech_prob: 0.02 },
        ],
        words: [{ word: 'Hello', start: 0.2, end: 0.5 }],
      });
    }

    entry.json = JSON.parse(body.toString('utf8'));
    if (path === '/v1/moderations') {
      return reply(200, { id: 'modr-1', model: entry.json.model, results: [{ flagged: false, category_scores: { sexual: 0.03, violence: 0.2, 'sexual/minors': 0.001 } }] });
    }
    if (path === '/v1/chat/completions') {
      const messages = entry.json.messages as Array<{ role: string; content: any }>;
      const parts = messages.flatMap((message) => (Array.isArray(message.content) ? message.content : [{ type: 'text', text: message.content }]));
      const images = parts.filter((part) => part.type === 'image_url').length;
      const text = parts.filter((part) => part.type === 'text').map((part) => part.text).join('\n');
      const content = entry.json.response_format?.type === 'json_object'
        ? JSON.stringify({ title: 'A remote title', description: `Seen ${images} images.`, tags: ['Remote', 'kitchen'], language: 'en', confidence: 0.9 })
        : `I looked at ${images} images. You asked: ${/Question: (.*)/.exec(text)?.[1] ?? '?'}`;
      return reply(200, { id: 'chat-1', object: 'chat.completion', model: entry.json.model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });
    }
    reply(404, { error: { message: `no route ${path}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    received,
    failWith: (status) => { failure = status; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
