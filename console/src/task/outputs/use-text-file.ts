// A small text output (a WebVTT track) fetched and parsed for the page; null until it arrives or
// when it cannot be read (the player then simply goes without it).
import { useEffect, useState } from 'react';

export function useParsedFile<T>(url: string | null | undefined, parse: (text: string, url: string) => T): T | null {
  const [parsed, setParsed] = useState<{ url: string; value: T } | null>(null);
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    fetch(url, { signal: controller.signal })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then((text) => setParsed({ url, value: parse(text, url) }))
      .catch(() => {
        if (!controller.signal.aborted) setParsed(null);
      });
    return () => controller.abort();
    // parse is a module-level function: only the URL decides what to fetch.
  }, [url]);
  return parsed && parsed.url === url ? parsed.value : null;
}
