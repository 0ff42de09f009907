// The console's shell: the connection (and API key), a header with the live state, one screen per route.
import { useEffect, useState } from 'react';
import { ConnectionProvider, useConnection } from './api/connection.js';
import type { FeedState } from './api/task-feed.js';
import { CreatePage } from './create/create-page.js';
import { hrefOf, useRoute, type Route } from './router.js';
import { TaskPage } from './task/task-page.js';
import { TaskList } from './tasks/task-list.js';

export function App() {
  return (
    <ConnectionProvider>
      <Shell />
    </ConnectionProvider>
  );
}

function Shell() {
  const { route, visit } = useRoute();
  const { apiKey, signOut, feed } = useConnection();
  const [feedState, setFeedState] = useState<FeedState>(feed.state);
  useEffect(() => feed.onState(setFeedState), [feed]);
  useEffect(() => {
    document.title = `${titleOf(route)} · Media tasks`;
  }, [route]);
  // Every navigation opens its screen afresh and gives it the focus, as a page load would:
  // keyboard and screen-reader users start at its content. Keyed by the navigation count, not the
  // screen: two quick navigations (#/ then #/new) render once, and must not keep the old screen.
  useEffect(() => {
    if (visit > 0) focusMain();
  }, [visit]);
  return (
    <>
      {/* Not a hash link: the hash is the route here. */}
      <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); focusMain(); }}>Skip to content</a>
      <header className="top">
        <a className="brand" href={hrefOf.tasks()}>Media tasks</a>
        <nav aria-label="Main">
          <a href={hrefOf.tasks()} aria-current={route.name === 'tasks' ? 'page' : undefined}>Tasks</a>
          <a href={hrefOf.new()} aria-current={route.name === 'new' ? 'page' : undefined}>New task</a>
          <a href="/graphql">GraphiQL</a>
        </nav>
        <div className="session">
          <span className={`live live-${feedState}`} role="status" aria-live="polite">{feedState === 'live' ? 'Live' : feedState === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}</span>
          {apiKey ? <button type="button" className="link" onClick={signOut}>Sign out</button> : <span className="hint">Open mode</span>}
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {route.name === 'tasks' && <TaskList key={visit} query={route.query} />}
        {route.name === 'new' && <CreatePage key={visit} />}
        {route.name === 'task' && <TaskPage key={visit} id={route.id} />}
      </main>
    </>
  );
}

function focusMain(): void {
  document.getElementById('main')?.focus();
}

function titleOf(route: Route): string {
  if (route.name === 'new') return 'New task';
  if (route.name === 'task') return 'Task';
  return 'Tasks';
}
