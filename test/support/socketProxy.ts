/**
 * A unix-socket proxy in front of the real daemon, used ONLY to inject faults the real engine
 * cannot produce on demand while it keeps running: a dropped connection, a refused connect,
 * a TLS front. Every byte still comes from the real engine.
 */
import { rmSync } from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';

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
  const tap = (chunk: Buffer): void => {
    requests += chunk.toString('latin1').match(/^(GET|POST|PUT|DELETE|HEAD) \/\S* HTTP\/1\.[01]\r$/gm)?.length ?? 0;
  };
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      rmSync(listenPath, { force: true });
      server = net.createServer((client) => pipeTo(target, client, live, tap));
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

/** A TLS listener on 127.0.0.1 forwarding to the real daemon: stands in for `dockerd --tlsverify`. */
export async function startTlsProxy(
  options: { key: Buffer; cert: Buffer; ca: Buffer; requireClientCert: boolean },
  target = '/var/run/docker.sock',
): Promise<{ port: number; readonly connections: number; close(): Promise<void> }> {
  const live = new Set<net.Socket>();
  let connections = 0;
  const server = tls.createServer(
    { key: options.key, cert: options.cert, ca: options.ca, requestCert: options.requireClientCert, rejectUnauthorized: options.requireClientCert },
    (client) => pipeTo(target, client, live),
  );
  server.on('connection', () => connections++);
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of live) s.destroy();
        server.close(() => resolve());
      }),
  };
}
