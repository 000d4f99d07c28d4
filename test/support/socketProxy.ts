/**
 * A unix-socket proxy in front of the real daemon, used ONLY to inject faults the real engine
 * cannot produce on demand while it keeps running: a dropped connection, a refused connect.
 * Every byte still comes from the real engine. (TLS is tested against a real TLS dockerd: tlsDaemon.ts.)
 */
import { rmSync } from 'node:fs';
import * as net from 'node:net';
import { HttpRequestCounter } from './httpRequests';

export interface SocketProxy {
  readonly path: string;
  /** Drops every live connection and stops listening (clients get ENOENT). */
  cut(): Promise<void>;
  /** Listens again. */
  restore(): Promise<void>;
  close(): Promise<void>;
  /** HTTP requests clients have sent through the proxy so far (the benchmark counts idle traffic). */
  readonly requests: number;
}

function pipeTo(target: string, client: net.Socket, live: Set<net.Socket>, tap?: (chunk: Buffer) => void): void {
  const upstream = net.connect(target);
  if (tap) client.on('data', tap);
  live.add(client);
  live.add(upstream);
  const drop = (): void => {
    client.destroy();
    upstream.destroy();
    live.delete(client);
    live.delete(upstream);
  };
  client.on('error', drop).on('close', drop);
  upstream.on('error', drop).on('close', drop);
  client.pipe(upstream).pipe(client);
}

export async function startUnixProxy(listenPath: string, target = '/var/run/docker.sock'): Promise<SocketProxy> {
  const live = new Set<net.Socket>();
  let server: net.Server | undefined;
  let requests = 0;
  // One parser per connection: a request's bytes may arrive in any number of chunks.
  const tap = (): ((chunk: Buffer) => void) => {
    const counter = new HttpRequestCounter();
    return (chunk) => (requests += counter.push(chunk));
  };
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      rmSync(listenPath, { force: true });
      server = net.createServer((client) => pipeTo(target, client, live, tap()));
      server.once('error', reject);
      server.listen(listenPath, () => resolve());
    });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      for (const s of live) s.destroy();
      live.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  await listen();
  return {
    path: listenPath,
    cut: stop,
    restore: listen,
    close: stop,
    get requests() {
      return requests;
    },
  };
}
