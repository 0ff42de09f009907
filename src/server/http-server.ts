// One HTTP server on one port: GraphQL over HTTP (yoga, with GraphiQL and multipart uploads),
// GraphQL over WebSocket (graphql-ws, through yoga's envelop so both share context, validation
// and error masking), stored files under /files/, /health (/live, /ready) and /metrics (Prometheus).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import type { ExecutionArgs, ExecutionResult, GraphQLError, ValidationContext } from 'graphql';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createGraphQLError, createYoga, maskError } from 'graphql-yoga';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { useCsrfPrevention } from './csrf-plugin.js';
import { useErrorCodes } from './error-codes-plugin.js';
import { exampleDocument } from './graphiql-example.js';
import { useRequestLog } from './request-log-plugin.js';
import { listenError } from './listen-port.js';
import { useNoIntrospection } from './introspection-plugin.js';
import { useRetryAfter } from './retry-after-plugin.js';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { ProcessMetrics } from '../metrics/process-metrics.js';
import { schema } from '../schema/index.js';
import { uploadsOf, type GraphQLContext } from '../schema/context.js';
import { filesRoutePrefix } from '../storage/local-storage.js';
import type { Storage } from '../storage/storage.js';
import { isDatabaseUnavailable } from '../db/connection-errors.js';
import { RequestError } from '../tasks/request-error.js';
import { withTraceContext } from '../tracing/tracing.js';
import { authenticate, keyFromConnectionParams } from './authentication.js';
import { consoleRoute, fileOriginsOf } from './console-route.js';
import { serveStoredFile } from './file-route.js';
import { serveMetrics } from './metrics-route.js';
import { livenessPath, readinessPath, serveLiveness, serveReadiness, type Readiness } from './readiness.js';
import { multipartRoute, type MultipartServerContext } from './multipart-route.js';
import { tusRoute, uploadsPath } from './tus-route.js';
import { RequestPolicy, type Refusal } from './request-policy.js';
import { isMultipart } from '../uploads/graphql-multipart.js';
import type { RateLimiter } from './rate-limiter.js';

/** Connections the kernel holds for the server before it accepts them. */
const acceptBacklog = 4096;

export const graphqlPath = '/graphql';

export interface HttpServer {
  url: string;
  close(): Promise<void>;
}

export async function startHttpServer(options: {
  config: Config;
  context: Omit<GraphQLContext, 'owner' | 'limitTaskCreation' | 'fileUrl' | 'upload' | 'uploadUrl'>;
  storage: Storage;
  logger: Logger;
  /** createTask's limit, shared with the other API processes; null when unlimited. */
  rateLimiter: RateLimiter | null;
  /** Rejects when the service cannot serve; resolves with facts to report (e.g. the media tools). */
  checkHealth: () => Promise<Record<string, unknown>>;
  /** /health/ready; also served, with /metrics, by the operations listener when OPS_PORT is set. */
  readiness: Readiness;
  metrics: ProcessMetrics;
}): Promise<HttpServer & { server: http.Server }> {
  const { config, context, storage, logger, rateLimiter } = options;
  // Every API process takes uploads (only a worker-only process has no upload records).
  const { uploads } = context;
  if (!uploads) throw new Error('an HTTP server needs the upload records');
  let listeningPort = config.http.port;
  const policy = new RequestPolicy(config.security, config.http.publicUrl, () => listeningPort);
  const limitTaskCreation = async (caller: string) => {
    const waitSeconds = rateLimiter ? await rateLimiter.take(caller) : 0;
    if (waitSeconds > 0) {
      throw new RequestError('RATE_LIMITED', `Too many tasks: at most ${config.graphql.createTasksPerMinute} per minute; retry in ${waitSeconds} s.`, undefined, waitSeconds);
    }
  };
  const yoga = createYoga({
    schema,
    graphqlEndpoint: graphqlPath,
    // Over HTTP the key comes in the Authorization header; over WebSocket in connectionParams.
    context: (initial: { request?: Request; req?: http.IncomingMessage; connectionParams?: Record<string, unknown> } & Partial<MultipartServerContext>): GraphQLContext => {
      const owner = authenticate(config.apiKeys, initial.request?.headers.get('authorization') ?? keyFromConnectionParams(initial.connectionParams));
      const view = initial.req ? policy.view(initial.req) : null;
      const caller = callerOf(owner, view?.clientAddress);
      const base = view ? policy.publicBase(view) ?? undefined : undefined;
      // A multipart request paid for its tasks before its files were stored.
      const prepaid = initial.prepaidTaskCreations;
      return {
        ...context, owner, fileUrl: (key) => storage.url(key, base), upload: uploadsOf(initial.uploads),
        uploadUrl: (id) => `${base ?? config.http.publicUrl ?? serverUrl}${uploadsPath}/${id}`,
        limitTaskCreation: async () => {
          if (prepaid && prepaid.remaining > 0) prepaid.remaining--;
          else await limitTaskCreation(caller);
        },
      };
    },
    // Multipart requests never reach yoga, which would hold their files in memory: see multipartRoute.
    multipart: false,
    logging: yogaLogging(logger.child({ module: 'yoga' })),
    // GraphiQL runs subscriptions over SSE, not WebSocket: its Headers tab (the API key) goes with
    // every fetch, while its WebSocket client sends no headers in connection_init, and a refused
    // key then comes back as a GraphQL error in the result pane. POST (application/json) because
    // its default for SSE is a GET that CSRF prevention refuses.
    // A first visit opens on a working example, not GraphiQL's welcome text.
    graphiql: config.graphql.graphiql ? { subscriptionsProtocol: 'SSE', method: 'POST', title: 'Media tasks', defaultQuery: exampleDocument } : false,
    // GraphiQL served from the package, not a CDN: self-hosted servers are often offline.
    renderGraphiQL,
    // Never NODE_ENV's guess: internals (messages, stacks, paths) only when DEBUG_ERRORS says so.
    maskedErrors: { maskError: exposeRequestErrors, isDev: config.security.debugErrors },
    // Our own front door checks Origin and answers preflights (see request-policy.ts).
    cors: false,
    plugins: [
      // Reported as validation errors (not thrown): over WebSocket a thrown one would close the
      // socket under its other subscriptions, and it would carry no extensions.code.
      maxDepthPlugin({ n: config.graphql.maxDepth, ignoreIntrospection: true, ...reportNotThrow }),
      costLimitPlugin({ maxCost: 20_000, ignoreIntrospection: true, ...reportNotThrow }),
      maxAliasesPlugin({ n: 30, ...reportNotThrow }),
      useErrorCodes(),
      useRequestLog(logger.child({ module: 'graphql' }), exposeRequestErrors),
      useRetryAfter(),
      useCsrfPrevention(),
      ...options.metrics.graphqlPlugins(),
      // GraphiQL and introspection go together; no "Did you mean …" to map a hidden schema.
      ...(config.graphql.introspection ? [] : [useNoIntrospection(), blockFieldSuggestionsPlugin()]),
    ],
  });

  const multipart = multipartRoute({
    storage,
    limits: { maxUploadBytes: config.limits.maxUploadBytes, maxFieldBytes: multipartFieldBytes, maxFiles: multipartMaxFiles },
    authenticate: (request) => authenticate(config.apiKeys, request.headers.authorization),
    ledger: (owner) => uploads.ledger(owner),
    takeTaskCreation: (owner, request) => limitTaskCreation(callerOf(owner, policy.view(request).clientAddress)),
    execute: (body, headers, serverContext) => Promise.resolve(yoga.fetch(`http://localhost${graphqlPath}`, { method: 'POST', headers, body }, serverContext)),
    checkOperations: (operations) => {
      const { parse, validate, schema: enveloped } = yoga.getEnveloped({});
      for (const operation of Array.isArray(operations) ? operations : [operations]) {
        const query = (operation as { query?: unknown } | null)?.query;
        if (typeof query !== 'string') return 'operations must hold a GraphQL document in "query".';
        try {
          const errors = validate(enveloped, parse(query));
          if (errors.length > 0) return errors[0].message;
        } catch (error) {
          return (error as Error).message;
        }
      }
      return null;
    },
    logFailure: (error) => logger.error({ err: error }, 'storing an upload failed'),
    releaseUnclaimed: (uploads) => context.tasks.releaseUploads(uploads),
  });

  const tus = tusRoute({
    uploads,
    maxUploadBytes: config.limits.maxUploadBytes,
    ownerOf: (authorization) => authenticate(config.apiKeys, authorization),
  });

  const webConsole = config.graphql.console ? consoleRoute(undefined, fileOriginsOf([config.http.publicUrl, config.s3?.publicBaseUrl])) : null;
  if (config.graphql.console && !webConsole) logger.warn('the web console is not built (console/dist): `/` redirects to GraphiQL; `npm install` or `npm run build` builds it');

  let serverUrl = '';
  let draining = false;
  const server = http.createServer((request, response) => {
    // While stopping, a kept-alive connection serves the request it carries and then closes:
    // the client's next request goes to a new connection (and so to another server).
    if (draining) response.setHeader('connection', 'close');
    const pathname = request.url?.split('?')[0] ?? '/';
    const view = policy.view(request);
    const refusedHost = policy.refuseHost(view);
    if (refusedHost) return void refuse(response, refusedHost);
    if (pathname.startsWith(filesRoutePrefix)) {
      serveStoredFile(storage, request, response).catch((error: unknown) => {
        logger.error({ err: error }, 'serving a stored file failed');
        if (!response.headersSent) response.writeHead(500).end();
      });
    } else if (pathname === '/health') {
      options.checkHealth().then(
        (facts) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', ...facts })),
        (error: Error) => response.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'unavailable', reason: error.message })),
      );
    } else if (pathname === livenessPath) {
      serveLiveness(response);
    } else if (pathname === readinessPath) {
      serveReadiness(options.readiness, response);
    } else if (pathname === '/metrics') {
      serveMetrics(config, options.metrics, 'api', request, response);
    } else if (webConsole?.handle(pathname, request, response)) {
      // Served (the console, or its assets).
    } else if (pathname === '/' && config.graphql.graphiql) {
      response.writeHead(302, { location: graphqlPath }).end();
    } else {
      const origin = request.headers.origin;
      const refusedOrigin = policy.refuseOrigin(origin, view);
      if (refusedOrigin) return void refuse(response, refusedOrigin);
      if ((pathname === uploadsPath || pathname.startsWith(`${uploadsPath}/`))) {
        // tus answers its own preflights and CORS headers (its methods and headers).
        tus.handle(request, response).catch((error: unknown) => {
          logger.error({ err: error }, 'a tus request failed');
          if (!response.headersSent) response.writeHead(500, { connection: 'close' }).end();
        });
        return;
      }
      const cors = policy.corsHeadersFor(origin, view);
      if (request.method === 'OPTIONS') return void response.writeHead(204, cors ?? {}).end();
      for (const [name, value] of Object.entries(cors ?? {})) response.setHeader(name, value);
      // A caller that traces (a `traceparent` header) sees the task's spans in its own trace.
      if (pathname === graphqlPath && request.method === 'POST' && isMultipart(request)) {
        withTraceContext(request.headers, () => multipart.handle(request, response)).catch((error: unknown) => {
          logger.error({ err: error }, 'a multipart request failed');
          if (!response.headersSent) response.writeHead(500, { connection: 'close' }).end();
          else response.destroy();
        });
      } else {
        withTraceContext(request.headers, () => yoga.handle(request, response));
      }
    }
  });
  // `Expect: 100-continue` (curl sends it for bodies over 1 MB): an upload refused by its headers
  // alone is answered before the client sends the body.
  server.on('checkContinue', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const refusal = request.url?.split('?')[0] === graphqlPath && isMultipart(request) ? multipart.refuseEarly(request) : null;
    if (!refusal) response.writeContinue();
    server.emit('request', request, response);
  });

  const webSockets = new WebSocketServer({
    server, path: graphqlPath, maxPayload: config.graphql.maxMessageBytes,
    // Browsers send Origin with every WebSocket and no preflight guards it: the same rules as HTTP.
    verifyClient: ({ req }, accept) => {
      const view = policy.view(req);
      const refusal = policy.refuseHost(view) ?? policy.refuseOrigin(req.headers.origin, view);
      if (refusal) accept(false, refusal.status, refusal.message);
      else accept(true);
    },
  });
  options.metrics.countWebSockets(() => webSockets.clients.size);
  const subscriptionServer = useServer({
    // Refuse a bad key at connection time (close code 4403) instead of on every subscription.
    onConnect: (socketContext) => {
      try {
        authenticate(config.apiKeys, keyFromConnectionParams(socketContext.connectionParams));
        return true;
      } catch {
        return false;
      }
    },
    execute: (args) => (args.rootValue as EnvelopedOperations).execute(args),
    subscribe: (args) => (args.rootValue as EnvelopedOperations).subscribe(args),
    onSubscribe: async (socketContext, _id, payload) => {
      // The new subscription is already counted (graphql-ws reserves its id first).
      const { maxSubscriptionsPerSocket } = config.graphql;
      if (Object.keys(socketContext.subscriptions).length > maxSubscriptionsPerSocket) {
        return [createGraphQLError(`This WebSocket already holds ${maxSubscriptionsPerSocket} subscriptions (WS_MAX_SUBSCRIPTIONS_PER_SOCKET): end one, or open another socket.`, { extensions: { code: 'LIMIT_EXCEEDED' } })];
      }
      const { schema: envelopedSchema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
        ...socketContext,
        req: socketContext.extra.request,
        socket: socketContext.extra.socket,
        params: payload,
      });
      let document;
      try {
        document = parse(payload.query);
      } catch (error) {
        return [createGraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
      }
      const errors = validate(envelopedSchema, document);
      if (errors.length > 0) return errors;
      return {
        schema: envelopedSchema,
        operationName: payload.operationName,
        document,
        variableValues: payload.variables,
        contextValue: await contextFactory(),
        rootValue: { execute, subscribe },
      };
    },
  }, webSockets);

  await new Promise<void>((resolve, reject) => {
    // Checked at start-up already (checkListenPort); taken meanwhile, it fails with the same message.
    server.once('error', (error) => reject(listenError(error, config.http.host, config.http.port)));
    // A burst of new connections (a thousand browsers at once) overflowed Node's default accept
    // queue of 511 while the loop was busy: the kernel dropped the SYNs and clients waited out
    // 1-7 s of retransmission. The kernel caps this at net.core.somaxconn (4096 on current Linux).
    server.listen({ port: config.http.port, host: config.http.host, backlog: acceptBacklog }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  listeningPort = port;
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  serverUrl = url;

  return {
    url,
    server,
    /**
     * Stops taking connections and lets the requests in flight finish, for at most the shutdown
     * grace (a create being answered is a task its client learns of); idle keep-alive
     * connections close at once, WebSockets with 1001 (going away), so clients reconnect elsewhere.
     */
    async close() {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await subscriptionServer.dispose();
      const overdue = setTimeout(() => {
        server.closeAllConnections();
        for (const socket of webSockets.clients) socket.terminate();
      }, config.shutdownGraceSeconds * 1000);
      await closed;
      clearTimeout(overdue);
      await yoga.dispose();
    },
  };
}

/** The rate limit's bucket: prefixed, so that an owner named like an address has a budget of its own. */
const callerOf = (owner: string | null, clientAddress: string | undefined) => (owner !== null ? `owner:${owner}` : `address:${clientAddress ?? 'unknown'}`);

/** `operations` and `map` of a multipart request, each; a createTask is a few kilobytes. */
const multipartFieldBytes = 1024 * 1024;
const multipartMaxFiles = 10;

/** A refusal of our own front door, as a GraphQL error body so that clients show its message. */
function refuse(response: http.ServerResponse, refusal: Refusal): void {
  response.writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8' })
    .end(JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: 'FORBIDDEN' } }] }));
}

/** graphql-armor's plugins report a rejection to the validation context instead of throwing it. */
const reportNotThrow = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

interface EnvelopedOperations {
  execute: (args: ExecutionArgs) => ExecutionResult;
  subscribe: (args: ExecutionArgs) => ExecutionResult;
}

/**
 * Keeps the code and message of expected request errors; a database that cannot be reached is
 * SERVICE_UNAVAILABLE, retryable; everything else unexpected is masked.
 */
const exposeRequestErrors: typeof maskError = (error, message, isDev) => {
  const requestError = findRequestError(error);
  const located = error as Partial<GraphQLError>;
  if (!requestError && isDatabaseUnavailable(error)) {
    return createGraphQLError(databaseUnavailableMessage, {
      nodes: located.nodes, path: located.path, extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, retryAfter: databaseRetrySeconds },
    });
  }
  if (!requestError) return maskError(error, message, isDev);
  return createGraphQLError(requestError.message, {
    nodes: located.nodes,
    path: located.path,
    extensions: {
      code: requestError.code,
      ...(requestError.field && { field: requestError.field }),
      ...(requestError.retryAfter !== undefined && { retryable: true, retryAfter: requestError.retryAfter }),
      // A missing or wrong key refuses the whole request before execution: 401 where the client
      // accepts application/graphql-response+json, 200 for application/json (`spec`: yoga reads
      // and strips extensions.http).
      ...(requestError.code === 'UNAUTHENTICATED' && { http: { status: 401, spec: true } }),
    },
  });
};

/** A restart takes seconds: sooner would only add load to a database coming back. */
const databaseRetrySeconds = 2;
// A create whose connection broke around COMMIT may have committed: the same key finds it.
const databaseUnavailableMessage = 'The database is unavailable; retry in a few seconds. A createTask retried with the same idempotencyKey returns the task if the first attempt created it.';

/** Yoga logs every error it masks or maps; a client's bad request is not the server's error. */
function yogaLogging(logger: Logger) {
  return {
    debug: (...args: unknown[]) => logger.debug({ details: args }, 'yoga'),
    info: (...args: unknown[]) => logger.info({ details: args }, 'yoga'),
    warn: (...args: unknown[]) => logger.warn({ details: args }, 'yoga'),
    error: (error: unknown, ...rest: unknown[]) => {
      if (findRequestError(error)) logger.debug({ err: error }, 'request refused');
      else if (isDatabaseUnavailable(error)) logger.debug({ err: error }, 'request failed: database unavailable');
      else logger.error({ err: error, details: rest.length > 0 ? rest : undefined }, 'unexpected error');
    },
  };
}

// Walks originalError links by shape, not instanceof: executor and schema may hold different
// copies of the graphql package's GraphQLError class.
function findRequestError(error: unknown): RequestError | undefined {
  let current = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof RequestError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}
