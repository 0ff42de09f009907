// Bounds on what a createTask request may carry, checked before anything is stored: whatever the
// request alone shows to be too big or unstorable is a BAD_USER_INPUT naming its field, never a
// database error or a stack overflow later.
import { RequestError } from '../tasks/request-error.js';

export const requestLimits = {
  /** Input and webhook URLs; browsers and CDNs stop around 8 KB too. */
  urlBytes: 8 * 1024,
  idempotencyKeyLength: 255,
  metadataBytes: 16 * 1024,
  metadataDepth: 32,
};

/** An http(s) URL of at most 8 KB, normalised. */
export function parseInputUrl(value: string, field: string): string {
  if (Buffer.byteLength(value) > requestLimits.urlBytes) {
    throw new RequestError('BAD_USER_INPUT', `${field} is longer than ${requestLimits.urlBytes / 1024} KB.`, field);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RequestError('BAD_USER_INPUT', `"${shorten(value)}" is not a valid URL.`, field);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RequestError('BAD_USER_INPUT', `Only http and https URLs are accepted, not ${shorten(url.protocol)}`, field);
  }
  return url.href;
}

/**
 * The options under the kind's own key of the one-of TaskOptions (`{ image: {…} }` for IMAGE).
 * GraphQL lets any one key through, so a mismatch is refused here, naming the key expected.
 */
export function optionsOfKind(kind: string, options: Record<string, Record<string, unknown> | null> | null | undefined): Record<string, unknown> | undefined {
  if (!options) return undefined;
  const own = options[kind];
  if (own) return own;
  const given = Object.keys(options)[0];
  throw new RequestError('BAD_USER_INPUT',
    `options.${given} does not match kind ${kind.toUpperCase()}: give the options of kind ${kind.toUpperCase()} under options.${kind}.`, 'options');
}

/** At most 255 printable characters: no control characters (Postgres text refuses NUL). */
export function checkIdempotencyKey(key: string): void {
  if (key.length > requestLimits.idempotencyKeyLength) {
    throw new RequestError('BAD_USER_INPUT', `idempotencyKey is longer than ${requestLimits.idempotencyKeyLength} characters.`, 'idempotencyKey');
  }
  if (!isPrintable(key)) throw new RequestError('BAD_USER_INPUT', 'idempotencyKey may hold printable characters only.', 'idempotencyKey');
}

/**
 * A JSON object or array that Postgres jsonb stores as given: at most 16 KB, 32 levels deep,
 * and no NUL character or lone UTF-16 surrogate in any key or string (jsonb refuses both).
 * Walked without recursion, so no depth can overflow the stack.
 */
export function checkMetadata(metadata: unknown): void {
  if (metadata === undefined || metadata === null) return;
  const refuse = (message: string): never => {
    throw new RequestError('BAD_USER_INPUT', message, 'metadata');
  };
  if (typeof metadata !== 'object') refuse('metadata must be a JSON object or array.');
  const pending: Array<{ value: unknown; depth: number }> = [{ value: metadata, depth: 1 }];
  let bytes = 0;
  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    if (typeof value === 'string') {
      if (!isStorableText(value)) refuse('metadata strings may not hold NUL characters or lone surrogates.');
      bytes += value.length;
    } else if (value !== null && typeof value === 'object') {
      if (depth > requestLimits.metadataDepth) refuse(`metadata is nested deeper than ${requestLimits.metadataDepth} levels.`);
      const entries = Array.isArray(value) ? value.map((item) => [null, item] as const) : Object.entries(value);
      for (const [key, item] of entries) {
        if (key !== null) {
          if (!isStorableText(key)) refuse('metadata keys may not hold NUL characters or lone surrogates.');
          bytes += key.length;
        }
        pending.push({ value: item, depth: depth + 1 });
      }
    } else {
      bytes += 8;
    }
    // A cheap running estimate stops a huge value early; the exact size is checked below.
    if (bytes > requestLimits.metadataBytes) break;
  }
  if (bytes > requestLimits.metadataBytes || Buffer.byteLength(JSON.stringify(metadata)) > requestLimits.metadataBytes) {
    refuse(`metadata is larger than ${requestLimits.metadataBytes / 1024} KB.`);
  }
}

/** No NUL and every surrogate paired (String.prototype.isWellFormed). */
function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

/** Letters, marks, numbers, punctuation, symbols and spaces: no control or format characters. */
function isPrintable(text: string): boolean {
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]+$/u.test(text);
}

function shorten(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
