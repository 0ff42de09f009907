// A listen address is checked before anything else starts (the embedded database, migrations,
// workers): a port in use is one line naming its variable, seen in a second, rather than a
// failure once everything has started.
import net from 'node:net';
import { ConfigError } from '../config.js';

/** Fails with listenError's message unless `host:port` can be listened on now; port 0 (any free port) always can. */
export async function checkListenPort(host: string, port: number, variable = 'PORT'): Promise<void> {
  if (port === 0) return;
  const probe = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, host, () => resolve());
    });
  } catch (error) {
    throw listenError(error, host, port, variable);
  }
  await new Promise((resolve) => probe.close(resolve));
}

/** A listen failure as the person who set the variable wants to read it (a ConfigError: the setting is what to change). */
export function listenError(error: unknown, host: string, port: number, variable = 'PORT'): Error {
  const { code, message } = error as { code?: string; message?: string };
  const reason = message ?? String(error);
  if (code === 'EADDRINUSE') return new ConfigError(`Port ${port} is in use (${variable}): another process listens on ${host}:${port}; stop it, or set ${variable} to a free port (0 takes any).`);
  if (code === 'EACCES') return new ConfigError(`Port ${port} cannot be opened (${variable}): ${reason}; ports below 1024 need privileges.`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ConfigError(`Cannot listen on ${host}:${port} (HOST): ${reason}; the address is not one of this machine's.`);
  return error instanceof Error ? error : new Error(reason);
}
