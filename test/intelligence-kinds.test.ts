// speech, subtitles, chapters, nsfw, description and prompt through the GraphQL API, on the
// embedded models with committed espeak-ng / drawtext fixtures and generated media.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordErrorRate } from '../src/ml/speech/word-error-rate.js';
import { CreateTaskDocument, TaskResultDocument, type CreateTaskInput } from './generated/graphql.js';
import { writeTestImage, writeTestVideo } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { expectTypedViews } from './support/typed-views.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { parseSrt, parseWebVtt, type Cue } from './support/text-formats.js';
import { runTaskToEnd } from './support/tasks.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');
let server: TestServer;
let media: MediaServer;
let mediaDir: string;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-intel-'));
  for (const file of ['speech/known-text.ogg', 'speech/two-sentences-pause.ogg', 'three-scenes.mp4', 'spoken-title.mp4', 'vision/objects.jpg']) {
    await fs.copyFile(path.join(fixtures, file), path.join(mediaDir, path.basename(file)));
  }
  await Promise.all([
    writeTestVideo(path.join(mediaDir, 'silence.mp4'), { width: 160, height: 120, seconds: 3, audio: 'silence' }),
    writeTestVideo(path.join(mediaDir, 'no-audio.mp4'), { width: 160, height: 120, seconds: 2, audio: false }),
    writeTestVideo(path.join(mediaDir, 'pattern.mp4'), { width: 320, height: 240, seconds: 6 }),
    writeTestImage(path.join(mediaDir, 'gradient.png'), 320, 240, 'png'),
  ]);
  media = await startMediaServer(mediaDir);
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

async function run(input: CreateTaskInput) {
  const { id } = await runTaskToEnd(server.client, input);
  await expectTypedViews(server.client, id);
  const { data } = await server.client.request(TaskResultDocument, { id });
  return data!.task!;
}

async function succeeded(input: CreateTaskInput) {
  const task = await run(input);
  expect(task.error).toBeNull();
  expect(task.status).toBe('SUCCEEDED');
  return { task, result: task.result as Record<string, any> };
}

const download = async (url: string) => (await fetch(url)).text();
const knownText = async () => (await fs.readFile(path.join(fixtures, 'speech/known-text.txt'), 'utf8')).trim();

interface Segment { start: number; end: number; text: string; confidence: number }

function expectOrderedInside(segments: Segment[], duration: number) {
  let previousEnd = 0;
  for (const segment of segments) {
    expect(segment.start).toBeGreaterThanOrEqual(previousEnd);
    expect(segment.end).toBeGreaterThan(segment.start);
    expect(segment.end).toBeLessThanOrEqual(duration + 0.001);
    expect(segment.confidence).toBeGreaterThan(0);
    previousEnd = segment.end;
  }
}

describe('speech', () => {
  it('transcribes espeak-ng speech of a known text with at most 20 % word errors', async () => {
    const { task, result } = await succeeded({ kind: 'SPEECH', url: `${media.url}/known-text.ogg`, options: { speech: { words: true } } });
    const expected = await knownText();
    expect(wordErrorRate(expected, result.text)).toBeLessThanOrEqual(0.2);
    expect(result).toMatchObject({ detected: true, language: 'en', model: 'embedded:moonshine-tiny' });
    expectOrderedInside(result.segments, result.duration);
    expect(result.words.length).toBeGreaterThan(10);
    // The JSON output is the same transcript.
    const output = task.outputs.find((file) => file.kind === 'JSON')!;
    expect(JSON.parse(await download(output.url)).text).toBe(result.text);
  });

  it('splits two sentences inside the 2 s pause between them', async () => {
    const pause = JSON.parse(await fs.readFile(path.join(fixtures, 'speech/two-sentences-pause.json'), 'utf8'));
    const { result } = await succeeded({ kind: 'SPEECH', url: `${media.url}/two-sentences-pause.ogg` });
    expect(result.segments).toHaveLength(2);
    const [first, second] = result.segments as Segment[];
    expect(first.end).toBeGreaterThan(pause.pauseStart);
    expect(first.end).toBeLessThan(pause.pauseEnd);
    expect(second.start).toBeGreaterThan(pause.pauseStart);
    expect(second.start).toBeLessThan(pause.pauseEnd);
    expect(first.end).toBeLessThanOrEqual(second.start);
    expect(wordErrorRate(pause.second, second.text)).toBeLessThanOrEqual(0.2);
  });

  it('reports silence as detected: false with no segments', async () => {
    const { result } = await succeeded({ kind: 'SPEECH', url: `${media.url}/silence.mp4` });
    expect(result).toMatchObject({ detected: false, text: '', segments: [] });
  });

  it('fails a video without an audio track with INPUT_UNSUPPORTED', async () => {
    const task = await run({ kind: 'SPEECH', url: `${media.url}/no-audio.mp4` });
    expect(task.status).toBe('FAILED');
    expect(task.error).toMatchObject({ code: 'INPUT_UNSUPPORTED' });
    expect(task.error!.message).toMatch(/no audio stream/);
  });

  it('refuses speaker labels and languages the embedded model cannot give, naming the option', async () => {
    const speakers = await server.client.request(CreateTaskDocument, { input: { kind: 'SPEECH', url: `${media.url}/known-text.ogg`, options: { speech: { speakers: true } } } });
    expect(speakers.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'options.speech.speakers' });
    expect(speakers.errors?.[0].message).toMatch(/cannot label speakers/);
    const french = await server.client.request(CreateTaskDocument, { input: { kind: 'SUBTITLES', url: `${media.url}/known-text.ogg`, options: { subtitles: { language: 'fr' } } } });
    expect(french.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'options.subtitles.language' });
    expect(french.errors?.[0].message).toMatch(/SPEECH_PROVIDER=openai/);
  });
});

describe('subtitles', () => {
  function expectCaptionConventions(cues: Cue[], duration: number) {
    expect(cues.length).toBeGreaterThan(1);
    cues.forEach((cue, index) => {
      const lines = cue.payload.split('\n');
      expect(lines.length).toBeLessThanOrEqual(2);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(42);
      expect(cue.end - cue.start).toBeLessThanOrEqual(7);
      // At least 1 s, unless the next cue starts sooner (never overlap).
      const next = cues[index + 1];
      if (!next || next.start - cue.start >= 1) expect(cue.end - cue.start).toBeGreaterThanOrEqual(Math.min(1, duration - cue.start) - 0.001);
      if (next) expect(cue.end).toBeLessThanOrEqual(next.start);
    });
  }

  it('writes WebVTT and SRT that parse and follow captioning conventions, from one shared transcript', async () => {
    const vtt = await succeeded({ kind: 'SUBTITLES', url: `${media.url}/known-text.ogg`, options: { subtitles: { format: 'vtt' as never } } });
    const srt = await succeeded({ kind: 'SUBTITLES', url: `${media.url}/known-text.ogg`, options: { subtitles: { format: 'srt' as never } } });
    const vttOutput = vtt.task.outputs[0];
    const srtOutput = srt.task.outputs[0];
    expect(vttOutput).toMatchObject({ kind: 'SUBTITLES', mimeType: 'text/vtt', filename: 'subtitles.en.vtt' });
    expect(srtOutput).toMatchObject({ kind: 'SUBTITLES', mimeType: 'application/x-subrip', filename: 'subtitles.en.srt' });
    const vttCues = parseWebVtt(await download(vttOutput.url));
    const srtCues = parseSrt(await download(srtOutput.url));
    expectCaptionConventions(vttCues, 10);
    expect(srtCues).toEqual(vttCues);
    expect(wordErrorRate(await knownText(), vttCues.map((cue) => cue.payload).join(' '))).toBeLessThanOrEqual(0.2);

    // The speech test (or the first of these two) computed the transcript; the later ones reused it.
    expect(srt.result.transcriptReused).toBe(true);
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS count FROM transcript t JOIN task ON task.id = t.task_id WHERE task.input_filename = 'known-text.ogg'`);
    await client.end();
    expect(rows[0].count).toBe(1);
  });
});

describe('chapters', () => {
  it('finds the three titled scenes, titled by their on-screen words', async () => {
    const { task, result } = await succeeded({ kind: 'CHAPTERS', url: `${media.url}/three-scenes.mp4` });
    const chapters = result.chapters as Array<{ index: number; start: number; end: number; title: string }>;
    expect(chapters).toHaveLength(3);
    ['MOUNTAINS', 'OCEAN', 'FOREST'].forEach((word, index) => {
      expect(chapters[index].title.toUpperCase()).toContain(word);
      expect(chapters[index].index).toBe(index);
    });
    expect(chapters[0].start).toBe(0);
    expect(chapters[1].start).toBeCloseTo(10, 0);
    expect(chapters[2].start).toBeCloseTo(20, 0);
    expect(chapters[2].end).toBeCloseTo(30, 0);
    const vtt = parseWebVtt(await download(task.outputs.find((file) => file.kind === 'CHAPTERS')!.url));
    expect(vtt.map((cue) => cue.payload)).toEqual(chapters.map((chapter) => chapter.title));
    const json = JSON.parse(await download(task.outputs.find((file) => file.kind === 'JSON')!.url));
    expect(json.map((chapter: { title: string }) => chapter.title)).toEqual(chapters.map((chapter) => chapter.title));
  });

  it('titles the chapter of speech without pictures by what is said', async () => {
    const { result } = await succeeded({ kind: 'CHAPTERS', url: `${media.url}/known-text.ogg` });
    expect(result.transcribed).toBe(true);
    expect(result.chapters).toHaveLength(1);
    expect(result.chapters[0]).toMatchObject({ index: 0, start: 0, titleSource: 'transcript' });
    expect(result.chapters[0].title.toLowerCase()).toMatch(/media|server|video|speech/);
  });

  it('respects the minimum chapter length', async () => {
    // Both cuts (10 s, 20 s) are within 11 s of an end: no chapter of 11 s or more can start there.
    const { result } = await succeeded({ kind: 'CHAPTERS', url: `${media.url}/three-scenes.mp4`, options: { chapters: { minDuration: 11 } } });
    expect(result.chapters).toHaveLength(1);
    expect(result.chapters[0].start).toBe(0);
    expect(result.chapters[0].end).toBeCloseTo(30, 0);
  });
});

describe('nsfw', () => {
  it('does not flag a neutral image', async () => {
    const { result } = await succeeded({ kind: 'NSFW', url: `${media.url}/gradient.png` });
    expect(result.detected).toBe(false);
    expect(result.scores.nudity).toBeLessThan(0.5);
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.frames).toBeUndefined();
  });

  it('does not flag a neutral video, reporting its worst sampled frames', async () => {
    const { result } = await succeeded({ kind: 'NSFW', url: `${media.url}/pattern.mp4`, options: { nsfw: { interval: 2, worstFrames: 2 } } });
    expect(result.detected).toBe(false);
    expect(result.framesAnalysed).toBe(3);
    expect(result.frames).toHaveLength(2);
    expect(result.frames[0].scores.nudity).toBeGreaterThanOrEqual(result.frames[1].scores.nudity);
    expect(result.scores.nudity).toBe(result.frames[0].scores.nudity);
  });
});

describe('description', () => {
  it('tags a video with words it says and words it shows', async () => {
    const { result } = await succeeded({ kind: 'DESCRIPTION', url: `${media.url}/spoken-title.mp4` });
    const tags = result.tags as string[];
    expect(tags.some((tag) => ['holiday', 'baking'].includes(tag))).toBe(true);
    expect(tags.some((tag) => ['kitchen', 'chocolate', 'cookies', 'butter'].includes(tag))).toBe(true);
    expect(result.title.toLowerCase()).toContain('holiday baking');
    expect(result.language).toBe('en');
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.description).toMatch(/chocolate/i);
  });
});

describe('description of sound only', () => {
  it('describes speech from its transcript', async () => {
    const { result } = await succeeded({ kind: 'DESCRIPTION', url: `${media.url}/known-text.ogg` });
    expect(result.title).toBe('Welcome to the media server.');
    expect(result.description).toMatch(/^An audio recording of 8 s\. Speech: "Welcome to the media server\./);
    expect(result.tags).toEqual(expect.arrayContaining(['media', 'server', 'video']));
    expect(result.language).toBe('en');
  });

  it('refuses nsfw on sound only', async () => {
    const task = await run({ kind: 'NSFW', url: `${media.url}/known-text.ogg` });
    expect(task.error).toMatchObject({ code: 'INPUT_UNSUPPORTED' });
  });
});

describe('description of a photo', () => {
  it('tags what the object detector sees', async () => {
    const { result } = await succeeded({ kind: 'DESCRIPTION', url: `${media.url}/objects.jpg` });
    expect(result.objects).toContain('person');
    expect(result.tags).toContain('person');
    expect(result.description).toMatch(/^An image\. Shows person/);
  });
});

describe('prompt', () => {
  it('fails at createTask, saying what to configure, when no language model is set', async () => {
    const response = await server.client.request(CreateTaskDocument, { input: { kind: 'PROMPT', url: `${media.url}/gradient.png`, options: { prompt: { prompt: 'What colour is it?' } } } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
    expect(response.errors?.[0].message).toMatch(/OPENAI_BASE_URL/);
  });
});
