// The URLs box: one http(s) URL a line; blank lines are skipped, a wrong line is named by number.

export interface UrlLines {
  urls: string[];
  /** What is wrong, naming each bad line; null when every line is a URL. */
  error: string | null;
}

export function parseUrlLines(text: string): UrlLines {
  const urls: string[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const number = index + 1;
    if (!isHttpUrl(line)) problems.push(`Line ${number} is not an http(s) URL: “${line.length > 60 ? `${line.slice(0, 57)}…` : line}”.`);
    else if (seen.has(line)) problems.push(`Line ${number} repeats line ${seen.get(line)}.`);
    else {
      seen.set(line, number);
      urls.push(line);
    }
  });
  return { urls, error: problems.length ? problems.join(' ') : null };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The box without the URLs that became tasks (the rest stay, to fix and send again). */
export function withoutUrls(text: string, sent: ReadonlySet<string>): string {
  return text.split(/\r?\n/).filter((line) => !sent.has(line.trim())).join('\n').trim();
}
