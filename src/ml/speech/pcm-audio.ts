// Decodes a media file's first audio stream to the 16 kHz mono float PCM the speech models take.
import { spawn } from 'node:child_process';
import { mediaToolEnvironment } from '../../media/ffmpeg-binaries.js';
import { inputPolicyRefusal, withInputPolicy } from '../../media/input-policy.js';

export const pcmSampleRate = 16_000;

/** How many of ffmpeg's last stderr lines an error quotes. */
const stderrLinesKept = 5;

export class NoAudioStreamError extends Error {
  constructor(readonly mediaPath: string) {
    super(`${mediaPath} has no audio stream`);
    this.name = 'NoAudioStreamError';
  }
}

/**
 * The first audio stream of `mediaPath` as 16 kHz mono samples in [-1, 1]. Aborting `signal`
 * kills ffmpeg and rejects with the abort reason.
 */
export async function decodePcm(mediaPath: string, options: { ffmpegPath: string; signal?: AbortSignal }): Promise<Float32Array> {
  const { ffmpegPath, signal } = options;
  const args = await withInputPolicy(ffmpegPath, [
    '-nostdin', '-hide_banner', '-v', 'error',
    '-i', mediaPath,
    '-map', '0:a:0', '-vn', '-sn', '-dn',
    '-f', 'f32le', '-acodec', 'pcm_f32le', '-ac', '1', '-ar', String(pcmSampleRate),
    'pipe:1',
  ]);
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { env: mediaToolEnvironment(ffmpegPath), stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let byteCount = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      byteCount += chunk.length;
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      // Only the tail matters for the error message; keep it bounded on a chatty failure.
      stderr = (stderr + text).slice(-8_000);
    });
    const kill = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (error) => {
      signal?.removeEventListener('abort', kill);
      reject(new Error(`could not run ${ffmpegPath}: ${error.message}`, { cause: error }));
    });
    child.on('close', (code, killedBy) => {
      signal?.removeEventListener('abort', kill);
      if (signal?.aborted) return reject(signal.reason);
      if (code !== 0) {
        if (/matches no streams/.test(stderr)) return reject(new NoAudioStreamError(mediaPath));
        const refusal = inputPolicyRefusal(stderr);
        if (refusal) return reject(refusal);
        const lastLines = stderr.trim().split('\n').slice(-stderrLinesKept).join('; ');
        return reject(new Error(`ffmpeg could not decode the audio of ${mediaPath} (${killedBy ?? `exit code ${code}`}): ${lastLines || 'no message'}`));
      }
      resolve(concatSamples(chunks, byteCount));
    });
  });
}

/** Copies into a fresh buffer: a pooled Buffer's offset need not be 4-byte aligned for a Float32Array view. */
function concatSamples(chunks: Buffer[], byteCount: number): Float32Array {
  const samples = new Float32Array(Math.floor(byteCount / 4));
  const bytes = new Uint8Array(samples.buffer);
  let offset = 0;
  for (const chunk of chunks) {
    const length = Math.min(chunk.length, bytes.length - offset);
    bytes.set(chunk.subarray(0, length), offset);
    offset += length;
  }
  return samples;
}
