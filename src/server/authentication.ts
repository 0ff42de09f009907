// API keys: `Authorization: Bearer <key>` over HTTP, the same in the WebSocket connectionParams
// (`{ authorization: 'Bearer <key>' }` or `{ apiKey: '<key>' }`). Each key belongs to an owner.
import { timingSafeEqual } from 'node:crypto';
import { RequestError } from '../tasks/request-error.js';

/** The token of an `Authorization: Bearer <token>` value (or the bare token), if any. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization?.replace(/^Bearer\s+/i, '').trim() || undefined;
}

/** Compares a presented secret in constant time (byte lengths: a multi-byte character is no crash). */
export function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The owner of the key presented, or null when the server has no keys (open mode). */
export function authenticate(apiKeys: Map<string, string>, presented: string | undefined): string | null {
  if (apiKeys.size === 0) return null;
  const key = bearerToken(presented);
  if (!key) throw new RequestError('UNAUTHENTICATED', 'An API key is required: send Authorization: Bearer <key> (connectionParams.authorization over WebSocket).');
  for (const [known, owner] of apiKeys) {
    if (sameSecret(key, known)) return owner;
  }
  throw new RequestError('UNAUTHENTICATED', 'This API key is not valid.');
}

/** The key a WebSocket client sent in its connection_init payload. */
export function keyFromConnectionParams(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization ?? params?.apiKey;
  return typeof value === 'string' ? value : undefined;
}
