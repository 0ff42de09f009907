import { createHmac, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { TaskError } from '../errors/task-error.js';
import { createAddressPolicy } from '../input/address-policy.js';
import { lookupAllowedAddresses, refuseHostBeforeConnecting } from '../input/fetch-input.js';

export interface SendWebhookOptions {
  /** Key of the HMAC-SHA256 signature in the `webhook-signature` header. */
  secret: string;
  /** Sent as `webhook-id`: the same for every retry of one event, so receivers can deduplicate. */
  eventId: string;
  /** Sent as `webhook-event`. */
  eventType: string;
  /** Hosts, addresses and CIDR ranges that may be posted to although the input policy refuses them. */
  allowList: string[];
  /** How long the whole delivery, connecting to reading the status, may take. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * A failed delivery. `permanent` is true when retrying cannot help (the URL is not
 * http(s) or its address is refused); `status` is the receiver's HTTP status, if it answered.
 */
export class WebhookError extends Error {
  readonly status?: number;
  readonly permanent: boolean;

  constructor(message: string, options: { permanent: boolean; status?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'WebhookError';
    this.permanent = options.permanent;
    if (options.status !== undefined) this.status = options.status;
  }
}

/** How much of an error response is read to quote its start in the error message. */
const maxErrorBodyBytes = 4096;
const maxQuotedChars = 200;

/**
 * The `webhook-signature` header value, Stripe style: `t=<timestamp>,v1=<hex>` where the hex
 * is HMAC-SHA256 keyed with `secret` over `<timestamp>.<rawBody>`; `timestamp` is in unix seconds.
 */
export function signWebhook(secret: string, timestamp: number, rawBody: string): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new TypeError(`A webhook timestamp is whole unix seconds, not ${timestamp}`);
  }
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, rawBody)}`;
}

/**
 * Checks a `webhook-signature` header, as a receiver should: over the raw request body
 * exactly as received (before any JSON parsing), with the shared `secret`. True only when a
 * `v1` signature matches (compared in constant time; several `v1` entries are allowed, as
 * during a secret rotation) and the signed timestamp is within `toleranceSeconds` (default
 * 300) of `now` (milliseconds since the epoch, default `Date.now()`), so a captured request
 * cannot be replayed later. A malformed header is simply false.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  rawBody: string,
  { toleranceSeconds = 300, now = Date.now() }: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't' && /^\d{1,15}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamp === null || signatures.length === 0) return false;
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), 'utf8');
  let matched = false;
  for (const signature of signatures) {
    const candidate = Buffer.from(signature, 'utf8');
    if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) matched = true;
  }
  return matched;
}

function hmacHex(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

/**
 * POSTs a signed JSON `body` to `url`, refusing addresses the allow-list does not permit
 * exactly as input fetching does (SPEC §6): literal IPs and metadata host names before
 * connecting, resolved host names on the addresses DNS returns. Redirects are not followed.
 * Resolves with the status of a 2xx answer; anything else throws a WebhookError. An abort
 * through `signal` rethrows its reason.
 */
export async function sendWebhook(url: string, body: string, options: SendWebhookOptions): Promise<{ status: number }> {
  const target = parseWebhookUrl(url);
  const policy = createAddressPolicy(options.allowList);
  try {
    refuseHostBeforeConnecting(target, policy);
  } catch (error) {
    throw asWebhookError(error, target);
  }

  const deadline = new AbortController();
  const timer = setTimeout(
    () =>
      deadline.abort(
        new WebhookError(`Webhook to ${target.host} got no answer within ${options.timeoutMs / 1000} s`, {
          permanent: false,
        }),
      ),
    options.timeoutMs,
  );
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  try {
    const response = await post(target, body, options, policy, signal);
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) {
      response.resume();
      return { status };
    }
    const text = await readStart(response);
    const statusLine = [status, response.statusMessage].filter(Boolean).join(' ');
    const quoted = text ? `: ${text.slice(0, maxQuotedChars)}` : '';
    throw new WebhookError(`Webhook to ${target.host} answered HTTP ${statusLine}${quoted}`, { status, permanent: false });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (deadline.signal.aborted) throw deadline.signal.reason;
    throw asWebhookError(error, target);
  } finally {
    clearTimeout(timer);
  }
}

function parseWebhookUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WebhookError(`Webhook URL "${url}" is not a valid URL`, { permanent: true });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new WebhookError(`Webhooks can only be sent to http and https URLs, not ${parsed.protocol}`, { permanent: true });
  }
  return parsed;
}

function post(
  url: URL,
  body: string,
  options: SendWebhookOptions,
  policy: ReturnType<typeof createAddressPolicy>,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    // agent: false so no pooled socket, checked under another allow-list, is ever reused.
    const request = client.request(url, {
      method: 'POST',
      agent: false,
      lookup: lookupAllowedAddresses(policy),
      signal,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'user-agent': 'mediatasks-webhooks',
        'webhook-id': options.eventId,
        'webhook-event': options.eventType,
        'webhook-signature': signWebhook(options.secret, timestamp, body),
      },
    });
    request.once('response', resolve);
    request.once('error', reject);
    request.end(body);
  });
}

/** The start of an error response's body, as text; a body that fails midway gives what arrived. */
async function readStart(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= maxErrorBodyBytes) break;
    }
  } catch {
    // Quote what arrived.
  } finally {
    response.destroy();
  }
  return Buffer.concat(chunks).toString('utf8').trim();
}

function asWebhookError(error: unknown, url: URL): WebhookError {
  if (error instanceof WebhookError) return error;
  if (error instanceof TaskError && error.code === 'INPUT_FORBIDDEN') {
    return new WebhookError(`Webhook to ${url.host} refused: ${error.message}`, { permanent: true, cause: error });
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const detail = code ? `${code}: ${(error as Error).message}` : String((error as Error | null)?.message ?? error);
  return new WebhookError(`Webhook to ${url.host} failed: ${detail}`, { permanent: false, cause: error });
}
