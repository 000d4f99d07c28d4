/**
 * The stats panel while the real daemon stops and starts again: it says the engine is not
 * reachable, and once the engine is back (and the container with it, by its restart policy)
 * samples flow again without a click. Stops the real daemon, so it runs in the outage suite.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/api';
import type { HostMessage } from '../../../src/shared/protocol';
import { activateBerth, docker, runId, TEST_IMAGE, TEST_LABEL, testbedScript, waitFor } from '../testUtil';

describe('stats panel through an engine outage', function () {
  this.timeout(240_000);
  const name = `berth-stats-outage-${runId}`;
  let api: BerthApi;
  let id: string;

  before(async () => {
    api = await activateBerth();
    await vscode.commands.executeCommand('berth.containers.focus');
    await docker(['rm', '-f', name]).catch(() => undefined);
    // Comes back with the daemon; a short stop timeout keeps the daemon's shutdown quick.
    id = await docker(['run', '-d', '--restart', 'always', '--stop-timeout', '2', '--network', 'none', '--label', `${TEST_LABEL}=${runId}`, '--name', name, TEST_IMAGE, 'sh', '-c', "trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done"]);
    await waitFor('connected', () => api.engineState().kind === 'connected', 30_000);
  });

  after(async () => {
    api.stats.current?.dispose();
    await testbedScript('engine.sh', ['start']).catch((e) => console.error(e));
    await docker(['rm', '-f', name]).catch((e) => console.error(e));
  });

  it('says the engine is gone, then charts again by itself when it is back', async () => {
    const container = (await api.engineClient()!.containers.list({ ids: [id] }))[0]!;
    await vscode.commands.executeCommand('berth.stats.show', { kind: 'container', container });
    const panel = await waitFor('the panel', () => api.stats.current);
    const posted: HostMessage[] = [];
    panel.controller.onDidPost((m) => posted.push(m));
    const sampled = (from: number): boolean => posted.slice(from).some((m) => m.type === 'tick' && m.rows[id] !== undefined);
    await waitFor('samples', () => sampled(0), 30_000);

    await testbedScript('engine.sh', ['stop']);
    await waitFor('the panel says the engine is not reachable', () => posted.some((m) => m.type === 'state' && m.engine.kind === 'unreachable'), 60_000, 100);
    const lost = posted.length;
    assert.ok(!sampled(lost), 'no samples while the engine is away');

    const startedAt = Date.now();
    await testbedScript('engine.sh', ['start']);
    await waitFor('samples again', () => sampled(lost), 120_000, 100);
    const last = [...posted].reverse().find((m): m is Extract<HostMessage, { type: 'state' }> => m.type === 'state');
    assert.equal(last?.engine.kind, 'connected');
    console.log(`      samples again ${((Date.now() - startedAt) / 1000).toFixed(1)} s after engine.sh start began`);
  });
});
