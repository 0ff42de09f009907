// Talks to the server as a frontend would: fetch for queries and mutations (multipart for
// uploads), the real graphql-ws client for subscriptions.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResponse<Data> {
  data?: Data | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; field?: string; retryable?: boolean } }>;
}

export class GraphQLTestClient {
  private ws: Client | null = null;

  /** apiKey: sent as `Authorization: Bearer …` over HTTP and in the WebSocket connectionParams. */
  constructor(readonly baseUrl: string, private readonly options: { apiKey?: string } = {}) {}

  private get authorization(): Record<string, string> {
    return this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {};
  }

  get endpoint(): string {
    return `${this.baseUrl}/graphql`;
  }

  async request<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables?: Variables): Promise<GraphQLResponse<Data>> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...this.authorization },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return (await response.json()) as GraphQLResponse<Data>;
  }

  /** Sends a GraphQL multipart request with one file at `variables.<filePath>`. */
  async upload<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables: Variables, filePath: string, file: Blob, filename: string): Promise<GraphQLResponse<Data>> {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: print(document), variables }));
    form.set('map', JSON.stringify({ 0: [`variables.${filePath}`] }));
    form.set('0', file, filename);
    // A multipart POST needs no preflight in a browser: the server asks for a header that proves it is no form.
    const response = await fetch(this.endpoint, { method: 'POST', body: form, headers: { ...this.authorization, 'x-graphql-yoga-csrf': '1' } });
    return (await response.json()) as GraphQLResponse<Data>;
  }

  /** Subscribes and records every event until the server completes the subscription. */
  subscribe<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables?: Variables, options: { completeWithinMs?: number } = {}): Subscription<Data> {
    this.ws ??= createClient({ url: this.endpoint.replace(/^http/, 'ws'), webSocketImpl: WebSocket, lazy: true, retryAttempts: 0, connectionParams: this.authorization });
    return new Subscription<Data>(this.ws, print(document), variables as Record<string, unknown> | undefined, options.completeWithinMs ?? 45_000);
  }

  async close(): Promise<void> {
    await this.ws?.dispose();
    this.ws = null;
  }
}

export class Subscription<Data> {
  readonly events: Data[] = [];
  readonly errors: unknown[] = [];
  /** Resolves when the server completes the subscription; rejects on error or after completeWithinMs. */
  readonly done: Promise<Data[]>;
  private readonly waiters: Array<{ predicate: (event: Data) => boolean; resolve: (event: Data) => void }> = [];
  private readonly unsubscribe: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown> | undefined, completeWithinMs: number) {
    let finish!: () => void;
    let fail!: (error: unknown) => void;
    this.done = new Promise<Data[]>((resolve, reject) => {
      // Fails with what did arrive, rather than a bare test timeout, when completion never comes.
      const timer = setTimeout(() => reject(new Error(`subscription not completed after ${completeWithinMs} ms; events: ${JSON.stringify(this.events)}`)), completeWithinMs);
      finish = () => { clearTimeout(timer); resolve(this.events); };
      fail = (error) => { clearTimeout(timer); reject(error); };
    });
    this.unsubscribe = client.subscribe<Data>({ query, variables }, {
      next: (result: ExecutionResult<Data>) => {
        if (result.errors) this.errors.push(...result.errors);
        if (!result.data) return;
        this.events.push(result.data);
        for (const waiter of [...this.waiters]) {
          if (waiter.predicate(result.data)) {
            this.waiters.splice(this.waiters.indexOf(waiter), 1);
            waiter.resolve(result.data);
          }
        }
      },
      error: (error) => fail(error),
      complete: () => finish(),
    });
  }

  /** The first event (already received or to come) that satisfies the predicate. */
  waitFor(predicate: (event: Data) => boolean, timeoutMs = 20_000): Promise<Data> {
    const seen = this.events.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise<Data>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`)), timeoutMs);
      this.waiters.push({ predicate, resolve: (event) => { clearTimeout(timer); resolve(event); } });
    });
  }

  close(): void {
    this.unsubscribe();
  }
}
