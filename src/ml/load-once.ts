// Models and runtimes load once per process: concurrent first calls share one load, and a
// failed load is forgotten so that a later call can retry (after the file was restored, say).

/** `load` run at most once at a time, its result kept once it succeeded. */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    if (!loading) {
      loading = load();
      loading.catch(() => (loading = undefined));
    }
    return loading;
  };
}

/** The same per key (a model name). `forget()` drops every kept result. */
export function loadOncePerKey<K, T>(load: (key: K) => Promise<T>): ((key: K) => Promise<T>) & { forget(): void } {
  const loads = new Map<K, Promise<T>>();
  const get = (key: K) => {
    let loading = loads.get(key);
    if (!loading) {
      loading = load(key);
      loads.set(key, loading);
      loading.catch(() => loads.delete(key));
    }
    return loading;
  };
  return Object.assign(get, { forget: () => loads.clear() });
}

/** Runs the calls given to it one after another (a model instance that keeps per-call state). */
export function oneAtATime(): <T>(work: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
}
