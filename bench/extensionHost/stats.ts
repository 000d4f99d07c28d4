/**
 * The stats panel's cost, measured inside the real extension host with its webview drawn in the
 * real workbench: 20 containers shown (three of them busy), for `seconds` per phase —
 *   - the extension host's CPU and the messages it posts to the webview (count and bytes);
 *   - the daemon's own CPU (dockerd + containerd + every containerd-shim, read from /proc) with
 *     Berth's panel open, and with `docker stats` on the same containers instead, alternating,
 *     `rounds` times, so the two are compared on the same machine in the same minutes;
 *   - the webview's render time per tick with 20 and with 30 containers;
 *   - how long after the engine comes back samples flow again (the engine cut by a socket proxy).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { HostMessage, WebviewMessage } from '../../src/shared/protocol';
import type { StatsPanel } from '../../src/stats/statsPanel';
import { SERVICE_CMD, TEST_IMAGE, docker, waitFor } from '../../test/support/docker';
import { startUnixProxy } from '../../test/support/socketProxy';

export interface StatsPhase {
  seconds: number;
  /** CPU time of the daemon's processes, in % of one core. */
  daemonCpuPercent: number;
  /** CPU time of the extension host (Berth's phase) or of the docker CLI (docker stats's), in % of one core. */
  clientCpuPercent: number;
}

export interface StatsBenchResult {
  containers: number;
  busy: number;
  idle: StatsPhase;
  berth: StatsPhase[];
  dockerStats: StatsPhase[];
  messagesPerSecond: number;
  bytesPerMessage: number;
  ticksPerSecond: number;
  /** One report per round: a single round's p95 is three slow frames, easily another process's doing on 2 cores. */
  render20: RenderReport[];
  render30: RenderReport;
  recoverySeconds: number;
}

type RenderReport = Omit<Extract<WebviewMessage, { type: 'renderReport' }>, 'type'>;

const LABEL = 'berth.bench.stats';
const CLOCK_TICKS = 100; // USER_HZ on Linux
const DAEMON = /^(dockerd|containerd|containerd-shim.*)$/;

/** utime + stime of every daemon process, in clock ticks, by pid. */
function daemonTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      if (!DAEMON.test(comm)) continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks;
}

function processTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Daemon CPU over `seconds` (processes that ran through the whole phase), with `client` measured alongside. */
async function measure(seconds: number, client: () => number): Promise<StatsPhase> {
  const before = daemonTicks();
  const clientBefore = client();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const elapsed = (performance.now() - t0) / 1000;
  const after = daemonTicks();
  let used = 0;
  for (const [pid, ticks] of after) if (before.has(pid)) used += ticks - before.get(pid)!;
  return { seconds: elapsed, daemonCpuPercent: (used / CLOCK_TICKS / elapsed) * 100, clientCpuPercent: ((client() - clientBefore) / elapsed) * 100 };
}

/** With BERTH_BENCH_PROFILE set, a CPU profile of the extension host during `run`, saved there (open it in Chrome's DevTools). */
async function profiled<T>(run: () => Promise<T>): Promise<T> {
  const file = process.env.BERTH_BENCH_PROFILE;
  if (!file) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

/** The extension host's own CPU time so far, in seconds. */
function hostCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

async function openPanel(api: BerthApi, ids: readonly string[]): Promise<{ panel: StatsPanel; posted: HostMessage[] }> {
  const client = api.engineClient()!;
  const list = await client.containers.list({ ids });
  const rows = list.map((container) => ({ kind: 'container', container }));
  await vscode.commands.executeCommand('berth.stats.show', rows[0], rows);
  const panel = await waitFor('the stats panel', () => api.stats.current, 15_000);
  const posted: HostMessage[] = [];
  panel.controller.onDidPost((m) => posted.push(m));
  await waitFor(`samples for all ${ids.length}`, () => posted.some((m) => m.type === 'tick' && ids.every((id) => m.rows[id])), 60_000, 100);
  return { panel, posted };
}

async function renderReport(panel: StatsPanel): Promise<RenderReport> {
  const report = new Promise<RenderReport>((resolve) => {
    const sub = panel.controller.onRenderReport((r) => {
      sub.dispose();
      const { type: _type, ...rest } = r;
      resolve(rest);
    });
  });
  await panel.panel.webview.postMessage({ type: 'reportRender' } satisfies HostMessage);
  return Promise.race([report, sleep(10_000).then(() => ({ renders: 0, p50Ms: NaN, p95Ms: NaN, maxMs: NaN }))]);
}

/** Runs `docker stats` on `ids` for the phase, its output drained, and measures the daemon meanwhile. */
async function dockerStatsPhase(ids: readonly string[], seconds: number): Promise<StatsPhase> {
  const cli = spawn(process.env.BERTH_DOCKER_CLI || '/usr/bin/docker', ['stats', '--format', '{{.ID}} {{.CPUPerc}} {{.MemUsage}}', ...ids], { stdio: ['ignore', 'pipe', 'ignore'] });
  cli.stdout.resume();
  try {
    await sleep(2000); // Its streams open and settle, as the panel's do before its phase.
    return await measure(seconds, () => processTicks(cli.pid!) / CLOCK_TICKS);
  } finally {
    cli.kill();
  }
}

/** From the engine coming back (the proxy listening again) to samples of both containers. */
async function recovery(api: BerthApi, ids: readonly string[]): Promise<number> {
  const proxy = await startUnixProxy(path.join(tmpdir(), `berth-bench-stats-${process.pid}.sock`));
  const config = vscode.workspace.getConfiguration('berth');
  try {
    await config.update('host', `unix://${proxy.path}`, vscode.ConfigurationTarget.Global);
    await waitFor('connected through the proxy', () => api.engineState().kind === 'connected' && proxy.requests > 0, 15_000);
    const { panel, posted } = await openPanel(api, ids);
    await proxy.cut();
    await waitFor('unreachable', () => api.engineState().kind === 'unreachable', 15_000);
    await sleep(3000);
    const from = posted.length;
    const restored = performance.now();
    await proxy.restore();
    await waitFor('samples again', () => posted.slice(from).some((m) => m.type === 'tick' && ids.every((id) => m.rows[id])), 60_000, 20);
    const seconds = (performance.now() - restored) / 1000;
    panel.dispose();
    return seconds;
  } finally {
    await config.update('host', undefined, vscode.ConfigurationTarget.Global);
    await proxy.close();
    rmSync(proxy.path, { force: true });
  }
}

export async function statsBench(api: BerthApi, seconds: number, rounds: number): Promise<StatsBenchResult> {
  const busy = 3;
  const ids: string[] = [];
  // The harness launches VS Code without its port scan (test/harness/codeServer.ts): none of it is Berth's.
  try {
    // A run that was killed left its containers: they would be 30 more in every listing.
    const leftovers = (await docker(['ps', '-aq', '--filter', `label=${LABEL}=1`])).split(/\s+/).filter(Boolean);
    if (leftovers.length > 0) await docker(['rm', '-f', ...leftovers], { timeoutMs: 120_000 });
    for (let i = 0; i < 30; i++) {
      // The busy ones are capped at a quarter core each, so the machine (2 cores) is not saturated and the daemon's share stays measurable.
      const cmd = i < busy ? ['--cpus', '0.25', TEST_IMAGE, 'sh', '-c', 'while :; do :; done'] : [TEST_IMAGE, ...SERVICE_CMD];
      // No network: the cost measured is the stats machinery's, and the run does not depend on the engine's bridge.
      ids.push(await docker(['run', '-d', '--network', 'none', '--label', `${LABEL}=1`, ...cmd]));
    }
    const shown = ids.slice(0, 20);
    // Let the Containers view settle after 30 creations, then measure doing nothing, as long as a phase.
    await sleep(5000);
    const idle = await measure(seconds, hostCpuSeconds);

    const berth: StatsPhase[] = [];
    const dockerStats: StatsPhase[] = [];
    let messages = 0;
    let bytes = 0;
    let ticks = 0;
    let messageSeconds = 0;
    const render20: RenderReport[] = [];
    for (let round = 0; round < rounds; round++) {
      const { panel, posted } = await openPanel(api, shown);
      await sleep(2000);
      // Renders from here on: the charts are built and every stream is live.
      await renderReport(panel);
      const from = posted.length;
      const phase = round === 0 ? await profiled(() => measure(seconds, hostCpuSeconds)) : await measure(seconds, hostCpuSeconds);
      const during = posted.slice(from);
      messages += during.length;
      ticks += during.filter((m) => m.type === 'tick').length;
      bytes += during.reduce((n, m) => n + JSON.stringify(m).length, 0);
      messageSeconds += phase.seconds;
      berth.push(phase);
      render20.push(await renderReport(panel));
      panel.dispose();
      await waitFor('the panel closed', () => api.stats.current === undefined && panel.controller.openStreams === 0, 10_000);
      dockerStats.push(await dockerStatsPhase(shown, seconds));
    }

    const { panel } = await openPanel(api, ids);
    await sleep(2000);
    await renderReport(panel);
    // As long as a phase above: a p95 of 30 renders is their second slowest, mostly noise.
    await sleep(seconds * 1000);
    const render30 = await renderReport(panel);
    panel.dispose();

    const recoverySeconds = await recovery(api, ids.slice(0, 2));
    return {
      containers: shown.length,
      busy,
      idle,
      berth,
      dockerStats,
      messagesPerSecond: messages / messageSeconds,
      bytesPerMessage: messages > 0 ? bytes / messages : 0,
      ticksPerSecond: ticks / messageSeconds,
      render20,
      render30,
      recoverySeconds,
    };
  } finally {
    api.stats.current?.dispose();
    if (ids.length > 0) await docker(['rm', '-f', ...ids], { timeoutMs: 120_000 });
  }
}
