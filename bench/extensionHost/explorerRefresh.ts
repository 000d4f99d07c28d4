/**
 * Refresh of each explorer view with many objects, inside the real extension host: 500 containers
 * (security badges on, their inspects counted), 200 more image tags, 100 more volumes and 100 more
 * networks. Each object carries `berth.bench=<pid>` and is removed by that label afterwards, even
 * when a batch failed halfway.
 */
import * as path from 'node:path';
import { tmpdir } from 'node:os';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { LiveViewId } from '../../src/explorer/explorer';
import { Views } from '../../src/ids';
import { TEST_IMAGE, docker, waitFor } from '../../test/support/docker';
import { startUnixProxy } from '../../test/support/socketProxy';
import { freeSubnets } from '../subnets';

export interface ExplorerRefreshResult {
  /** Ten refreshes of the Containers view holding 500 more containers, and the engine's listing alone after each. */
  refresh500Ms: number[];
  list500EngineMs: number[];
  /** `GET /containers/{id}/json` while the 500 rows were first drawn (badges of the rows on screen), and during the ten refreshes. */
  inspectsFirstDraw500: number;
  inspectsDuringRefresh500: number;
  /** Ten refreshes each of Images (200 more tags), Volumes (100 more) and Networks (100 more). */
  refreshImagesMs: number[];
  refreshVolumesMs: number[];
  refreshNetworksMs: number[];
}

const BENCH_LABEL = `berth.bench=${process.pid}`;
const REFRESHES = 10;
const INSPECT = /^GET \/(v[\d.]+\/)?containers\/[^/]+\/json$/;

/** Makes `count` objects with `make(i)`, `batch` at a time. */
async function makeAll(count: number, batch: number, make: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < count; i += batch) await Promise.all(Array.from({ length: Math.min(batch, count - i) }, (_, j) => make(i + j)));
}

/** Removes what carries this run's label: `kind` is `container`, `volume` or `network`. */
async function removeLabelled(kind: 'container' | 'volume' | 'network'): Promise<void> {
  const list = kind === 'container' ? ['ps', '-aq'] : [kind, 'ls', '-q'];
  const ids = (await docker([...list, '--filter', `label=${BENCH_LABEL}`])).split('\n').filter(Boolean);
  const remove = kind === 'container' ? ['rm', '-f'] : kind === 'volume' ? ['volume', 'rm', '-f'] : ['network', 'rm'];
  if (ids.length) await docker([...remove, ...ids], { timeoutMs: 300_000 });
}

/** Times `count` refreshes of `view`. */
async function timedRefreshes(api: BerthApi, view: LiveViewId, after?: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < REFRESHES; i++) {
    const t = performance.now();
    await api.view(view).refreshNow();
    times.push(performance.now() - t);
    await after?.();
  }
  return times;
}

/** Waits until no inspect has arrived for a second: the badges of the rows on screen are read. */
async function inspectsSettled(count: () => number): Promise<number> {
  let last = -1;
  let since = performance.now();
  return waitFor('the badge inspects to settle', () => {
    const now = count();
    if (now !== last) [last, since] = [now, performance.now()];
    return performance.now() - since >= 1000 ? now + 1 : 0;
  }, 60_000, 100).then((n) => n - 1);
}

/**
 * 500 containers with security badges on, Berth connected through a counting proxy: the rows on
 * screen read their badges once; ten refreshes after that must read none again.
 */
async function refresh500(api: BerthApi): Promise<Pick<ExplorerRefreshResult, 'refresh500Ms' | 'list500EngineMs' | 'inspectsFirstDraw500' | 'inspectsDuringRefresh500'>> {
  const proxy = await startUnixProxy(path.join(tmpdir(), `berth-bench-refresh-${process.pid}.sock`));
  const config = vscode.workspace.getConfiguration('berth');
  const inspects = (): number => proxy.requestsMatching(INSPECT);
  try {
    await config.update('containers.securityBadges', true, vscode.ConfigurationTarget.Global);
    await config.update('host', `unix://${proxy.path}`, vscode.ConfigurationTarget.Global);
    await waitFor('connected through the proxy', () => api.engineState().kind === 'connected' && proxy.requests > 0, 15_000);
    await vscode.commands.executeCommand(`${Views.containers}.focus`);
    // Container rows only: an empty view holds a message row.
    const rows = async (): Promise<number> => (await api.containersTree.getChildren(undefined)).filter((n) => n.kind === 'container').length;
    const before = await rows();
    await makeAll(500, 20, () => docker(['create', '--label', BENCH_LABEL, TEST_IMAGE, 'true']));
    await waitFor('500 more rows', async () => (await rows()) >= before + 500, 120_000, 100);
    const drawn = await inspectsSettled(inspects);
    const client = api.engineClient();
    const engineOnly: number[] = [];
    const times = await timedRefreshes(api, Views.containers, async () => {
      // The engine's own share: the same listing without Berth's tree work.
      const t = performance.now();
      await client?.containers.list();
      engineOnly.push(performance.now() - t);
    });
    // Decorations are asked for after a redraw: give them the same second to arrive before counting.
    const after = await inspectsSettled(inspects);
    return { refresh500Ms: times, list500EngineMs: engineOnly, inspectsFirstDraw500: drawn, inspectsDuringRefresh500: after - drawn };
  } finally {
    await config.update('host', undefined, vscode.ConfigurationTarget.Global);
    await config.update('containers.securityBadges', undefined, vscode.ConfigurationTarget.Global);
    await proxy.close();
    await removeLabelled('container');
  }
}

/** Rows of `view` (at the top level, or under `groups` rows) whose label starts with `prefix`. */
async function rowsNamed(api: BerthApi, view: LiveViewId, prefix: string, groups = false): Promise<number> {
  const tree = api.view(view);
  let n = 0;
  for (const node of await tree.getChildren(undefined)) {
    if (!node.row.label.startsWith(prefix)) continue;
    n += groups ? (await tree.getChildren(node)).length : 1;
  }
  return n;
}

/** Makes `count` objects ten at a time, waits for `view` to show them, times ten refreshes, and removes them with `remove`. */
async function refreshView(api: BerthApi, view: LiveViewId, count: number, rows: () => Promise<number>, make: (i: number) => Promise<unknown>, remove: () => Promise<unknown>): Promise<number[]> {
  try {
    await makeAll(count, 10, make);
    await vscode.commands.executeCommand(`${view}.focus`);
    await api.view(view).refreshNow();
    await waitFor(`${count} rows in ${view}`, async () => (await rows()) >= count, 60_000, 50);
    return await timedRefreshes(api, view);
  } finally {
    await remove();
  }
}

/** 200 tags in 20 repositories of the test image (tags cost the engine nothing to make), counted as tag rows. */
function refreshImages(api: BerthApi): Promise<number[]> {
  const prefix = `berth-bench-${process.pid}`;
  const refs = Array.from({ length: 200 }, (_, i) => `${prefix}/repo-${i % 20}:tag-${i}`);
  const make = (i: number): Promise<string> => docker(['tag', TEST_IMAGE, refs[i]!]);
  return refreshView(api, Views.images, refs.length, () => rowsNamed(api, Views.images, prefix, true), make, () => docker(['rmi', ...refs], { timeoutMs: 120_000 }).catch(() => undefined));
}

function refreshVolumes(api: BerthApi): Promise<number[]> {
  const prefix = `berth-bench-${process.pid}-`;
  const make = (i: number): Promise<string> => docker(['volume', 'create', '--label', BENCH_LABEL, `${prefix}${i}`]);
  return refreshView(api, Views.volumes, 100, () => rowsNamed(api, Views.volumes, prefix), make, () => removeLabelled('volume'));
}

/** 100 bridge networks, each on a /24 of its own (the default address pools hold about 31). */
async function refreshNetworks(api: BerthApi): Promise<number[]> {
  const prefix = `berth-bench-${process.pid}-net-`;
  const subnets = await freeSubnets(100);
  const make = (i: number): Promise<string> => docker(['network', 'create', '--label', BENCH_LABEL, '--subnet', subnets[i]!, `${prefix}${i}`]);
  return refreshView(api, Views.networks, 100, () => rowsNamed(api, Views.networks, prefix), make, () => removeLabelled('network'));
}

export async function explorerRefreshes(api: BerthApi): Promise<ExplorerRefreshResult> {
  const containers = await refresh500(api);
  await waitFor('connected', () => api.engineState().kind === 'connected', 30_000);
  return { ...containers, refreshImagesMs: await refreshImages(api), refreshVolumesMs: await refreshVolumes(api), refreshNetworksMs: await refreshNetworks(api) };
}
