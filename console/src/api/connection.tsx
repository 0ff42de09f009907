// The console's one connection to the server it is served by: a typed client (with the API key
// the user entered, kept in this browser's localStorage), the kinds the server runs, and one
// taskEvents subscription that every screen listens to. In open mode (no API_KEYS) no key is
// asked for; with keys, the form below appears until the server accepts one.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { createClient, MediaTasksError, type MediaTasksClient } from '@mediatasks/client';
import { ConsoleKindsDocument, type ConsoleKindsQuery } from '../generated/graphql.js';
import { KeyForm } from './key-form.js';
import { createTaskFeed, type TaskFeed } from './task-feed.js';

export type KindInfo = ConsoleKindsQuery['kinds'][number];

export interface Connection {
  client: MediaTasksClient<Blob>;
  /** The key in use; null in open mode. */
  apiKey: string | null;
  kinds: KindInfo[];
  feed: TaskFeed;
  signOut(): void;
}

const storageKey = 'mediatasks.apiKey';
const ConnectionContext = createContext<Connection | null>(null);

export function useConnection(): Connection {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error('useConnection outside ConnectionProvider');
  return connection;
}

function storedKey(): string | null {
  try {
    return window.localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

function storeKey(key: string | null): void {
  try {
    if (key) window.localStorage.setItem(storageKey, key);
    else window.localStorage.removeItem(storageKey);
  } catch {
    // Storage refused (a private window's policy): the key lasts until the page is closed.
  }
}

type State =
  | { phase: 'connecting' }
  | { phase: 'needs-key'; message: string }
  | { phase: 'unreachable'; message: string }
  | { phase: 'ready'; kinds: KindInfo[]; client: MediaTasksClient<Blob>; feed: TaskFeed };

export function ConnectionProvider({ children }: { children: ReactNode }) {
  const [apiKey, setApiKey] = useState<string | null>(storedKey);
  const [state, setState] = useState<State>({ phase: 'connecting' });
  const [attempt, setAttempt] = useState(0);

  // A client per key, made and closed by this effect (so a re-run, e.g. React's StrictMode in
  // development, never reuses a closed one).
  useEffect(() => {
    const client = createClient({ url: window.location.origin, apiKey: apiKey ?? undefined });
    const feed = createTaskFeed(client);
    const controller = new AbortController();
    setState({ phase: 'connecting' });
    client.request(ConsoleKindsDocument, {}, controller.signal).then(
      ({ kinds }) => {
        feed.start();
        setState({ phase: 'ready', kinds, client, feed });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const code = error instanceof MediaTasksError ? error.code : null;
        if (code === 'UNAUTHENTICATED') {
          setState({ phase: 'needs-key', message: apiKey ? 'The server did not accept this API key. Enter another.' : 'This server needs an API key.' });
        } else {
          setState({ phase: 'unreachable', message: error instanceof Error ? error.message : String(error) });
        }
      },
    );
    return () => {
      controller.abort();
      feed.stop();
      void client.close();
    };
  }, [apiKey, attempt]);

  const signIn = useCallback((key: string) => {
    storeKey(key);
    setApiKey(key);
  }, []);
  const signOut = useCallback(() => {
    storeKey(null);
    setApiKey(null);
  }, []);

  if (state.phase === 'connecting') return <main className="page centered" aria-busy="true"><p>Connecting…</p></main>;
  if (state.phase === 'needs-key') return <KeyForm message={state.message} onSubmit={signIn} />;
  if (state.phase === 'unreachable') {
    return (
      <main className="page centered">
        <h1>The server cannot be reached</h1>
        <p role="alert">{state.message}</p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>Try again</button>
      </main>
    );
  }
  return (
    <ConnectionContext.Provider value={{ client: state.client, apiKey, kinds: state.kinds, feed: state.feed, signOut }}>
      {children}
    </ConnectionContext.Provider>
  );
}
