// A TCP proxy in front of a server that drops the connection once, in the middle of a body: a
// client's network failing at a known byte, to see the client resume.
import net from 'node:net';

export interface CuttingProxy {
  url: string;
  /** Bytes clients sent through, all connections together. */
  bytesUp: () => number;
  /** Whether the cut has happened. */
  cut: () => boolean;
  close(): Promise<void>;
}

/** Forwards to target (host:port); after `cutAfterBytes` sent by clients, destroys that connection, once. */
export async function startCuttingProxy(target: URL, cutAfterBytes: number): Promise<CuttingProxy> {
  let up = 0;
  let done = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.on('data', (chunk: Buffer) => {
      up += chunk.length;
      if (!done && up >= cutAfterBytes) {
        done = true;
        client.destroy();
        upstream.destroy();
        return;
      }
      if (!upstream.write(chunk)) client.pause();
    });
    upstream.on('drain', () => client.resume());
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bytesUp: () => up,
    cut: () => done,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
