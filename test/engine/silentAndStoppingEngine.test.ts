/**
 * Two ways an engine can leave Berth believing the wrong thing: one that accepts a connection
 * and never answers, and a daemon that is stopping. Both are faults the real daemon cannot
 * produce on demand while it keeps serving the other tests: a listening socket that never
 * answers stands in for a hung engine, and a proxy in front of the real daemon that stops
 * accepting while its open connections flow on does what a stopping dockerd does (it removes its
 * socket at once, and serves open event streams until its containers have stopped). The outage
 * layer shows the latter with the real daemon.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parseDockerHost } from '../../src/engine/endpoint';
import { EngineConnection } from '../../src/engine/engineConnection';
import { waitFor } from '../support/docker';
import { startTcpProxy, startUnixProxy, type SocketProxy } from '../support/socketProxy';

const run = promisify(execFile);
/** So long that only the code under test, never the backoff timer, can bring a reconnect. */
const NO_BACKOFF = { initialMs: 600_000, maxMs: 600_000 };

function connectionTo(host: string, requestTimeoutMs: number): EngineConnection {
  return new EngineConnection(parseDockerHost(host, { source: 'setting', contextName: 'default' }), { requestTimeoutMs, backoff: NO_BACKOFF });
}

/** How many connections through the proxy were still open when Berth first said "unreachable". */
function openWhenUnreachable(connection: EngineConnection, proxy: SocketProxy): () => number | undefined {
  let open: number | undefined;
  connection.onDidChangeState((s) => {
    if (s.kind === 'unreachable' && open === undefined) open = proxy.openConnections;
  });
  return () => open;
}

describe('an engine that accepts the connection and never answers', () => {
  let server: net.Server;
  let port: number;
  const accepted: net.Socket[] = [];
  let connection: EngineConnection | undefined;

  before(async () => {
    // Accepts, reads (so it sees the client hang up), never writes a byte.
    server = net.createServer((socket) => accepted.push(socket.resume()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as net.AddressInfo).port;
  });
  afterEach(() => {
    connection?.dispose();
    connection = undefined;
    for (const s of accepted.splice(0)) s.destroy();
  });
  after(() => server.close());

  it('is not "connecting" forever: the event stream gives up waiting for headers and says the engine did not answer', async () => {
    connection = connectionTo(`tcp://127.0.0.1:${port}`, 500);
    connection.start();
    await waitFor('the timeout state', () => connection!.state.kind === 'timeout', 15_000);
    const state = connection.state;
    assert.ok(state.kind === 'timeout' && /did not answer within 0.5 s/.test(state.error.message), JSON.stringify(state));
  });

  it('Retry gives up the pending connect and dials again', async () => {
    connection = connectionTo(`tcp://127.0.0.1:${port}`, 600_000);
    connection.start();
    await waitFor('the first connect', () => accepted.length === 1);
    const first = accepted[0]!;
    const firstClosed = new Promise<void>((resolve) => first.once('close', () => resolve()));
    connection.retry();
    await waitFor('a second connect after Retry', () => accepted.length === 2);
    await firstClosed;
    assert.equal(connection.state.kind, 'connecting');
  });

  it('turns TCP keepalive on, over TLS too, so a stream whose remote vanished (half-open) ends', async () => {
    for (const tls of [undefined, { verify: false }]) {
      const endpoint = parseDockerHost(`tcp://127.0.0.1:${port}`, { source: 'setting', contextName: 'default', ...(tls ? { tls } : {}) });
      connection = new EngineConnection(endpoint, { requestTimeoutMs: 600_000, backoff: NO_BACKOFF });
      connection.start();
      await waitFor('the connect', () => accepted.length === 1);
      const local = accepted[0]!.remotePort;
      // ss shows the kernel's keepalive timer on Berth's side of the connection.
      const { stdout } = await run('ss', ['-tnoH', 'state', 'established', `( sport = :${local} )`]);
      assert.match(stdout, /timer:\(keepalive,/, `${tls ? 'TLS' : 'plain'}: ${stdout}`);
      connection.dispose();
      for (const s of accepted.splice(0)) s.destroy();
    }
  });
});

describe('a daemon that is stopping', () => {
  let dir: string;
  let proxy: SocketProxy | undefined;
  let connection: EngineConnection | undefined;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-stopping-'));
  });
  afterEach(async () => {
    connection?.dispose();
    connection = undefined;
    await proxy?.close();
    proxy = undefined;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a local socket that disappears means unreachable at once, while the old event stream still flows; its return reconnects', async () => {
    const unix = await startUnixProxy(path.join(dir, 'docker.sock'));
    proxy = unix;
    connection = connectionTo(`unix://${unix.path}`, 5000);
    const streamOpen = openWhenUnreachable(connection, unix);
    connection.start();
    await waitFor('connected', () => connection!.state.kind === 'connected');
    await unix.refuseNew();
    await waitFor('unreachable after the socket was removed (no request made)', () => connection!.state.kind === 'unreachable', 5000);
    const state = connection.state;
    assert.ok(state.kind === 'unreachable' && state.error.message.includes(unix.path), JSON.stringify(state));
    assert.ok(streamOpen()! > 0, 'Berth said so while the old event stream was still open');
    await unix.restore();
    await waitFor('connected again when the socket is back (the backoff is 10 minutes)', () => connection!.state.kind === 'connected', 10_000);
  });

  it('a request that finds nothing listening means unreachable at once, while the old event stream still flows', async () => {
    const tcp = await startTcpProxy();
    proxy = tcp;
    connection = connectionTo(`tcp://127.0.0.1:${tcp.port}`, 5000);
    const streamOpen = openWhenUnreachable(connection, tcp);
    connection.start();
    await waitFor('connected', () => connection!.state.kind === 'connected');
    await tcp.refuseNew();
    // A stopping dockerd still answers on a kept-alive connection it already has (seen with 20.10),
    // and the client keeps at most one from the version read: of three listings at once, at least
    // two need a new connection, and find nothing listening.
    const listings = await Promise.allSettled([1, 2, 3].map(() => connection!.client.containers.list()));
    assert.ok(listings.some((l) => l.status === 'rejected' && /not reachable/.test(String(l.reason))), JSON.stringify(listings.map((l) => l.status)));
    assert.equal(connection.state.kind, 'unreachable', 'the failed listing said so');
    assert.ok(streamOpen()! > 0, 'Berth said so while the old event stream was still open');
  });
});
