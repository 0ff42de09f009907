// Routes live in the URL's hash (#/tasks/…): the server serves one index.html at /, and a reload
// or a shared link opens the same screen without any server-side routing. The list keeps its
// filters and page in the hash's query (#/?status=FAILED), so Back and reload return to them.
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'tasks'; query: URLSearchParams }
  | { name: 'new' }
  | { name: 'task'; id: string };

export function parseRoute(hash: string): Route {
  const [path = '/', query = ''] = (hash.replace(/^#/, '') || '/').split('?', 2);
  const task = /^\/tasks\/([^/?#]+)$/.exec(path);
  if (task) return { name: 'task', id: decodedOr(task[1]) };
  if (path === '/new') return { name: 'new' };
  return { name: 'tasks', query: new URLSearchParams(query) };
}

/** A malformed escape (#/tasks/%E0) is an id the server will not know, not a blank page. */
function decodedOr(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export const hrefOf = {
  tasks: (query?: URLSearchParams) => (query && query.size > 0 ? `#/?${query}` : '#/'),
  new: () => '#/new',
  task: (id: string) => `#/tasks/${encodeURIComponent(id)}`,
};

export function navigate(href: string): void {
  window.location.hash = href.replace(/^#/, '');
}

/** Changes the address without a navigation (no history entry, no hashchange): a list's filters. */
export function replaceHash(href: string): void {
  if (window.location.hash !== href) window.history.replaceState(window.history.state, '', href);
}

/** The route, and a count of navigations: a screen keyed by it starts afresh on each one. */
export function useRoute(): { route: Route; visit: number } {
  const [state, setState] = useState(() => ({ route: parseRoute(window.location.hash), visit: 0 }));
  useEffect(() => {
    const onChange = () => setState((current) => ({ route: parseRoute(window.location.hash), visit: current.visit + 1 }));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return state;
}
