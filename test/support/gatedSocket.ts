/**
 * Fault injection: a unix socket whose file exists but which answers no engine until the test
 * opens it, as a daemon does while it starts. Until open() every connection is accepted and
 * closed at once; after it, connections are piped to the real engine, so every byte a client then
 * reads comes from it. Each connection is logged with its time, so a test can tell which attempt
 * got through and when.
 */
import { rmSync } from 'node:fs';
import * as net from 'node:net';

export interface GatedSocket {
  readonly path: string;
  /** Every connection so far, in order: when it came (performance.now()) and whether it reached the engine. */
  readonly connections: readonly { at: number; forwarded: boolean }[];
  /** From now on, connections reach the engine. */
  open(): void;
  close(): Promise<void>;
}

export async function startGatedSocket(listenPath: string, target = '/var/run/docker.sock'): Promise<GatedSocket> {
  const live = new Set<net.Socket>();
  const connections: { at: number; forwarded: boolean }[] = [];
  let forwarding = false;
  const server = net.createServer((client) => {
    connections.push({ at: performance.now(), forwarded: forwarding });
    if (!forwarding) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target);
    for (const socket of [client, upstream]) {
      live.add(socket);
      socket.on('error', () => undefined).on('close', () => {
        live.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  rmSync(listenPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPath, () => resolve());
  });
  return {
    path: listenPath,
    connections,
    open: () => {
      forwarding = true;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of live) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
