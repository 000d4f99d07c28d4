/**
 * `node out/bench/logs.js`: a log view over 100 MB of logs, against the real engine. A container
 * writes 1 000 000 lines of 100 bytes and exits; then, through the same code a view uses (follow
 * session → mux → spool): time to the first line, to the last, a window read where a scroll lands,
 * a search, and the memory in use. `docker logs` reading the same log is the reference. Prints a table.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../src/engine/client';
import { parseDockerHost } from '../src/engine/endpoint';
import { LogFollowSession } from '../src/logs/logFollowSession';
import { LogMux } from '../src/logs/logMux';
import { LogSpool } from '../src/logs/logSpool';
import { TEST_IMAGE, waitFor } from '../test/support/docker';
import { DOCKER, printTable, type Row } from './table';
import { percentile } from './stats';


const LINES = 1_000_000;
const ms = (v: number): string => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MiB`;
const inUse = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;

async function openView(client: EngineClient, id: string, tail: number | 'all', until: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-bench-logs-'));
  const spool = new LogSpool(dir);
  const started = performance.now();
  let first = 0;
  const mux = new LogMux((r) => {
    if (first === 0) first = performance.now() - started;
    spool.append(r);
  });
  const session = new LogFollowSession(client, { kind: 'container', id, name: 'bench' }, { tail }, mux);
  const done = session.run();
  let peak = inUse();
  const sampler = setInterval(() => (peak = Math.max(peak, inUse())), 20);
  await waitFor('the last line', () => spool.lineCount >= until, 120_000, 5);
  clearInterval(sampler);
  const last = performance.now() - started;
  return {
    spool,
    first,
    last,
    peak,
    close: async () => {
      session.dispose();
      await done;
      spool.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const name = `berth-bench-logs-${process.pid}`;
  const id = execFileSync(DOCKER, ['run', '-d', '--name', name, '--network', 'none', '--label', 'berth.bench=logs', TEST_IMAGE, 'sh', '-c', `seq -w 1 ${LINES} | sed 's/$/ ${'x'.repeat(92)}/'`], { encoding: 'utf8' }).trim();
  const client = new EngineClient(parseDockerHost('unix:///var/run/docker.sock', { source: 'default', contextName: 'default' }), { requestTimeoutMs: 30_000 });
  const rows: Row[] = [];
  try {
    execFileSync(DOCKER, ['wait', id]);
    const cliStart = performance.now();
    execFileSync(DOCKER, ['logs', id], { stdio: 'ignore' });
    const cli = performance.now() - cliStart;

    const recent = await openView(client, id, 1000, 1000);
    rows.push({ measure: 'view of 100 MB, tail 1000: first line', value: ms(recent.first), target: '≤ 500 ms', ok: recent.first <= 500 });
    rows.push({ measure: '  all 1000 lines', value: ms(recent.last), target: '≤ 1 s', ok: recent.last <= 1000 });
    await recent.close();

    const before = inUse();
    const all = await openView(client, id, 'all', LINES);
    rows.push({ measure: 'view of 100 MB, everything: first line', value: ms(all.first), target: '≤ 500 ms', ok: all.first <= 500 });
    rows.push({ measure: '  last of 1 000 000 lines (spooled, indexed)', value: ms(all.last), target: '≤ 20 s', ok: all.last <= 20_000 });
    rows.push({ measure: '  docker logs > /dev/null, same log (reference)', value: ms(cli), target: '', ok: undefined });
    rows.push({ measure: '  memory in use above the start, peak (heap + buffers)', value: mib(all.peak - before), target: '≤ 96 MiB', ok: all.peak - before <= 96 * 1048576 });
    rows.push({ measure: '  line index in memory (text stays on disk)', value: mib(all.spool.indexBytes), target: '', ok: undefined });

    const reads: number[] = [];
    for (let i = 0; i < 200; i++) {
      const start = Math.floor(Math.random() * (LINES - 200));
      const t = performance.now();
      all.spool.readLines(start, 150);
      reads.push(performance.now() - t);
    }
    rows.push({ measure: 'scroll: read a 150-line window anywhere, median', value: ms(percentile(reads, 50)), target: '≤ 16 ms', ok: percentile(reads, 50) <= 16 });
    rows.push({ measure: '  p95', value: ms(percentile(reads, 95)), target: '≤ 16 ms', ok: percentile(reads, 95) <= 16 });

    const t = performance.now();
    const found = await all.spool.search('0999999 x');
    const search = performance.now() - t;
    rows.push({ measure: `search all 100 MB (${found.matches.length} match)`, value: ms(search), target: '≤ 3 s', ok: search <= 3000 && found.matches.length === 1 });
    await all.close();
  } finally {
    client.dispose();
    execFileSync(DOCKER, ['rm', '-f', id], { stdio: 'ignore' });
  }
  printTable(rows);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
