// A TCP proxy in front of a server that counts the bytes each way and, when asked, drops the
// connection once at a known byte: a client's network failing mid-body, to see the client resume.
// It can also stand for a network that fails in other ways: new connections refused (a server
// that is away), or accepted and never forwarded, and open ones frozen (a half-open path).
import net from 'node:net';

/** What happens to a new connection: forwarded, closed at once, or accepted and never forwarded. */
export type ProxyMode = 'forward' | 'refuse' | 'hold';

export interface TcpProxy {
  url: string;
  /** Bytes clients sent through / received back, all connections together. */
  sent: () => number;
  received: () => number;
  /** Whether the cut has happened. */
  cut: () => boolean;
  /** Connections accepted so far, by what was done with them. */
  accepted: () => Record<ProxyMode, number>;
  /** Resolves once this many connections have been accepted in all. */
  whenAccepted(count: number): Promise<void>;
  /** Sets what happens to new connections; a function decides for each as it arrives. */
  setMode(mode: ProxyMode | (() => ProxyMode)): void;
  /** Destroys every open connection (the network dropped). */
  dropAll(): void;
  /** Stops forwarding on every open connection, both ways, without closing it (a half-open path). */
  freezeAll(): void;
  close(): Promise<void>;
}

/** Forwards to target (host:port); with `cutAfterBytes`, destroys the connection that crosses it, once. */
export async function startTcpProxy(target: URL, options: { cutAfterBytes?: number } = {}): Promise<TcpProxy> {
  let sent = 0;
  let received = 0;
  let done = false;
  let mode: ProxyMode | (() => ProxyMode) = 'forward';
  const accepted: Record<ProxyMode, number> = { forward: 0, refuse: 0, hold: 0 };
  const sockets = new Set<net.Socket>();
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const total = () => accepted.forward + accepted.refuse + accepted.hold;
  const frozen = new WeakSet<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = net.createServer((client) => {
    const decided = typeof mode === 'function' ? mode() : mode;
    accepted[decided]++;
    for (const waiter of waiters.filter((entry) => total() >= entry.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    if (decided === 'refuse') return void client.destroy();
    track(client);
    if (decided === 'hold') {
      // Read and drop whatever comes: the other side never hears back.
      client.on('data', () => {});
      client.on('error', () => client.destroy());
      return;
    }
    const upstream = net.connect(Number(target.port), target.hostname);
    track(upstream);
    for (const socket of [client, upstream]) socket.on('error', () => { client.destroy(); upstream.destroy(); });
    client.on('data', (chunk: Buffer) => {
      if (frozen.has(client)) return;
      sent += chunk.length;
      if (!done && options.cutAfterBytes !== undefined && sent >= options.cutAfterBytes) {
        done = true;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (frozen.has(client)) return;
      received += chunk.length;
      client.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent: () => sent,
    received: () => received,
    cut: () => done,
    accepted: () => ({ ...accepted }),
    whenAccepted: (count) => (total() >= count ? Promise.resolve() : new Promise((resolve) => { waiters.push({ count, resolve }); })),
    setMode(next) { mode = next; },
    dropAll() { for (const socket of sockets) socket.destroy(); },
    freezeAll() { for (const socket of sockets) frozen.add(socket); },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
