// The URLs box (one http(s) URL a line) and, once sent, how each URL fared.
import { SendStatus } from './send-status.js';
import type { SendState } from './upload-queue.js';

export interface UrlResult {
  url: string;
  state: SendState;
}

interface UrlsFieldProps {
  id: string;
  value: string;
  error: string | null;
  results: UrlResult[];
  onChange(value: string): void;
  onCancel(url: string): void;
}

export function UrlsField({ id, value, error, results, onChange, onCancel }: UrlsFieldProps) {
  const described = [`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field urls">
      <label htmlFor={id}>URLs</label>
      <textarea id={id} rows={3} value={value} spellCheck={false} autoComplete="off" placeholder="https://example.com/clip.mp4"
        aria-describedby={described} aria-invalid={error ? true : undefined} onChange={(event) => onChange(event.target.value)} />
      <p id={`${id}-hint`} className="hint">One http(s) URL a line; the server fetches each one into its own task.</p>
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
      {results.length > 0 && (
        <ul className="url-results">
          {results.map(({ url, state }) => (
            <li key={url} className="chosen-file" data-state={state.phase}>
              <span className="file-name">{url}</span>
              <SendStatus name={url} state={state} onCancel={() => onCancel(url)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
