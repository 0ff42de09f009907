// GraphQL over HTTP: one POST per operation, with the headers every request of this client needs.
import { abortError, errorFromGraphQL, MediaTasksError, type GraphQLErrorShape } from './errors.js';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/** A typed GraphQL document as a string: what codegen's documentMode: 'string' makes (any codegen run's). */
export type TypedDocument<Data, Variables> = DocumentTypeDecoration<Data, Variables> & { toString(): string };

export interface ConnectionOptions {
  /** The server, e.g. http://localhost:4000 (or its /graphql endpoint). */
  url: string;
  /** Sent as `Authorization: Bearer <apiKey>` (and in the WebSocket's connectionParams). */
  apiKey?: string;
  /** Added to every HTTP request. */
  headers?: Record<string, string>;
  /** A fetch of your own (tests, proxies); the global one by default. */
  fetch?: typeof fetch;
}

export interface GraphQLResult<Data> {
  data?: Data | null;
  errors?: GraphQLErrorShape[];
}

/** The /graphql endpoint of a server address given with or without it. */
export function graphqlEndpoint(url: string): string {
  const endpoint = new URL(url);
  if (!endpoint.pathname.endsWith('/graphql')) endpoint.pathname = `${endpoint.pathname.replace(/\/$/, '')}/graphql`;
  return endpoint.toString();
}

/** Headers of every request: the key, the caller's own, and the CSRF header the server asks of uploads. */
export function requestHeaders(options: ConnectionOptions): Record<string, string> {
  return {
    ...options.headers,
    // The server refuses a multipart or form POST without it (CSRF prevention); harmless on JSON.
    'x-graphql-yoga-csrf': '1',
    ...(options.apiKey && { authorization: `Bearer ${options.apiKey}` }),
  };
}

export function createHttpTransport(options: ConnectionOptions) {
  const endpoint = graphqlEndpoint(options.url);
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = requestHeaders(options);

  async function post(body: BodyInit, contentType: string | null, signal?: AbortSignal): Promise<Response> {
    try {
      return await fetchImpl(endpoint, {
        method: 'POST',
        headers: { ...headers, ...(contentType && { 'content-type': contentType }), accept: 'application/graphql-response+json, application/json' },
        body,
        signal,
        // A streamed body (a multipart upload reporting progress) is sent as it is read.
        ...(body instanceof ReadableStream && { duplex: 'half' }),
      } as RequestInit);
    } catch (error) {
      if (signal?.aborted) throw abortError(signal, 'The request was aborted.');
      throw new MediaTasksError('NETWORK_ERROR', `Could not reach ${endpoint}: ${(error as Error).message}`, { cause: error });
    }
  }

  return {
    endpoint,
    headers,
    fetch: fetchImpl,
    /** Runs an operation; resolves with its data or rejects with the first error as a MediaTasksError. */
    async request<Data, Variables>(document: TypedDocument<Data, Variables>, variables: Variables, signal?: AbortSignal): Promise<Data> {
      const response = await post(JSON.stringify({ query: document.toString(), variables }), 'application/json', signal);
      return dataOf<Data>(response, await readResult<Data>(response));
    },
    post,
  };
}

export type HttpTransport = ReturnType<typeof createHttpTransport>;

/** The result of a response, or the error that stands for a body that is not one (a proxy's 502 page). */
export async function readResult<Data>(response: Response): Promise<GraphQLResult<Data>> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text) as GraphQLResult<Data>;
  } catch {
    const retryAfter = retryAfterOf(response);
    if ([502, 503, 504].includes(response.status)) {
      throw new MediaTasksError('SERVICE_UNAVAILABLE', `The server answered ${response.status} ${response.statusText}.`, { status: response.status, retryAfter });
    }
    throw new MediaTasksError('BAD_RESPONSE', `The server answered ${response.status} with no GraphQL result: ${text.slice(0, 200)}`, { status: response.status });
  }
}

export function dataOf<Data>(response: Response, result: GraphQLResult<Data>): Data {
  if (result.errors?.length) throw errorFromGraphQL(result.errors[0], response.status, retryAfterOf(response));
  if (!result.data) throw new MediaTasksError('BAD_RESPONSE', `The server answered ${response.status} with neither data nor errors.`, { status: response.status });
  return result.data;
}

function retryAfterOf(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}
