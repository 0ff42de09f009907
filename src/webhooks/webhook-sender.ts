import { createHash, createHmac } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { TaskError } from '../errors/task-error.js';
import { createAddressPolicy } from '../input/address-policy.js';
import { lookupAllowedAddresses, refuseHostBeforeConnecting } from '../input/fetch-input.js';
import { webhookSigningKey } from './webhook-secrets.js';

export interface SendWebhookOptions {
  /** The `whsec_…` secrets that sign it, current first: one `v1,` signature each. */
  secrets: string[];
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
 * The `webhook-id` of one event's delivery: the same for every retry (receivers de-duplicate on
 * it) and unique across tasks, without the event's sequence number, which would show every
 * receiver how many events the whole deployment has made.
 */
export function webhookMessageId(taskId: string, eventId: string | bigint | number): string {
  return `msg_${createHash('sha256').update(`${taskId}:${eventId}`).digest('base64url').slice(0, 27)}`;
}

/**
 * The `webhook-signature` header value of Standard Webhooks (https://www.standardwebhooks.com):
 * `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<rawBody>">` for each secret, space-separated,
 * so during a rotation a receiver holding either secret verifies. The HMAC key is the base64
 * part of the `whsec_…` secret, decoded; `timestamp` is in unix seconds.
 */
export function signWebhook(secrets: string[], id: string, timestamp: number, rawBody: string): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new TypeError(`A webhook timestamp is whole unix seconds, not ${timestamp}`);
  }
  if (secrets.length === 0) throw new TypeError('A webhook is signed with at least one secret');
  return secrets.map((secret) => {
    const key = webhookSigningKey(secret);
    if (!key) throw new TypeError('A webhook secret is whsec_ followed by base64 of 24 to 64 bytes');
    return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest('base64')}`;
  }).join(' ');
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
  // Signed at each attempt: the timestamp is the attempt's, the secrets those valid now.
  const timestamp = Math.floor(Date.now() / 1000);
  let signature: string;
  try {
    signature = signWebhook(options.secrets, options.eventId, timestamp, body);
  } catch (error) {
    throw new WebhookError(`Webhook to ${target.host} cannot be signed: ${(error as Error).message}`, { permanent: true, cause: error });
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
    const response = await post(target, body, { ...options, timestamp, signature }, policy, signal);
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
  options: SendWebhookOptions & { timestamp: number; signature: string },
  policy: ReturnType<typeof createAddressPolicy>,
  signal: AbortSignal,
): Promise<IncomingMessage> {
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
        'webhook-timestamp': String(options.timestamp),
        'webhook-event': options.eventType,
        'webhook-signature': options.signature,
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
