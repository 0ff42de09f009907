// GraphQL multipart requests (uploads) handled in front of yoga, which would buffer the whole
// body (and refuse it past 25 MB). Everything yoga's plugins check that can be known from the
// headers is checked here first, before a byte of the body is read: the CSRF header, the API key,
// the size the Content-Length announces, the rate limit. Then the files stream into storage and
// yoga runs the operations as a JSON request, each file replaced by a token its context resolves.
import type http from 'node:http';
import { RequestError } from '../tasks/request-error.js';
import { MultipartError, receiveMultipart, tooLarge, type MultipartLimits, type UploadLedger } from '../uploads/graphql-multipart.js';
import type { StoredUpload } from '../uploads/stored-upload.js';
import type { Storage } from '../storage/storage.js';
import { csrfHeaders } from './request-policy.js';
import { csrfRefusalMessage } from './csrf-plugin.js';

/** What yoga's context receives from this route (its server context). */
export interface MultipartServerContext {
  req: http.IncomingMessage;
  /** Tokens in the operations' variables → the files stored for them. */
  uploads: Map<string, StoredUpload>;
  /** Rate-limit tokens this route already took for the request's tasks. */
  prepaidTaskCreations: { remaining: number };
}

export interface MultipartRoute {
  /** A refusal knowable from the headers alone (also for `Expect: 100-continue`), or null. */
  refuseEarly(request: http.IncomingMessage): Refused | null;
  handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void>;
}

interface Refused {
  status: number;
  code: string;
  message: string;
  field?: string;
  retryAfter?: number;
}

export function multipartRoute(options: {
  storage: Storage;
  limits: MultipartLimits;
  /** The key's owner (null in open mode); throws UNAUTHENTICATED for a missing or wrong key. */
  authenticate: (request: http.IncomingMessage) => string | null;
  /** The record of the files received for an owner (see UploadLedger). */
  ledger: (owner: string | null) => UploadLedger;
  /** Takes one createTask token of this caller (its owner, else its address); throws RATE_LIMITED when there is none. */
  takeTaskCreation: (owner: string | null, request: http.IncomingMessage) => Promise<void>;
  /** yoga's fetch entry: the operations as a JSON POST, with this route's server context. */
  execute: (body: string, headers: Headers, context: MultipartServerContext) => Promise<Response>;
  /** Parses and validates the operations against the schema: the reason they cannot run, or null. */
  checkOperations: (operations: unknown) => string | null;
  /** Logs a failure of the server's own (a store out of reach). */
  logFailure: (error: unknown) => void;
  /** Removes the stored uploads no task took (a refused createTask, an idempotent repeat). */
  releaseUnclaimed: (uploads: StoredUpload[]) => Promise<void>;
}): MultipartRoute {
  const { limits } = options;
  // Boundaries and part headers around the files, besides the two JSON fields.
  const allowedBodyBytes = limits.maxUploadBytes + 2 * limits.maxFieldBytes + 64 * 1024;

  const refuseEarly = (request: http.IncomingMessage): Refused | null => {
    if (!csrfHeaders.some((name) => request.headers[name] !== undefined)) {
      return { status: 403, code: 'CSRF_HEADER_REQUIRED', message: csrfRefusalMessage('multipart/form-data') };
    }
    try {
      options.authenticate(request);
    } catch (error) {
      if (error instanceof RequestError) return { status: 401, code: error.code, message: error.message };
      throw error;
    }
    const announced = Number(request.headers['content-length']);
    if (Number.isFinite(announced) && announced > allowedBodyBytes) {
      const refusal = tooLarge(limits.maxUploadBytes);
      return { status: refusal.status, code: refusal.code, message: refusal.message, field: refusal.field };
    }
    return null;
  };

  return {
    refuseEarly,
    async handle(request, response) {
      const early = refuseEarly(request);
      if (early) return answerRefusal(request, response, early);
      // refuseEarly found the key valid.
      const owner = options.authenticate(request);
      // createTask tokens are taken before the bytes are stored, one per file (createTask then
      // draws on these first): one now, the usual request; the others once `map` says how many.
      const prepaid = { remaining: 0 };
      const takeTokens = async (count: number) => {
        for (let taken = 0; taken < count; taken++) {
          await options.takeTaskCreation(owner, request);
          prepaid.remaining++;
        }
      };
      let received;
      try {
        await takeTokens(1);
        received = await receiveMultipart(request, options.storage, {
          ...limits,
          // A query that cannot run is refused before its files are stored.
          beforeFiles: async (operations, files) => {
            const invalid = options.checkOperations(operations);
            if (invalid) throw new MultipartError('BAD_USER_INPUT', invalid, 400, 'operations', 'GRAPHQL_VALIDATION_FAILED');
            await takeTokens(files - 1);
          },
        }, options.ledger(owner));
      } catch (error) {
        if (error instanceof RequestError) return answerRefusal(request, response, { status: 429, code: error.code, message: error.message, retryAfter: error.retryAfter });
        if (error instanceof MultipartError) {
          if (error.status >= 500) options.logFailure(error.cause ?? error);
          return answerRefusal(request, response, {
            status: error.status, code: error.graphqlCode ?? error.code, message: error.message, field: error.field, retryAfter: error.status === 503 ? 2 : undefined,
          });
        }
        throw error;
      }
      const uploads = [...received.uploads.values()];
      try {
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers)) {
          if (value === undefined || ['content-type', 'content-length', 'transfer-encoding', 'expect', 'connection'].includes(name)) continue;
          headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        headers.set('content-type', 'application/json');
        const answer = await options.execute(JSON.stringify(received.operations), headers, {
          req: request, uploads: received.uploads, prepaidTaskCreations: prepaid,
        });
        const responseHeaders: Record<string, string> = {};
        answer.headers.forEach((value, name) => { responseHeaders[name] = value; });
        response.writeHead(answer.status, responseHeaders);
        if (answer.body) {
          for await (const chunk of answer.body as unknown as AsyncIterable<Uint8Array>) response.write(chunk);
        }
        response.end();
      } finally {
        await options.releaseUnclaimed(uploads);
      }
    },
  };
}

/**
 * A GraphQL error body with the refusal's code. The connection closes after it when the body was
 * not read, so a client still sending learns the answer instead of a reset later.
 */
function answerRefusal(request: http.IncomingMessage, response: http.ServerResponse, refused: Refused): void {
  const unread = !request.complete;
  const extensions = { code: refused.code, ...(refused.field && { field: refused.field }), ...(refused.retryAfter !== undefined && { retryable: true, retryAfter: refused.retryAfter }) };
  response.writeHead(refused.status, {
    'content-type': 'application/json; charset=utf-8',
    ...(refused.retryAfter !== undefined && { 'retry-after': String(refused.retryAfter) }),
    ...(unread && { connection: 'close' }),
  });
  response.end(JSON.stringify({ errors: [{ message: refused.message, extensions }] }));
  // What the client still sends is discarded, not kept, until the connection closes.
  if (unread) request.resume();
}
