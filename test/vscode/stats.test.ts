/**
 * The stats panel in the real extension host against the real engine, its webview loaded for real
 * in the workbench: samples arrive for two containers, a stopped one's stream closes and the panel
 * says so, a restart comes back after a gap, unpicking, removing, hiding, pausing and closing the
 * panel end streams, and "all running containers" picks what runs.
 * Open connections are counted by a unix-socket proxy in front of the engine (test/support/
 * socketProxy): Berth is pointed at it with berth.host, and the proxy reports the last request
 * path of every client connection still open. The proxy also cuts the engine away on demand.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { ContainerSummary } from '../../src/engine/types';
import { parseWebviewMessage, type HostMessage } from '../../src/shared/protocol';
import type { StatsPanel } from '../../src/stats/statsPanel';
import { startUnixProxy, type UnixSocketProxy } from '../support/socketProxy';
import { createTestContainer, docker, removeTestContainers, runId, waitFor } from '../support/docker';
import { activateBerth } from './testUtil';

type State = Extract<HostMessage, { type: 'state' }>;
type Tick = Extract<HostMessage, { type: 'tick' }>;

describe('Stats panel', function () {
  this.timeout(120_000);
  let api: BerthApi;
  let proxy: UnixSocketProxy;
  let dir: string;
  let a: ContainerSummary;
  let b: ContainerSummary;
  let panel: StatsPanel;
  const ticks: Tick[] = [];
  let state: State | undefined;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('berth');

  /** The stats streams open through the proxy now, by container id. */
  const statsConnections = (): string[] =>
    proxy
      .openRequests()
      .map((r) => /^GET (?:\/v[\d.]+)?\/containers\/([0-9a-f]{64})\/stats$/.exec(r)?.[1])
      .filter((id): id is string => id !== undefined);
  const statusOf = (id: string): string | undefined => state?.containers.find((c) => c.id === id)?.status;
  const ticksSince = (n: number): Tick[] => ticks.slice(n);

  before(async () => {
    api = await activateBerth();
    // Berth connects on first need; the Containers view open is what a person has.
    await vscode.commands.executeCommand('berth.containers.focus');
    dir = mkdtempSync(path.join(tmpdir(), 'berth-stats-'));
    proxy = await startUnixProxy(path.join(dir, 'docker.sock'));
    await config().update('host', `unix://${proxy.path}`, vscode.ConfigurationTarget.Global);
    // No network: these containers need none, and the test then does not depend on the engine's bridge.
    const offline = { start: true, extraArgs: ['--network', 'none'] };
    const ids = await Promise.all([createTestContainer(`berth-stats-a-${runId}`, offline), createTestContainer(`berth-stats-b-${runId}`, offline)]);
    await waitFor('connected through the proxy', () => api.engineState().kind === 'connected' && proxy.requests > 0, 30_000);
    const list = await api.engineClient()!.containers.list({ ids });
    a = list.find((c) => c.id === ids[0])!;
    b = list.find((c) => c.id === ids[1])!;
  });

  after(async () => {
    api.stats.current?.dispose();
    await config().update('host', undefined, vscode.ConfigurationTarget.Global);
    await proxy?.close();
    rmSync(dir, { recursive: true, force: true });
    await removeTestContainers();
  });

  it('opens for two containers selected in the tree and charts both', async () => {
    // What the Containers view passes for a multi-selection: the clicked row and all selected rows.
    const rows = [a, b].map((container) => ({ kind: 'container', container }));
    await vscode.commands.executeCommand('berth.stats.show', rows[0], rows);
    panel = await waitFor('the panel', () => api.stats.current);
    panel.controller.onDidPost((m) => {
      if (m.type === 'tick') ticks.push(m);
      if (m.type === 'state') state = m;
    });
    // The webview says `ready` before anything is posted: the first tick means it did.
    await waitFor('a tick with samples of both', () => ticks.some((t) => t.rows[a.id] && t.rows[b.id]), 30_000);
    assert.deepEqual(state?.picked.sort(), [a.id, b.id].sort());
    // The webview reaches the extension's media folder and nothing else.
    const roots = panel.panel.webview.options.localResourceRoots?.map((u) => u.path) ?? [];
    assert.equal(roots.length, 1, `roots: ${roots.join(', ')}`);
    assert.match(roots[0]!, /\/media$/);
    assert.deepEqual(statsConnections().sort(), [a.id, b.id].sort(), 'one stats stream per shown container');
    const row = ticks.find((t) => t.rows[a.id])!.rows[a.id]!;
    assert.equal(row.length, 13);
    assert.ok(row.slice(0, 9).every((v) => typeof v === 'number'), `docker stats's figures: ${JSON.stringify(row)}`);
  });

  it('sends one batched message a second, not one per container', async () => {
    const from = ticks.length;
    const started = Date.now();
    await waitFor('three more ticks', () => ticks.length >= from + 3, 10_000);
    const seconds = (Date.now() - started) / 1000;
    assert.ok(ticksSince(from).every((t) => t.rows[a.id] && t.rows[b.id]), 'each tick carries both');
    assert.ok(seconds > 1.5, `3 ticks came in ${seconds} s`);
  });

  it('closes the stream of a container that stops, says so, and takes it back after a restart with a gap', async () => {
    await docker(['stop', b.id]);
    await waitFor("b's stream closed", () => !statsConnections().includes(b.id) && statsConnections().includes(a.id), 15_000);
    await waitFor('the panel says b stopped', () => statusOf(b.id) === 'stopped', 10_000);
    const stoppedAt = ticks.length;
    await waitFor('ticks without b', () => ticksSince(stoppedAt).length >= 2, 10_000);
    assert.ok(ticksSince(stoppedAt).every((t) => !t.rows[b.id] && t.rows[a.id]), 'a stopped container has no values, the other keeps going');

    await docker(['start', b.id]);
    await waitFor('b live again', () => statusOf(b.id) === 'live' && ticks.at(-1)?.rows[b.id] !== undefined, 20_000);
    assert.deepEqual(statsConnections().sort(), [a.id, b.id].sort());
  });

  it('samples nothing while paused', async () => {
    panel.controller.handle(parseWebviewMessage({ type: 'pause', paused: true })!);
    await waitFor('the panel says paused', () => state?.paused === true && statusOf(a.id) === 'idle', 10_000);
    await waitFor('no stats stream open', () => statsConnections().length === 0, 10_000);
    const from = ticks.length;
    panel.controller.handle(parseWebviewMessage({ type: 'pause', paused: false })!);
    await waitFor('samples again', () => ticksSince(from).some((t) => t.rows[a.id] && t.rows[b.id]), 15_000);
  });

  it('says so when the engine goes away, and resumes by itself when it is back', async () => {
    await proxy.cut();
    await waitFor('the panel says the engine is not reachable', () => state?.engine.kind === 'unreachable', 15_000);
    const lostAt = ticks.length;
    await proxy.restore();
    await waitFor('samples of both again', () => ticksSince(lostAt).some((t) => t.rows[a.id] && t.rows[b.id]), 30_000);
    assert.equal(state?.engine.kind, 'connected');
  });

  it('holds no stream while hidden behind another editor, and opens them again when shown', async () => {
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await waitFor('the panel hidden', () => !panel.panel.visible, 10_000);
    await waitFor('no stats stream open while hidden', () => statsConnections().length === 0, 10_000).catch((error: Error) => {
      throw new Error(`${error.message}; open: ${proxy.openRequests().join(', ')}`);
    });
    const from = ticks.length;
    // Closing the editor in front shows the panel again; its webview is rebuilt and says `ready`.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('the panel visible', () => panel.panel.visible, 10_000);
    await waitFor('samples of both after showing it again', () => ticksSince(from).some((t) => t.rows[a.id] && t.rows[b.id]), 30_000);
  });

  it('ends the stream of a container the user unpicks, and opens it again when picked', async () => {
    panel.controller.handle(parseWebviewMessage({ type: 'pick', ids: [b.id], picked: false })!);
    await waitFor("b's stream closed, a's still open", () => !statsConnections().includes(b.id) && statsConnections().includes(a.id), 10_000);
    await waitFor('the panel no longer picks b', () => state?.picked.join() === a.id, 10_000);
    const from = ticks.length;
    panel.controller.handle(parseWebviewMessage({ type: 'pick', ids: [b.id], picked: true })!);
    await waitFor('samples of b again', () => ticksSince(from).some((t) => t.rows[b.id]), 15_000);
    assert.deepEqual(statsConnections().sort(), [a.id, b.id].sort());
  });

  it('ends the stream of a container that is removed, and the panel says so', async () => {
    await docker(['rm', '-f', b.id]);
    await waitFor("b's stream closed", () => !statsConnections().includes(b.id) && statsConnections().includes(a.id), 15_000);
    await waitFor('the panel says b was removed', () => statusOf(b.id) === 'removed', 10_000);
  });

  it('leaves no stats connection open once the panel is closed', async () => {
    assert.ok(statsConnections().length > 0, 'streams are open before closing');
    panel.panel.dispose();
    await waitFor('no stats connection through the proxy', () => statsConnections().length === 0, 10_000).catch((error: Error) => {
      throw new Error(`${error.message}; open: ${proxy.openRequests().join(', ')}`);
    });
    assert.equal(api.stats.current, undefined);
    assert.equal(panel.controller.openStreams, 0);
  });

  it('opens for all running containers, and closes clean', async () => {
    await vscode.commands.executeCommand('berth.stats.showAll');
    const all = await waitFor('the panel', () => api.stats.current);
    let latest: State | undefined;
    let sampled = false;
    all.controller.onDidPost((m) => {
      if (m.type === 'state') latest = m;
      if (m.type === 'tick' && m.rows[a.id]) sampled = true;
    });
    await waitFor('samples of the running container', () => sampled, 30_000);
    await waitFor('the panel follows all running containers', () => latest?.follow.kind === 'all' && latest.picked.includes(a.id), 10_000);
    assert.ok(!latest?.picked.includes(b.id), 'a removed container is not picked');
    all.panel.dispose();
    await waitFor('no stats connection through the proxy', () => statsConnections().length === 0, 10_000);
  });
});
