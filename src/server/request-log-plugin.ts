// One log line per GraphQL operation, over HTTP and WebSocket alike (envelop hooks): its name and
// type, how long it took and the codes of its errors. Never its document, variables or headers
// (a key, an input URL with a token). A subscription logs when it starts and when it ends, not per
// event: a taskEvents subscription may carry thousands.
import type { DocumentNode, ExecutionResult, GraphQLError } from 'graphql';
import { getOperationAST } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';

/** The server's error masking (yoga's maskError signature), which runs after these hooks. */
type MaskError = (error: unknown, message: string, isDev?: boolean) => Error;

interface Operation {
  operation: string | null;
  type: string | null;
  transport: 'http' | 'ws';
  owner?: string;
}

export function useRequestLog(logger: Logger, maskError: MaskError): Plugin {
  // Above info (the benchmark runs at warn) the hooks would only cost time.
  if (!logger.isLevelEnabled('info')) return {};
  // The code the client sees: masking gives it to errors raised without one (a RequestError, a
  // database outage, anything unexpected).
  const codeOf = (error: unknown): string => {
    const own = (error as Partial<GraphQLError>).extensions?.code;
    if (typeof own === 'string') return own;
    const masked = (maskError(error, 'Unexpected error.', false) as Partial<GraphQLError>).extensions?.code;
    return typeof masked === 'string' ? masked : 'GRAPHQL_ERROR';
  };
  // Keyed by the operation's context object, which envelop carries from parse to execution.
  const startedAt = new WeakMap<object, number>();
  const documents = new WeakMap<object, DocumentNode>();
  const describe = (context: object, document: DocumentNode | null, operationName: string | null | undefined): Operation => {
    const definition = document ? getOperationAST(document, operationName ?? undefined) : null;
    const owner = (context as { owner?: unknown }).owner;
    return {
      operation: definition?.name?.value ?? operationName ?? null,
      type: definition?.operation ?? null,
      transport: 'request' in context ? 'http' : 'ws',
      ...(typeof owner === 'string' && { owner }),
    };
  };
  const elapsed = (context: object) => Math.round((performance.now() - (startedAt.get(context) ?? performance.now())) * 10) / 10;
  const errorsOf = (errors: readonly unknown[] | undefined) => errors?.length ? { errors: [...new Set(errors.map(codeOf))] } : {};
  const codesOf = (codes: Set<string>) => codes.size > 0 ? { errors: [...codes] } : {};
  const operationNameOf = (context: object) => (context as { params?: { operationName?: string | null } }).params?.operationName;

  return {
    // A refused API key: the context cannot be built, nothing executes.
    onPluginInit: ({ registerContextErrorHandler }) => registerContextErrorHandler(({ context, error }) => {
      logger.info({ ...describe(context, documents.get(context) ?? null, operationNameOf(context)), ms: elapsed(context), errors: [codeOf(error)] }, 'graphql operation');
    }),
    onParse: ({ context }) => {
      startedAt.set(context, performance.now());
      return ({ result }) => {
        if (!(result instanceof Error)) return;
        logger.info({ ...describe(context, null, operationNameOf(context)), ms: elapsed(context), errors: ['GRAPHQL_PARSE_FAILED'] }, 'graphql operation');
      };
    },
    onValidate: ({ context, params }) => ({ result }) => {
      documents.set(context, params.documentAST);
      if (result.length === 0) return;
      logger.info({ ...describe(context, params.documentAST, operationNameOf(context)), ms: elapsed(context), ...errorsOf(result) }, 'graphql operation');
    },
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result }) => {
        const context = args.contextValue as object;
        const operation = describe(context, args.document, args.operationName);
        if (!isAsyncIterable(result)) {
          logger.info({ ...operation, ms: elapsed(context), ...errorsOf(result.errors) }, 'graphql operation');
          return;
        }
        // Incremental delivery (@defer, @stream): one line once the last part went out.
        const codes = new Set<string>();
        return {
          onNext: ({ result: part }) => part.errors?.forEach((error) => codes.add(codeOf(error))),
          onEnd: () => logger.info({ ...operation, ms: elapsed(context), ...codesOf(codes) }, 'graphql operation'),
        };
      },
    }),
    onSubscribe: ({ args }) => {
      const context = args.contextValue as object;
      const operation = describe(context, args.document, args.operationName);
      return {
        onSubscribeResult: ({ result }) => {
          if (!isAsyncIterable(result)) {
            // Refused before any event (no such task, a bad id).
            logger.info({ ...operation, ms: elapsed(context), ...errorsOf((result as ExecutionResult).errors) }, 'graphql operation');
            return;
          }
          logger.info(operation, 'subscription started');
          const subscribedAt = performance.now();
          let events = 0;
          const codes = new Set<string>();
          return {
            onNext: ({ result: event }) => {
              events++;
              event.errors?.forEach((error) => codes.add(codeOf(error)));
            },
            // Also when the client unsubscribes or its socket closes.
            onEnd: () => logger.info({ ...operation, ms: Math.round(performance.now() - subscribedAt), events, ...codesOf(codes) }, 'subscription ended'),
          };
        },
        onSubscribeError: ({ error }) => logger.info({ ...operation, ms: elapsed(context), errors: [codeOf(error)] }, 'graphql operation'),
      };
    },
  };
}
