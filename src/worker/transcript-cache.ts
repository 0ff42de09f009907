// Transcripts keyed by the input's content and the recognizer: `speech`, `subtitles`, `chapters`
// and `description` of the same media compute it once. Concurrent requests in one process share
// one computation; across processes the first to finish stores it (the others' work is the cost
// of not holding a lock for minutes).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type pg from 'pg';
import type { AnalysisOptions, CachedTranscript, SpeechRecognizer, Transcript, TranscriptRequest } from '../ml/providers.js';

export class TranscriptCache {
  private readonly inFlight = new Map<string, Promise<Transcript>>();

  constructor(private readonly pool: pg.Pool, private readonly recognizer: SpeechRecognizer) {}

  async transcriptOf(taskId: string, mediaPath: string, request: TranscriptRequest, options: AnalysisOptions): Promise<CachedTranscript> {
    const inputSha256 = await fileSha256(mediaPath, options.signal);
    // Words cost nothing extra to keep, so one stored transcript serves both kinds of request.
    const variant = request.language ?? 'auto';
    const key = `${inputSha256}/${this.recognizer.model}/${variant}`;
    const shape = (transcript: Transcript, reused: boolean): CachedTranscript => ({ transcript: request.words ? transcript : withoutWords(transcript), reused });

    const { rows } = await this.pool.query<{ result: Transcript }>(
      'SELECT result FROM transcript WHERE input_sha256 = $1 AND model = $2 AND variant = $3',
      [inputSha256, this.recognizer.model, variant],
    );
    if (rows[0]) return shape(rows[0].result, true);

    const running = this.inFlight.get(key);
    if (running) return shape(await running, true);
    const computation = this.recognizer.transcribe(mediaPath, { ...options, language: request.language, words: true });
    this.inFlight.set(key, computation);
    try {
      const transcript = await computation;
      await this.pool.query(
        `INSERT INTO transcript (input_sha256, model, variant, result, task_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [inputSha256, this.recognizer.model, variant, JSON.stringify(transcript), taskId],
      );
      return shape(transcript, false);
    } finally {
      this.inFlight.delete(key);
    }
  }
}

function withoutWords({ words: _words, ...transcript }: Transcript): Transcript {
  return transcript;
}

async function fileSha256(filePath: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath, { signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
