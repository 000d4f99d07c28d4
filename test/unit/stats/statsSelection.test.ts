/** Which containers the stats panel shows and samples, how it follows new ones, and how it is opened. */
import * as assert from 'node:assert/strict';
import { statsTargetOfRows } from '../../../src/commands/statsTarget';
import type { ContainerState, ContainerSummary } from '../../../src/engine/types';
import { StatsSelection } from '../../../src/stats/statsSelection';
import { contentSecurityPolicy, newNonce, statsHtml } from '../../../src/stats/statsHtml';
import { figureRow } from '../../../src/stats/statsStreams';
import { FigureIndex } from '../../../src/shared/protocol';
import type { StatsFigures } from '../../../src/engine/statsMath';

function summary(c: string, state: ContainerState, project?: string): ContainerSummary {
  return {
    id: c.repeat(64),
    name: `name-${c}`,
    image: 'busybox',
    imageId: 'sha256:0',
    command: 'sh',
    created: new Date(0),
    state,
    status: state,
    health: undefined,
    ports: [],
    labels: {},
    composeProject: project,
    composeService: project ? 'svc' : undefined,
    exitCode: undefined,
    networks: [],
    mounts: [],
  };
}
const id = (c: string): string => c.repeat(64);

describe('stats selection', () => {
  it('for all running containers: picks the running ones, then each one that starts later', () => {
    const s = new StatsSelection({ kind: 'all' });
    s.setAll([summary('a', 'running'), summary('b', 'exited'), summary('c', 'paused')]);
    assert.deepEqual(s.pickedIds, [id('a'), id('c')]);
    s.update([id('b'), id('d')], [summary('b', 'running'), summary('d', 'running')]);
    assert.deepEqual(s.pickedIds, [id('a'), id('c'), id('b'), id('d')]);
  });

  it('does not pick again a container the user unpicked, when it restarts', () => {
    const s = new StatsSelection({ kind: 'all' });
    s.setAll([summary('a', 'running')]);
    s.pick([id('a')], false);
    s.update([id('a')], [summary('a', 'exited')]);
    s.update([id('a')], [summary('a', 'running')]);
    assert.deepEqual(s.pickedIds, []);
  });

  it("for a compose project: its containers in any state, and the project's new ones", () => {
    const s = new StatsSelection({ kind: 'project', project: 'shop' });
    s.setAll([summary('a', 'running', 'shop'), summary('b', 'exited', 'shop'), summary('c', 'running', 'other'), summary('d', 'running')]);
    assert.deepEqual(s.pickedIds, [id('a'), id('b')]);
    assert.deepEqual(s.sampled(), [id('a')], 'only running ones are sampled');
    s.update([id('e')], [summary('e', 'running', 'shop')]);
    assert.deepEqual(s.pickedIds, [id('a'), id('b'), id('e')]);
  });

  it('for named containers: those only, and an unknown id is ignored', () => {
    const s = new StatsSelection({ kind: 'containers', ids: [id('b'), id('z')] });
    s.setAll([summary('a', 'running'), summary('b', 'running')]);
    assert.deepEqual(s.pickedIds, [id('b')]);
    s.update([id('c')], [summary('c', 'running')]);
    assert.deepEqual(s.pickedIds, [id('b')]);
    s.pick([id('a'), id('z')], true);
    assert.deepEqual(s.pickedIds, [id('b'), id('a')]);
  });

  it('keeps a removed picked container, marked removed, until it is unpicked', () => {
    const s = new StatsSelection({ kind: 'containers', ids: [id('a')] });
    s.setAll([summary('a', 'running')]);
    s.update([id('a')], []);
    const rows = s.panelContainers(() => ({ status: 'live' }));
    assert.deepEqual(rows.map((r) => [r.id, r.status, r.state]), [[id('a'), 'removed', 'removed']]);
    assert.deepEqual(s.sampled(), []);
    s.pick([id('a')], false);
    assert.deepEqual(s.panelContainers(() => ({ status: 'live' })), []);
  });

  it('says stopped for a picked container that does not run, whatever its stream said', () => {
    const s = new StatsSelection({ kind: 'containers', ids: [id('a')] });
    s.setAll([summary('a', 'exited')]);
    assert.equal(s.panelContainers(() => ({ status: 'live' }))[0]!.status, 'stopped');
  });

  it('waits for the first listing before applying a target, and restores a reloaded panel', () => {
    const s = new StatsSelection({ kind: 'restore', picked: [id('a'), id('g')], follow: { kind: 'none' }, paused: false });
    assert.deepEqual(s.pickedIds, []);
    s.setAll([summary('a', 'running')]);
    assert.deepEqual(s.pickedIds, [id('a')]);
    s.show({ kind: 'all' });
    assert.deepEqual(s.currentTarget(), { kind: 'all' });
  });
});

describe('Show Stats targets from tree rows', () => {
  const c = summary('a', 'running', 'shop');
  it('reads a container row of either shape', () => {
    assert.deepEqual(statsTargetOfRows({ kind: 'container', container: c }, undefined), { target: { kind: 'containers', ids: [c.id] }, title: c.name });
    assert.deepEqual(statsTargetOfRows({ kind: 'container', resource: c }, undefined)?.target, { kind: 'containers', ids: [c.id] });
  });

  it('reads a compose project row of either shape', () => {
    assert.deepEqual(statsTargetOfRows({ kind: 'composeProject', group: { project: 'shop' } }, undefined)?.target, { kind: 'project', project: 'shop' });
    assert.deepEqual(statsTargetOfRows({ kind: 'composeProject', resource: { project: 'shop' } }, undefined)?.target, { kind: 'project', project: 'shop' });
  });

  it('takes a multi-selection of containers', () => {
    const d = summary('d', 'running');
    assert.deepEqual(statsTargetOfRows({ kind: 'container', container: c }, [{ kind: 'container', container: c }, { kind: 'container', container: d }])?.target, { kind: 'containers', ids: [c.id, d.id] });
  });

  it('has no target for nothing or for something that is not a row', () => {
    assert.equal(statsTargetOfRows(undefined, undefined), undefined);
    assert.equal(statsTargetOfRows({ kind: 'image', resource: c }, undefined), undefined);
    assert.equal(statsTargetOfRows('berth.stats.show', undefined), undefined);
  });
});

describe('the stats page', () => {
  it('has a strict CSP: nothing by default, scripts only with the nonce, styles only from media', () => {
    const csp = contentSecurityPolicy('https://x.vscode-cdn.net', 'abc');
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-abc'(;|$)/);
    assert.match(csp, /style-src https:\/\/x\.vscode-cdn\.net(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  it('runs one script, with a fresh 128-bit nonce, and inlines nothing', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.equal(Buffer.from(n, 'base64').length, 16);
    const html = statsHtml({ cspSource: 'vscode-resource:', nonce: 'N0NCE', scriptUri: 'vscode-resource:/media/stats.js', styleUri: 'vscode-resource:/media/stats.css' });
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]![1]!, /nonce="N0NCE" src="vscode-resource:\/media\/stats\.js"/);
    assert.equal(scripts[0]![2], '', 'no inline script');
    assert.doesNotMatch(html, /<style|\sstyle=|\son\w+=/i);
  });
});

describe('a stats stream sample as the webview gets it', () => {
  const f = (netRx: number, readAt: number): StatsFigures => ({ cpuPercent: 1, memoryUsed: 2, memoryLimit: 4, memoryPercent: 50, netRx, netTx: 0, blockRead: 0, blockWrite: 0, pids: 3, readAt });
  it('has no rate for the first sample of a stream, then bytes per second', () => {
    assert.equal(figureRow(f(100, 1000), undefined, 'linux')[FigureIndex.netRxRate], null);
    assert.equal(figureRow(f(2100, 3000), f(100, 1000), 'linux')[FigureIndex.netRxRate], 1000);
  });

  it('leaves out what docker stats does not show on Windows', () => {
    const r = figureRow(f(0, 0), undefined, 'windows');
    assert.deepEqual([r[FigureIndex.memoryLimit], r[FigureIndex.memoryPercent], r[FigureIndex.pids]], [null, null, null]);
  });
});
