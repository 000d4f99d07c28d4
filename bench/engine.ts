/**
 * `node out/bench/engine.js`: how Berth's engine core copes with an engine that misbehaves or goes
 * away. Prints a table.
 *  - 50 MB of event stream without a newline through the line splitter (before: 16 s of CPU);
 *  - a daemon that is stopping: from SIGTERM to Berth saying "unreachable", beside the moment the
 *    old event stream closes, which is all Berth noticed before (target: ≤ 2 s);
 *  - an engine that accepts the connection and never answers: to Berth's "did not answer", and
 *    from Retry to a new connect (before: "connecting" forever, and Retry did nothing).
 * The stopping daemon is a second dockerd of the bench's own (its own folders and socket, in its
 * own network namespace so its bridge and iptables stay out of the host's), with one container
 * whose PID 1 ignores SIGTERM; the testbed's daemon is never touched. Starting one needs root.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseDockerHost } from '../src/engine/endpoint';
import { EngineConnection } from '../src/engine/engineConnection';
import { LineSplitter } from '../src/engine/jsonLines';
import { TEST_IMAGE, waitFor } from '../test/support/docker';
import { DOCKER, printTable, type Row } from './table';


const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 100 ? 3 : 2)} s`;

function lineSplitterRow(): Row {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const splitter = new LineSplitter();
  const cpu = process.cpuUsage();
  for (let sent = 0; sent < 50 * 1024 * 1024; sent += chunk.length) splitter.push(chunk);
  splitter.push('\n');
  const used = process.cpuUsage(cpu);
  const ms = (used.user + used.system) / 1000;
  return { measure: '50 MB of event stream without a newline: CPU (the line is dropped at 1 MiB)', value: `${ms.toFixed(0)} ms`, target: '≤ 1 s', ok: ms <= 1000 };
}

const connectionTo = (host: string, requestTimeoutMs: number): EngineConnection =>
  new EngineConnection(parseDockerHost(host, { source: 'setting', contextName: 'default' }), { requestTimeoutMs, backoff: { initialMs: 600_000, maxMs: 600_000 } });

/** A listening socket that accepts and never answers, standing in for a hung engine. */
async function silentEngineRows(requestTimeoutMs: number): Promise<Row[]> {
  const accepted: net.Socket[] = [];
  let acceptedAt = 0;
  const server = net.createServer((socket) => {
    accepted.push(socket.resume());
    acceptedAt = performance.now();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const host = `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  try {
    const hung = connectionTo(host, requestTimeoutMs);
    const started = performance.now();
    hung.start();
    await waitFor('the timeout state', () => hung.state.kind === 'timeout', requestTimeoutMs + 30_000, 5);
    const toTimeout = performance.now() - started;
    hung.dispose();

    const pending = connectionTo(host, 600_000);
    pending.start();
    await waitFor('the first connect', () => accepted.length === 2, 10_000, 1);
    const retried = performance.now();
    pending.retry();
    await waitFor('the connect after Retry', () => accepted.length === 3, 10_000, 1);
    const toRedial = acceptedAt - retried;
    pending.dispose();
    return [
      { measure: `engine accepts, never answers → "did not answer" (berth.requestTimeout ${requestTimeoutMs / 1000} s)`, value: seconds(toTimeout), target: 'the timeout', ok: toTimeout < requestTimeoutMs + 1000 },
      { measure: '  Retry while connecting → a new connect', value: `${toRedial.toFixed(1)} ms`, target: '≤ 100 ms', ok: toRedial <= 100 },
    ];
  } finally {
    for (const s of accepted) s.destroy();
    server.close();
  }
}

/** A second dockerd in its own folder and network namespace, with one running container that ignores SIGTERM. */
async function startOwnDaemon(folder: string): Promise<{ socket: string; pid: () => number }> {
  const socket = path.join(folder, 'docker.sock');
  const pidFile = path.join(folder, 'docker.pid');
  const daemon = spawn(
    'unshare',
    ['--net', '--fork', '--', 'dockerd', '--data-root', path.join(folder, 'data'), '--exec-root', path.join(folder, 'exec'), '--pidfile', pidFile, '-H', `unix://${socket}`],
    { stdio: 'ignore', detached: true },
  );
  daemon.unref();
  await waitFor('the bench daemon to answer', () => pingAnswers(socket), 60_000, 100);
  execFileSync('sh', ['-c', `"${DOCKER}" save ${TEST_IMAGE} | "${DOCKER}" -H "unix://${socket}" load`], { stdio: 'ignore' });
  // `sleep` as PID 1 ignores SIGTERM: the daemon's shutdown waits out the default 10 s stop timeout.
  execFileSync(DOCKER, ['-H', `unix://${socket}`, 'run', '-d', '--name', 'berth-bench-sleeper', TEST_IMAGE, 'sleep', '3600'], { stdio: 'ignore' });
  return { socket, pid: () => Number(readFileSync(pidFile, 'utf8')) };
}

function pingAnswers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ socketPath: socket, path: '/_ping' }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
  });
}

function alive(pid: number): boolean {
  try {
    return !/^State:\s+[ZX]/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

async function stoppingDaemonRows(): Promise<Row[]> {
  if (process.getuid?.() !== 0) return [{ measure: 'dockerd SIGTERM → Berth says unreachable', value: 'n/a', target: 'needs root to start its own dockerd' }];
  const folder = mkdtempSync(path.join(tmpdir(), 'berth-bench-dockerd-'));
  let pid = 0;
  try {
    const daemon = await startOwnDaemon(folder);
    pid = daemon.pid();
    const connection = connectionTo(`unix://${daemon.socket}`, 15_000);
    let unreachableAt = 0;
    connection.onDidChangeState((s) => {
      if (s.kind === 'unreachable' && unreachableAt === 0) unreachableAt = performance.now();
    });
    connection.start();
    await waitFor('connected', () => connection.state.kind === 'connected', 15_000);
    // A witness: an /events stream of the bench's own, served as Berth's was before it let go.
    let streamClosedAt = 0;
    await new Promise<void>((resolve, reject) => {
      const request = http.get({ socketPath: daemon.socket, path: '/events' }, (response) => {
        response.resume().on('close', () => (streamClosedAt = performance.now()));
        resolve();
      });
      request.on('error', reject);
    });
    const stoppedAt = performance.now();
    process.kill(pid, 'SIGTERM');
    await waitFor('the daemon to exit', () => !alive(pid), 60_000, 20);
    await waitFor('the old stream to close', () => streamClosedAt !== 0, 10_000, 5);
    connection.dispose();
    const toUnreachable = unreachableAt - stoppedAt;
    return [
      { measure: 'dockerd SIGTERM, one running container → Berth says unreachable', value: seconds(toUnreachable), target: '≤ 2 s', ok: unreachableAt !== 0 && toUnreachable <= 2000 },
      { measure: '  → the old /events stream closes (all Berth noticed before)', value: seconds(streamClosedAt - stoppedAt), target: '', ok: undefined },
    ];
  } finally {
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch (error) {
      console.error(`could not remove ${folder}: ${(error as Error).message}`);
    }
  }
}

async function main(): Promise<void> {
  const rows = [lineSplitterRow(), ...(await silentEngineRows(15_000)), ...(await stoppingDaemonRows())];
  printTable(rows);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
