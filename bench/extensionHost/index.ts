/**
 * Measurements taken inside the real extension host (code-server's VS Code) against the real
 * engine. BERTH_BENCH_MODE=activate reports only activate()'s time (one figure per launch);
 * `explorer` measures each explorer view's refresh with many objects (./explorerRefresh.ts); `full`
 * does that too, and measures idle engine traffic. (Engine change → rendered
 * row is measured in the page, where the row is drawn: ../rowLatency.ts.) `stats` measures the stats
 * panel against `docker stats` (./stats.ts); `swarm` the Swarm view's refresh on the testbed's swarm
 * (./swarmRefresh.ts).
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tmpdir } from 'node:os';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { LiveViewId } from '../../src/explorer/explorer';
import { Views } from '../../src/ids';
import { waitFor } from '../../test/support/docker';
import { startUnixProxy } from '../../test/support/socketProxy';
import { statsBench, type StatsBenchResult } from './stats';
import { cachedRebuilds, type CachedRebuildTimes } from './buildBench';
import { swarmRefresh, type SwarmRefreshResult } from './swarmRefresh';
import { explorerRefreshes, type ExplorerRefreshResult } from './explorerRefresh';

export interface HostBenchResult {
  activationMs: number;
  /** Loading (parsing and evaluating) the bundle, as VS Code does before calling activate(). */
  bundleLoadMs: number;
  /** Every explorer view's refresh with many objects (./explorerRefresh.ts). */
  explorer?: ExplorerRefreshResult;
  idleRequestsPerMinute?: number;
  idleSeconds?: number;
  stats?: StatsBenchResult;
  /** A rebuild with every step cached, through Berth and through the CLI. */
  cachedRebuild?: CachedRebuildTimes;
  /** The Swarm view's refresh with 50 services and 200 tasks (mode `swarm`). */
  swarmRefresh?: SwarmRefreshResult;
}

const IDLE_VIEWS: readonly LiveViewId[] = [Views.containers, Views.images, Views.networks, Views.volumes, Views.system];

/** Points Berth at a counting proxy in front of the real engine and counts its requests while nothing happens. */
async function idleRequests(api: BerthApi, seconds: number): Promise<number> {
  const proxy = await startUnixProxy(path.join(tmpdir(), `berth-bench-${process.pid}.sock`));
  const config = vscode.workspace.getConfiguration('berth');
  try {
    await config.update('host', `unix://${proxy.path}`, vscode.ConfigurationTarget.Global);
    await waitFor('connected through the proxy', () => api.engineState().kind === 'connected' && proxy.requests > 0, 15_000);
    // Every view open and read once: none of them may read again while nothing happens.
    for (const view of IDLE_VIEWS) {
      await vscode.commands.executeCommand(`${view}.focus`);
      await api.view(view).refreshNow();
    }
    // Let the version read and the first listing finish, then count.
    await new Promise((r) => setTimeout(r, 1000));
    const before = proxy.requests;
    await new Promise((r) => setTimeout(r, seconds * 1000));
    return ((proxy.requests - before) * 60) / seconds;
  } finally {
    await config.update('host', undefined, vscode.ConfigurationTarget.Global);
    await proxy.close();
  }
}

/** Requires a fresh copy of the bundle: the part of activation VS Code spends before activate(). */
function bundleLoadMs(extensionPath: string): number {
  const copy = path.join(tmpdir(), `berth-bundle-${process.pid}.js`);
  copyFileSync(path.join(extensionPath, 'dist', 'extension.js'), copy);
  const t = performance.now();
  require(copy);
  return performance.now() - t;
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<BerthApi>('berth-dev.berth')!;
  const api = (await extension.activate()) as BerthApi;
  const result: HostBenchResult = { activationMs: api.activationMs, bundleLoadMs: bundleLoadMs(extension.extensionPath) };
  const mode = process.env.BERTH_BENCH_MODE;
  if (mode === 'full' || mode === 'explorer') {
    await vscode.commands.executeCommand('berth.containers.focus');
    await waitFor('connected', () => api.engineState().kind === 'connected', 30_000);
    result.explorer = await explorerRefreshes(api);
  }
  if (mode === 'full') {
    result.idleSeconds = Number(process.env.BERTH_BENCH_IDLE_SECONDS || 20);
    result.idleRequestsPerMinute = await idleRequests(api, result.idleSeconds);
  }
  if (process.env.BERTH_BENCH_MODE === 'stats') {
    await vscode.commands.executeCommand('berth.containers.focus');
    await waitFor('connected', () => api.engineState().kind === 'connected', 30_000);
    result.stats = await statsBench(api, Number(process.env.BERTH_BENCH_STATS_SECONDS || 60), Number(process.env.BERTH_BENCH_STATS_ROUNDS || 3));
  }
  if (process.env.BERTH_BENCH_MODE === 'swarm') {
    // DOCKER_HOST points this host at swarm node 1, which BERTH_BENCH_SWARM_NODE describes.
    await vscode.commands.executeCommand(`${Views.swarm}.focus`);
    await waitFor('connected', () => api.engineState().kind === 'connected', 30_000);
    result.swarmRefresh = await swarmRefresh(api, JSON.parse(process.env.BERTH_BENCH_SWARM_NODE!), process.env.BERTH_BENCH_SWARM_IMAGE!, 15);
  }
  if (process.env.BERTH_BENCH_MODE === 'full' || process.env.BERTH_BENCH_MODE === 'build') {
    await vscode.commands.executeCommand('berth.containers.focus');
    await waitFor('connected', () => api.engineState().kind === 'connected', 30_000);
    result.cachedRebuild = await cachedRebuilds(Number(process.env.BERTH_BENCH_BUILD_ROUNDS || 10));
  }
  writeFileSync(process.env.BERTH_BENCH_OUT!, JSON.stringify(result));
  if (process.env.BERTH_TEST_REPORT) {
    writeFileSync(process.env.BERTH_TEST_REPORT, JSON.stringify({ passed: 1, failed: 0, pending: 0, failures: [], runId: process.env.BERTH_TEST_RUN_ID }));
  }
}
