/**
 * The engine goes away and comes back while VS Code keeps running: Berth must say it is
 * unreachable, empty the tree, and reconnect by itself — no reload, no click.
 * Stops the real daemon (scripts/testbed/engine.sh), so the harness runs this suite last.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/api';
import { activateBerth, docker, runId, TEST_IMAGE, TEST_LABEL, testbedScript, treeLabels, waitFor } from '../testUtil';

describe('engine outage', function () {
  // Stopping dockerd waits for its containers to stop; reconnecting follows Berth's back-off.
  this.timeout(240_000);
  const name = `berth-outage-${runId}`;
  let api: BerthApi;

  before(async () => {
    api = await activateBerth();
    assert.ok(api && typeof api.engineState === 'function' && api.containersTree, 'activate() returned no Berth API (engineState, onDidChangeEngineState, containersTree: src/api.ts)');
    // A visible view is what a person has open; Berth refreshes hidden views lazily.
    await vscode.commands.executeCommand('berth.containers.focus');
    await docker(['rm', '-f', name]).catch(() => undefined);
    // A short stop timeout: `sleep` as PID 1 ignores SIGTERM, and dockerd's shutdown waits for it.
    await docker(['run', '-d', '--label', `${TEST_LABEL}=${runId}`, '--stop-timeout', '2', '--name', name, TEST_IMAGE, 'sleep', '3600']);
  });

  after(async () => {
    // Whatever happened above, leave a running engine and no container behind.
    await testbedScript('engine.sh', ['start']).catch((e) => console.error(e));
    await docker(['rm', '-f', name]).catch((e) => console.error(e));
  });

  /** Waits for an engine state; on time-out says which state Berth was in instead. */
  async function waitForState(kind: string, timeoutMs: number): Promise<void> {
    try {
      await waitFor(`engine state "${kind}"`, () => api.engineState().kind === kind, timeoutMs, 100);
    } catch (error) {
      const now = api.engineState();
      throw new Error(`${(error as Error).message}; Berth says "${now.kind}"${now.message ? `: ${now.message}` : ''}`);
    }
  }

  it('shows the container, goes unreachable when dockerd stops, and recovers when it starts', async () => {
    const tree = api.containersTree as vscode.TreeDataProvider<unknown>;
    const states: string[] = [];
    const subscription = api.onDidChangeEngineState((s) => states.push(s.kind));
    try {
      await waitForState('connected', 30_000);
      await waitFor(`${name} in the Containers tree`, async () => (await treeLabels(tree)).includes(name), 30_000);

      await testbedScript('engine.sh', ['stop']);
      await waitForState('unreachable', 60_000);
      await waitFor('an empty tree while the engine is away', async () => ((await tree.getChildren(undefined)) ?? []).length === 0, 10_000, 100);
      assert.ok(api.engineState().message, 'the unreachable state carries no message for the user');

      await testbedScript('engine.sh', ['start']);
      await waitForState('connected', 90_000);
      // After a daemon restart the container is exited (no restart policy); only its presence matters.
      await waitFor(`${name} back in the tree`, async () => (await treeLabels(tree)).includes(name), 30_000, 100);
      assert.ok(states.includes('unreachable') && states.lastIndexOf('connected') > states.indexOf('unreachable'), `state changes seen: ${states.join(' → ')}`);
    } finally {
      subscription.dispose();
    }
  });
});
