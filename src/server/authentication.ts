// API keys: `Authorization: Bearer <key>` over HTTP, the same in the WebSocket connectionParams
// (`{ authorization: 'Bearer <key>' }` or `{ apiKey: '<key>' }`). Each key belongs to an owner.
import { timingSafeEqual } from 'node:crypto';
import { RequestError } from '../tasks/request-error.js';

/** The owner of the key presented, or null when the server has no keys (open mode). */
export function authenticate(apiKeys: Map<string, string>, presented: string | undefined): string | null {
  if (apiKeys.size === 0) return null;
  const key = presented?.replace(/^Bearer\s+/i, '').trim();
  if (!key) throw new RequestError('UNAUTHENTICATED', 'An API key is required: send Authorization: Bearer <key> (connectionParams.authorization over WebSocket).');
  for (const [known, owner] of apiKeys) {
    if (known.length === key.length && timingSafeEqual(Buffer.from(known), Buffer.from(key))) return owner;
  }
  throw new RequestError('UNAUTHENTICATED', 'This API key is not valid.');
}

/** The key a WebSocket client sent in its connection_init payload. */
export function keyFromConnectionParams(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization ?? params?.apiKey;
  return typeof value === 'string' ? value : undefined;
}
