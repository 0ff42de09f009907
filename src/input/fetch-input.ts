import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { extname, dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TaskError } from '../errors/task-error.js';
import { createAddressPolicy, type AddressPolicy } from './address-policy.js';

export interface FetchInputOptions {
  /** Hosts, addresses and CIDR ranges that may be fetched from although the policy refuses them. */
  allowList: string[];
  maxBytes: number;
  /** How long each request may wait for its response headers. */
  connectTimeoutMs: number;
  /** How long the whole download, redirects included, may take. */
  totalTimeoutMs: number;
  /** How long the body may go without a byte before the download is given up (a stalled source). */
  idleTimeoutMs?: number;
  maxRedirects?: number;
  signal?: AbortSignal;
}

export interface FetchedInput {
  path: string;
  size: number;
  contentType: string | null;
  /** A safe file name for the input, from Content-Disposition or the URL. */
  filename: string;
  /** The URL the body came from, after redirects. */
  finalUrl: string;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const maxFilenameLength = 200;

/**
 * Downloads `url` to `destinationPath`, refusing addresses the allow-list does not permit
 * (SPEC §6). Every redirect hop is checked again, and host names are checked on the
 * addresses DNS actually returns, so a rebinding DNS answer cannot slip through.
 * Failures are TaskErrors; an abort through `signal` rethrows its reason.
 */
export async function fetchInput(
  url: string,
  destinationPath: string,
  options: FetchInputOptions,
): Promise<FetchedInput> {
  const policy = createAddressPolicy(options.allowList);
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new TaskError('TIMEOUT', `Fetching ${url} took longer than ${seconds(options.totalTimeoutMs)}`)),
    options.totalTimeoutMs,
  );
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  try {
    const { response, finalUrl } = await openFollowingRedirects(parseInputUrl(url), policy, options, signal);
    if (options.idleTimeoutMs) {
      const idleMs = options.idleTimeoutMs;
      response.setTimeout(idleMs, () => response.destroy(new TaskError('INPUT_UNREACHABLE', `${finalUrl.host} sent nothing for ${seconds(idleMs)}: the download of ${finalUrl.href} stalled`)));
    }
    return await saveResponse(response, finalUrl, destinationPath, options.maxBytes, signal);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (deadline.signal.aborted) throw deadline.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function parseInputUrl(url: string, base?: URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    const what = base ? `Redirect location "${url}" from ${base.href}` : `"${url}"`;
    throw new TaskError('INPUT_UNREACHABLE', `${what} is not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TaskError('INPUT_FORBIDDEN', `Only http and https URLs can be fetched, not ${parsed.protocol} (${parsed.href})`);
  }
  return parsed;
}

async function openFollowingRedirects(
  url: URL,
  policy: AddressPolicy,
  options: FetchInputOptions,
  signal: AbortSignal,
): Promise<{ response: IncomingMessage; finalUrl: URL }> {
  const maxRedirects = options.maxRedirects ?? 5;
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const response = await requestResponseHeaders(current, policy, options.connectTimeoutMs, signal);
    const status = response.statusCode ?? 0;
    if (!redirectStatuses.has(status)) {
      if (status >= 200 && status < 300) return { response, finalUrl: current };
      response.destroy();
      const statusLine = [status, response.statusMessage].filter(Boolean).join(' ');
      throw new TaskError('INPUT_UNREACHABLE', `HTTP ${statusLine} from ${current.href}`);
    }
    response.destroy();
    const location = response.headers.location;
    if (!location) throw new TaskError('INPUT_UNREACHABLE', `HTTP ${status} redirect without a Location from ${current.href}`);
    if (redirects >= maxRedirects) {
      throw new TaskError('INPUT_UNREACHABLE', `Too many redirects (more than ${maxRedirects}) fetching ${url.href}`);
    }
    current = parseInputUrl(location, current);
  }
}

/** One GET, resolved once its response headers arrive (or refused before connecting). */
function requestResponseHeaders(
  url: URL,
  policy: AddressPolicy,
  connectTimeoutMs: number,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  refuseHostBeforeConnecting(url, policy);
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    // agent: false so no pooled socket, checked under another allow-list, is ever reused.
    const request = client.request(url, { agent: false, lookup: lookupAllowedAddresses(policy), signal });
    const timer = setTimeout(() => {
      const message = `No response from ${url.host} within ${seconds(connectTimeoutMs)} (${url.href})`;
      request.destroy(new TaskError('TIMEOUT', message));
    }, connectTimeoutMs);
    request.once('response', (response) => {
      clearTimeout(timer);
      resolve(response);
    });
    request.once('error', (error) => {
      clearTimeout(timer);
      reject(explainNetworkError(error, url));
    });
    request.end();
  });
}

/** Node skips `lookup` for literal IP hosts, so those, and metadata host names, are checked here. */
export function refuseHostBeforeConnecting(url: URL, policy: AddressPolicy): void {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const refusal = policy.refuseHost(host) ?? (isIP(host) ? policy.refuseAddress(host, host) : null);
  if (refusal) throw new TaskError('INPUT_FORBIDDEN', refusal);
}

/** A DNS lookup that only hands the socket addresses the policy allows, so what is checked is what is connected to. */
export function lookupAllowedAddresses(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const allowed = addresses.filter(({ address }) => policy.refuseAddress(hostname, address) === null);
      if (allowed.length === 0) {
        return callback(new TaskError('INPUT_FORBIDDEN', policy.refuseAddress(hostname, addresses[0].address)!), '');
      }
      if (options.all) callback(null, allowed);
      else callback(null, allowed[0].address, allowed[0].family);
    });
  };
}

async function saveResponse(
  response: IncomingMessage,
  finalUrl: URL,
  destinationPath: string,
  maxBytes: number,
  signal: AbortSignal,
): Promise<FetchedInput> {
  const declaredSize = Number(response.headers['content-length']);
  if (declaredSize > maxBytes) {
    response.destroy();
    throw new TaskError(
      'INPUT_TOO_LARGE',
      `${finalUrl.href} is ${megabytes(declaredSize)}, more than the ${megabytes(maxBytes)} download limit`,
    );
  }
  await mkdir(dirname(destinationPath), { recursive: true });
  try {
    await pipeline(response, limitSize(maxBytes, finalUrl), createWriteStream(destinationPath), { signal });
  } catch (error) {
    await rm(destinationPath, { force: true });
    throw explainNetworkError(error, finalUrl);
  }
  return {
    path: destinationPath,
    size: (await stat(destinationPath)).size,
    contentType: response.headers['content-type'] ?? null,
    filename: chooseFilename(response.headers['content-disposition'], finalUrl),
    finalUrl: finalUrl.href,
  };
}

/** Fails the stream once more than maxBytes arrived: Content-Length may be missing or wrong. */
function limitSize(maxBytes: number, url: URL): Transform {
  let received = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received <= maxBytes) return done(null, chunk);
      done(new TaskError('INPUT_TOO_LARGE', `${url.href} grew past the ${megabytes(maxBytes)} download limit while downloading`));
    },
  });
}

/**
 * Turns socket, DNS and TLS errors into messages a task owner can act on. Anything else
 * (a TaskError already, an abort, a disk error) passes through unchanged.
 */
function explainNetworkError(error: unknown, url: URL): unknown {
  if (error instanceof TaskError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const unreachable = (message: string) => new TaskError('INPUT_UNREACHABLE', `${message} (${url.href})`, { cause: error });
  if (['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_FAIL'].includes(code)) {
    return unreachable(`Host ${url.hostname} could not be resolved: ${code}`);
  }
  if (code === 'ECONNREFUSED') return unreachable(`Connection to ${url.host} was refused`);
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return unreachable(`Connection to ${url.host} was closed before the download finished`);
  }
  if (['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)) {
    return unreachable(`Could not connect to ${url.host}: ${code}`);
  }
  if (code.startsWith('HPE_')) return unreachable(`${url.host} sent a malformed HTTP response: ${code}`);
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code)) {
    return unreachable(`TLS connection to ${url.host} failed: ${(error as Error).message}`);
  }
  return error;
}

function chooseFilename(contentDisposition: string | undefined, url: URL): string {
  const candidates = [filenameFromDisposition(contentDisposition), lastPathSegment(url)];
  return candidates.map((name) => (name ? sanitizeFilename(name) : '')).find(Boolean) ?? 'input';
}

/** `filename*=UTF-8''…` (RFC 6266) wins over a plain `filename=`. */
function filenameFromDisposition(header: string | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*[\w-]*'[^']*'([^;\s]+)/i.exec(header);
  const decoded = extended ? decodeOrNull(extended[1]) : null;
  if (decoded) return decoded;
  const plain = /filename\s*=\s*(?:"((?:\\.|[^"\\])*)"|([^;]+))/i.exec(header);
  if (!plain) return null;
  return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2].trim();
}

function lastPathSegment(url: URL): string {
  const segment = url.pathname.split('/').pop() ?? '';
  return decodeOrNull(segment) ?? segment;
}

function decodeOrNull(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/** A plain file name: no directories, control characters or leading dots, and not too long. */
function sanitizeFilename(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().replace(/^\.+/, '').trim();
  if (cleaned.length <= maxFilenameLength) return cleaned;
  const extension = extname(cleaned).slice(0, 16);
  return cleaned.slice(0, maxFilenameLength - extension.length) + extension;
}

function megabytes(bytes: number): string {
  return `${Number((bytes / 1024 / 1024).toPrecision(3))} MB`;
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}
