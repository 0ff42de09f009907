// A TCP proxy in front of a server that counts the bytes each way and, when asked, drops the
// connection once at a known byte: a client's network failing mid-body, to see the client resume.
import net from 'node:net';

export interface TcpProxy {
  url: string;
  /** Bytes clients sent through / received back, all connections together. */
  sent: () => number;
  received: () => number;
  /** Whether the cut has happened. */
  cut: () => boolean;
  close(): Promise<void>;
}

/** Forwards to target (host:port); with `cutAfterBytes`, destroys the connection that crosses it, once. */
export async function startTcpProxy(target: URL, options: { cutAfterBytes?: number } = {}): Promise<TcpProxy> {
  let sent = 0;
  let received = 0;
  let done = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (!done && options.cutAfterBytes !== undefined && sent >= options.cutAfterBytes) {
        done = true;
        client.destroy();
        upstream.destroy();
      }
    });
    upstream.on('data', (chunk: Buffer) => { received += chunk.length; });
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent: () => sent,
    received: () => received,
    cut: () => done,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
