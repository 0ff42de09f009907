import { useId, useState, type FormEvent } from 'react';

/** Asks for an API key once; the console keeps it in this browser (localStorage) until Sign out. */
export function KeyForm({ message, onSubmit }: { message: string; onSubmit(key: string): void }) {
  const [key, setKey] = useState('');
  const hint = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (key.trim()) onSubmit(key.trim());
  };
  return (
    <main className="page centered">
      <h1>Media tasks</h1>
      <form className="card key-form" onSubmit={submit}>
        <p role="alert">{message}</p>
        <label htmlFor="api-key">API key</label>
        <input id="api-key" type="password" autoComplete="current-password" value={key} onChange={(event) => setKey(event.target.value)} aria-describedby={hint} required autoFocus />
        <p id={hint} className="hint">A key from the server's API_KEYS (the part after owner:). It is kept in this browser only and sent as a Bearer token.</p>
        <button type="submit" className="primary">Sign in</button>
      </form>
    </main>
  );
}
