/**
 * Measurements taken inside the real extension host (code-server's VS Code) against the real
 * engine. BERTH_BENCH_MODE=activate reports only activate()'s time (one figure per launch);
 * `full` also measures a 200-container refresh and idle engine traffic. (Engine change → rendered
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
import { TEST_IMAGE, docker, waitFor } from '../../test/support/docker';
import { startUnixProxy } from '../../test/support/socketProxy';
import { statsBench, type StatsBenchResult } from './stats';
import { cachedRebuilds, type CachedRebuildTimes } from './buildBench';
import { swarmRefresh, type SwarmRefreshResult } from './swarmRefresh';

export interface HostBenchResult {
  activationMs: number;
  /** Loading (parsing and evaluating) the bundle, as VS Code does before calling activate(). */
  bundleLoadMs: number;
  list200EngineMs?: number[];
  refresh200Ms?: number[];
  idleRequestsPerMinute?: number;
  idleSeconds?: number;
  /** Refresh of the Images view with 200 more tags, and of the Volumes view with 100 more volumes (each measured 10 times). */
  refreshImagesMs?: number[];
  refreshVolumesMs?: number[];
  stats?: StatsBenchResult;
  /** A rebuild with every step cached, through Berth and through the CLI. */
  cachedRebuild?: CachedRebuildTimes;
  /** The Swarm view's refresh with 50 services and 200 tasks (mode `swarm`). */
  swarmRefresh?: SwarmRefreshResult;
}

const BENCH_LABEL = 'berth.bench';
const IDLE_VIEWS: readonly LiveViewId[] = [Views.containers, Views.images, Views.networks, Views.volumes, Views.system];

async function refresh200(api: BerthApi): Promise<{ times: number[]; engineOnly: number[] }> {
  const ids: string[] = [];
  try {
    for (let batch = 0; batch < 20; batch++) {
      ids.push(...(await Promise.all(Array.from({ length: 10 }, () => docker(['create', '--label', `${BENCH_LABEL}=1`, TEST_IMAGE, 'true'])))));
    }
    await waitFor('200 rows', async () => ((await api.containersTree.getChildren(undefined)) ?? []).length >= 200, 60_000, 50);
    const times: number[] = [];
    const engineOnly: number[] = [];
    const client = api.engineClient();
    for (let i = 0; i < 10; i++) {
      let t = performance.now();
      await api.containersTree.refreshNow();
      times.push(performance.now() - t);
      // The engine's own share: the same listing without Berth's tree work.
      t = performance.now();
      await client?.containers.list();
      engineOnly.push(performance.now() - t);
    }
    return { times, engineOnly };
  } finally {
    if (ids.length) await docker(['rm', '-f', ...ids], { timeoutMs: 120_000 });
  }
}

/** Makes `count` objects with `make(i)` ten at a time, times ten refreshes of `view` once it shows them, and removes them with `remove`. */
async function refreshView(api: BerthApi, view: LiveViewId, count: number, rows: () => Promise<number>, make: (i: number) => Promise<unknown>, remove: () => Promise<unknown>): Promise<number[]> {
  try {
    for (let i = 0; i < count; i += 10) await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, j) => make(i + j)));
    await vscode.commands.executeCommand(`${view}.focus`);
    const before = await rows();
    await api.view(view).refreshNow();
    await waitFor(`${count} rows in ${view}`, async () => (await rows()) >= count, 60_000, 50);
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await api.view(view).refreshNow();
      times.push(performance.now() - t);
    }
    if (before > count * 2) console.warn(`${view} held ${before} rows already`);
    return times;
  } finally {
    await remove();
  }
}

/** 200 tags in 20 repositories of the test image (tags cost the engine nothing to make), counted as tag rows. */
function refreshImages(api: BerthApi): Promise<number[]> {
  const refs = Array.from({ length: 200 }, (_, i) => `berth-bench/repo-${i % 20}:tag-${i}`);
  const tagRows = async (): Promise<number> => {
    const tree = api.view(Views.images);
    let n = 0;
    for (const group of await tree.getChildren(undefined)) if (group.kind === 'repository' && String(group.id).includes('berth-bench')) n += (await tree.getChildren(group)).length;
    return n;
  };
  return refreshView(api, Views.images, refs.length, tagRows, (i) => docker(['tag', TEST_IMAGE, refs[i]!]), () => docker(['rmi', ...refs], { timeoutMs: 120_000 }));
}

function refreshVolumes(api: BerthApi): Promise<number[]> {
  const names = Array.from({ length: 100 }, (_, i) => `berth-bench-${process.pid}-${i}`);
  const rows = async (): Promise<number> => (await api.view(Views.volumes).getChildren(undefined)).filter((n) => n.kind === 'volume').length;
  return refreshView(api, Views.volumes, names.length, rows, (i) => docker(['volume', 'create', '--label', `${BENCH_LABEL}=1`, names[i]!]), () => docker(['volume', 'rm', '-f', ...names], { timeoutMs: 120_000 }));
}

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
  if (process.env.BERTH_BENCH_MODE === 'full') {
    await vscode.commands.executeCommand('berth.containers.focus');
    await waitFor('connected', () => api.engineState().kind === 'connected', 30_000);
    const refresh = await refresh200(api);
    result.refresh200Ms = refresh.times;
    result.list200EngineMs = refresh.engineOnly;
    result.refreshImagesMs = await refreshImages(api);
    result.refreshVolumesMs = await refreshVolumes(api);
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
