/**
 * A unix-socket (or loopback TCP) proxy in front of the real daemon, used ONLY to inject faults
 * the real engine cannot produce on demand while it keeps running: a dropped connection, a
 * refused connect; and to count what a client has open. Every byte still comes from the real
 * engine. (TLS is tested against a real TLS dockerd: tlsDaemon.ts.)
 */
import { rmSync } from 'node:fs';
import * as net from 'node:net';
import { HttpRequestCounter } from './httpRequests';

export interface SocketProxy {
  /** Drops every live connection and stops listening (clients get ENOENT). */
  cut(): Promise<void>;
  /**
   * Stops listening but keeps the live connections, as a stopping dockerd does: new connects
   * fail (a unix socket's file is removed: ENOENT; a TCP port: ECONNREFUSED), open streams flow on.
   */
  refuseNew(): Promise<void>;
  /** Listens again. */
  restore(): Promise<void>;
  /** Connections (client and upstream sides) still open through the proxy. */
  readonly openConnections: number;
  /** The latest request (`GET /containers/…/stats`) of every client connection open now, an idle kept-alive one included. */
  openRequests(): string[];
  close(): Promise<void>;
  /** HTTP requests clients have sent through the proxy so far (the benchmark counts idle traffic). */
  readonly requests: number;
  /** Of those, how many had a request line (`GET /v1.41/containers/ID/json`) that matches `pattern`. */
  requestsMatching(pattern: RegExp): number;
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

export type UnixSocketProxy = SocketProxy & { readonly path: string };
export type TcpSocketProxy = SocketProxy & { readonly port: number };

export function startUnixProxy(listenPath: string, target = '/var/run/docker.sock'): Promise<UnixSocketProxy> {
  return startProxy({ path: listenPath }, target) as Promise<UnixSocketProxy>;
}

/** The same proxy on a loopback TCP port (plain HTTP), for faults that show only over TCP. */
export function startTcpProxy(target = '/var/run/docker.sock'): Promise<TcpSocketProxy> {
  return startProxy({ host: '127.0.0.1', port: 0 }, target) as Promise<TcpSocketProxy>;
}

async function startProxy(where: { path: string } | { host: string; port: number }, target: string): Promise<SocketProxy & { readonly port?: number }> {
  const live = new Set<net.Socket>();
  let server: net.Server | undefined;
  let requests = 0;
  const requestLines: string[] = [];
  // One parser per connection: a request's bytes may arrive in any number of chunks.
  const clients = new Map<net.Socket, HttpRequestCounter>();
  const tap = (client: net.Socket): ((chunk: Buffer) => void) => {
    const counter = new HttpRequestCounter();
    clients.set(client, counter);
    client.on('close', () => clients.delete(client));
    return (chunk) => {
      const completed = counter.push(chunk);
      requests += completed;
      if (completed > 0) requestLines.push(...counter.requests.slice(-completed));
    };
  };
  let port = 'port' in where ? where.port : 0;
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      if ('path' in where) rmSync(where.path, { force: true });
      server = net.createServer((client) => pipeTo(target, client, live, tap(client)));
      server.once('error', reject);
      // A TCP proxy comes back on the same port, as a restarted daemon would.
      server.listen('path' in where ? where.path : { host: where.host, port }, () => {
        if (!('path' in where)) port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      for (const s of live) s.destroy();
      live.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  // close() stops listening at once (and removes a unix socket's file); its callback would wait for the live connections.
  const refuseNew = async (): Promise<void> => {
    server?.close();
    server = undefined;
  };
  await listen();
  return {
    ...('path' in where ? { path: where.path } : {}),
    get port() {
      return port;
    },
    cut: stop,
    refuseNew,
    restore: listen,
    close: stop,
    get requests() {
      return requests;
    },
    requestsMatching: (pattern) => requestLines.filter((line) => pattern.test(line)).length,
    get openConnections() {
      return live.size;
    },
    openRequests: () => [...clients].filter(([client]) => !client.destroyed).map(([, counter]) => counter.requests.at(-1) ?? ''),
  };
}
