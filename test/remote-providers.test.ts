// The OpenAI-compatible provider path of every capability, against a local server that speaks
// the protocol (test/support/openai-fake.ts): what the server sends and how it reads the answers.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteTaskDocument, RetryTaskDocument, TaskListKindsDocument, TaskResultDocument, TaskUpdatedDocument, WorkflowTreeDocument, type CreateTaskInput } from './generated/graphql.js';
import { writeTestImage } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startOpenAiFake, type OpenAiFake } from './support/openai-fake.js';
import { expectTypedViews } from './support/typed-views.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { parseWebVtt } from './support/text-formats.js';
import { runTaskToEnd } from './support/tasks.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');
let server: TestServer;
let media: MediaServer;
let fake: OpenAiFake;
let mediaDir: string;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-remote-'));
  await fs.copyFile(path.join(fixtures, 'speech/known-text.ogg'), path.join(mediaDir, 'known-text.ogg'));
  await fs.copyFile(path.join(fixtures, 'spoken-title.mp4'), path.join(mediaDir, 'spoken-title.mp4'));
  await fs.copyFile(path.join(fixtures, 'vision/objects.jpg'), path.join(mediaDir, 'objects.jpg'));
  await writeTestImage(path.join(mediaDir, 'gradient.jpg'), 320, 240, 'jpeg');
  media = await startMediaServer(mediaDir);
  fake = await startOpenAiFake();
  server = await startTestServer({
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: 'sk-test-key',
    OPENAI_CHAT_MODEL: 'vision-model',
    OPENAI_TRANSCRIPTION_MODEL: 'whisper-test',
    SPEECH_PROVIDER: 'openai',
    MODERATION_PROVIDER: 'openai',
    DESCRIPTION_PROVIDER: 'openai',
  });
});

afterAll(async () => {
  await server?.stop();
  await fake?.close();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

async function run(input: CreateTaskInput) {
  const { id } = await runTaskToEnd(server.client, input);
  await expectTypedViews(server.client, id);
  return (await server.client.request(TaskResultDocument, { id })).data!.task!;
}

const requestsTo = (endpoint: string) => fake.received.filter((request) => request.path === `/v1${endpoint}`);

describe('remote providers (OpenAI-compatible)', () => {
  it('lists prompt as available once a language model is configured (KindInfo.unavailable is null)', async () => {
    const { data } = await server.client.request(TaskListKindsDocument);
    expect(data!.kinds.find((kind) => kind.kind === 'PROMPT')?.unavailable).toBeNull();
  });

  it('transcribes through /audio/transcriptions: the decoded audio as WAV, segments back on the timeline', async () => {
    const task = await run({ kind: 'SPEECH', url: `${media.url}/known-text.ogg`, options: { speech: { words: true } } });
    expect(task.status).toBe('SUCCEEDED');
    const request = requestsTo('/audio/transcriptions').at(-1)!;
    expect(request.authorization).toBe('Bearer sk-test-key');
    expect(request.form).toMatchObject({ model: 'whisper-test', responseFormat: 'verbose_json', granularities: ['segment', 'word'], language: null });
    expect(request.form!.wavSeconds).toBeCloseTo(8.2, 0);
    const result = task.result as any;
    expect(result).toMatchObject({ detected: true, language: 'en', model: 'openai:whisper-test', text: 'Hello from the remote transcriber. Goodbye now.' });
    expect(result.segments).toHaveLength(2);
    expect(result.segments[0].confidence).toBeCloseTo(Math.exp(-0.1), 2);
    expect(result.words[0]).toMatchObject({ word: 'Hello', start: 0.2 });
  });

  it('captions from the remote transcript', async () => {
    const task = await run({ kind: 'SUBTITLES', url: `${media.url}/known-text.ogg` });
    expect(task.status).toBe('SUCCEEDED');
    const cues = parseWebVtt(await (await fetch(task.outputs[0].url)).text());
    expect(cues.map((cue) => cue.payload).join(' ')).toBe('Hello from the remote transcriber. Goodbye now.');
  });

  it('moderates through /moderations, one image a request, sexual read as nudity', async () => {
    const before = requestsTo('/moderations').length;
    const task = await run({ kind: 'NSFW', url: `${media.url}/gradient.jpg` });
    expect(task.status).toBe('SUCCEEDED');
    expect(task.result).toMatchObject({ detected: false, model: 'openai:omni-moderation-latest', scores: { nudity: 0.03, sexual: 0.03, violence: 0.2 } });
    const request = requestsTo('/moderations').at(-1)!;
    expect(requestsTo('/moderations').length).toBe(before + 1);
    expect(request.json.input[0].image_url.url).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('describes with a vision chat model given the frames, the transcript and the on-screen text', async () => {
    const task = await run({ kind: 'DESCRIPTION', url: `${media.url}/spoken-title.mp4`, options: { description: { frames: 2 } } });
    expect(task.status).toBe('SUCCEEDED');
    expect(task.result).toMatchObject({ title: 'A remote title', tags: ['remote', 'kitchen'], language: 'en', confidence: 0.9, model: 'openai:vision-model' });
    const request = requestsTo('/chat/completions').at(-1)!;
    expect(request.json).toMatchObject({ model: 'vision-model', response_format: { type: 'json_object' } });
    const userText = request.json.messages[1].content[0].text as string;
    expect(userText).toContain('Hello from the remote transcriber');
    expect(userText).toMatch(/On-screen text: HOLIDAY BAKING/i);
  });

  it('tells the vision model which objects the embedded detector saw', async () => {
    const task = await run({ kind: 'DESCRIPTION', url: `${media.url}/objects.jpg` });
    expect(task.status).toBe('SUCCEEDED');
    const request = requestsTo('/chat/completions').at(-1)!;
    expect(request.json.messages[1].content[0].text).toContain('Objects detected: person');
    expect(request.json.messages[1].content.filter((part: { type: string }) => part.type === 'image_url')).toHaveLength(1);
  });

  it('answers a prompt with the configured chat model, showing it the image', async () => {
    const task = await run({ kind: 'PROMPT', url: `${media.url}/gradient.jpg`, options: { prompt: { prompt: 'What colours do you see?' } } });
    expect(task.status).toBe('SUCCEEDED');
    expect(task.result).toMatchObject({ answer: 'I looked at 1 images. You asked: What colours do you see?', model: 'openai:vision-model' });
    expect(task.outputs.map((output) => output.filename)).toEqual(['answer.json']);
  });

  it('fails the task with PROCESSING_FAILED naming the endpoint when the provider errors', async () => {
    fake.failWith(503);
    try {
      const task = await run({ kind: 'PROMPT', url: `${media.url}/gradient.jpg`, options: { prompt: { prompt: 'Anything?' } } });
      expect(task.status).toBe('FAILED');
      expect(task.error!.code).toBe('PROCESSING_FAILED');
      expect(task.error!.message).toContain(`${fake.url}/chat/completions answered 503: the fake is failing on purpose`);
    } finally {
      fake.failWith(null);
    }
  });

  it('retries a failed workflow step by step: the failed step runs again, the succeeded one is kept', async () => {
    fake.failWith(503);
    let task: Awaited<ReturnType<typeof run>>;
    try {
      task = await run({
        kind: 'WORKFLOW', url: `${media.url}/gradient.jpg`,
        options: { workflow: { steps: [{ kind: 'IMAGE', ref: 'small', options: { image: { width: 32 } } }, { kind: 'PROMPT', ref: 'ask', options: { prompt: { prompt: 'Colours?' } } }] } } as never,
      });
    } finally {
      fake.failWith(null);
    }
    expect(task.status).toBe('FAILED');
    expect(task.error!.message).toMatch(/^Step ask \(prompt\) failed: .*answered 503/);
    const smallBefore = (await server.client.request(WorkflowTreeDocument, { id: task.id })).data!.task!.children.find((child) => child.stepRef === 'small')!;
    // The image step may finish after the workflow failed: it is not a descendant of the failed one.
    if (smallBefore.status !== 'SUCCEEDED') await server.client.subscribe(TaskUpdatedDocument, { id: smallBefore.id }).done;

    expect((await server.client.request(RetryTaskDocument, { id: task.id })).errors).toBeUndefined();
    await server.client.subscribe(TaskUpdatedDocument, { id: task.id }, { completeWithinMs: 30_000 }).done;
    const after = (await server.client.request(WorkflowTreeDocument, { id: task.id })).data!.task!;
    expect(after.status).toBe('SUCCEEDED');
    const byRef = Object.fromEntries(after.children.map((child) => [child.stepRef, child]));
    expect((byRef.ask.result as any).answer).toMatch(/You asked: Colours\?/);
    expect(byRef.ask.events.map((event: { status: string }) => event.status)).toContain('FAILED');
    expect(byRef.small.events.filter((event: { status: string }) => event.status === 'PROCESSING')).toHaveLength(1);

    // Deleting the workflow deletes its steps and their files.
    const outputUrl = byRef.small.outputs[0].url;
    expect((await fetch(outputUrl)).status).toBe(200);
    expect((await server.client.request(DeleteTaskDocument, { id: task.id })).errors).toBeUndefined();
    expect((await fetch(outputUrl)).status).toBe(404);
    expect((await server.client.request(TaskResultDocument, { id: byRef.small.id })).data!.task).toBeNull();
  });
});

