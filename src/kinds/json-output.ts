import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProducedOutput } from './task-kind.js';

/** The structured result of an intelligence kind, also kept as a downloadable JSON file. */
export async function jsonOutput(workDir: string, filename: string, value: unknown): Promise<ProducedOutput> {
  const file = path.join(workDir, filename);
  await writeFile(file, JSON.stringify(value, null, 2));
  return { path: file, kind: 'json', filename, mimeType: 'application/json' };
}
