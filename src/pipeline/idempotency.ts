// When a reused idempotencyKey is "the same request": a fingerprint of the createTask input as
// the caller wrote it (before any default is filled in, so that a retry is recognised across a
// change of defaults), one sha256 per top-level field so that a mismatch can say what differs.
import { createHash } from 'node:crypto';
import { RequestError } from '../tasks/request-error.js';
import type { CreateTaskRequest } from './task-service.js';

/** Top-level input field → sha256 (hex) of its canonical JSON. */
export type RequestFingerprint = Record<string, string>;

/** The request as createTask received it; `sent`, when known, is the input as the caller wrote it. */
type FingerprintedRequest = Omit<CreateTaskRequest, 'idempotencyKey'>;

const fingerprintedFields = ['kind', 'url', 'uploadId', 'options', 'metadata', 'webhookUrl', 'webhookAllEvents'] as const;

/** An upload is known by its name, type, size and the sha256 of its bytes (counted as it streamed in). */
export function fingerprintRequest(request: FingerprintedRequest): RequestFingerprint {
  const sent: Record<string, unknown> = request.sent ?? { ...request };
  // Absent and null are the same request.
  const fields: Record<string, unknown> = Object.fromEntries(fingerprintedFields.map((field) => [field, sent[field] ?? null]));
  fields.file = request.file ? { name: request.file.filename, type: request.file.mimeType, size: request.file.size, sha256: request.file.sha256 } : null;
  return Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, sha256(canonicalJson(value))]));
}

/**
 * Passes when the key's first request had this fingerprint (or none: a key stored before
 * fingerprints existed answers as it used to); otherwise a CONFLICT naming the key and the fields.
 */
export function checkSameRequest(key: string, stored: RequestFingerprint | null, sent: RequestFingerprint): void {
  if (stored === null) return;
  const fields = [...new Set([...Object.keys(sent), ...Object.keys(stored)])].filter((field) => stored[field] !== sent[field]);
  if (fields.length === 0) return;
  const differs = fields.length === 1 ? `${fields[0]} differs` : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)} differ`;
  throw new RequestError('CONFLICT',
    `idempotencyKey "${key}" was first used with another request (${differs}): retry with the same request, or use a new key for a new task.`,
    'idempotencyKey');
}

/** JSON with object keys sorted at every level, so that key order does not matter. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
