// Any JSON value as a readable definition list: keys in words, nested objects indented, lists of
// plain values on one line. Used for options as applied and for results without a view of their own.
import type { ReactNode } from 'react';

/** maxLineLength → max line length; snake_case too. */
export function keyLabel(key: string): string {
  const words = key.replace(/_/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isPlain(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function plainText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
  return String(value);
}

export function JsonValue({ value }: { value: unknown }): ReactNode {
  if (isPlain(value)) return <span className="json-plain">{plainText(value)}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="json-plain">none</span>;
    if (value.every(isPlain)) return <span className="json-plain">{value.map(plainText).join(', ')}</span>;
    return (
      <ol className="json-items">
        {value.map((item, index) => <li key={index}><JsonValue value={item} /></li>)}
      </ol>
    );
  }
  return <JsonList value={value as Record<string, unknown>} />;
}

export function JsonList({ value, label }: { value: Record<string, unknown>; label?: string }) {
  const entries = Object.entries(value);
  if (entries.length === 0) return <p className="hint">None.</p>;
  return (
    <dl className="facts json-list" aria-label={label}>
      {entries.map(([key, item]) => (
        <div key={key} className={isPlain(item) || (Array.isArray(item) && item.every(isPlain)) ? 'fact' : 'fact nested'}>
          <dt>{keyLabel(key)}</dt>
          <dd><JsonValue value={item} /></dd>
        </div>
      ))}
    </dl>
  );
}

/** The raw JSON, folded away, for people who want exactly what the API returns. */
export function RawJson({ value, summary = 'Raw JSON' }: { value: unknown; summary?: string }) {
  return (
    <details className="raw-json">
      <summary>{summary}</summary>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
