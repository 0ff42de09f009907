// Routes live in the URL's hash (#/tasks/…): the server serves one index.html at /, and a reload
// or a shared link opens the same screen without any server-side routing.
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'tasks' }
  | { name: 'new' }
  | { name: 'task'; id: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const task = /^\/tasks\/([^/?#]+)$/.exec(path);
  if (task) return { name: 'task', id: decodeURIComponent(task[1]) };
  if (path === '/new') return { name: 'new' };
  return { name: 'tasks' };
}

export const hrefOf = {
  tasks: () => '#/',
  new: () => '#/new',
  task: (id: string) => `#/tasks/${encodeURIComponent(id)}`,
};

export function navigate(href: string): void {
  window.location.hash = href.replace(/^#/, '');
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
