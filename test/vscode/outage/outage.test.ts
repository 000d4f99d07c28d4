/**
 * The engine goes away and comes back while VS Code keeps running: Berth must say it is
 * unreachable, empty the tree, and reconnect by itself — no reload, no click.
 * Stops the real daemon (scripts/testbed/engine.sh), so the harness runs this suite last.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
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
      // No container rows while the engine is away: the view says so instead, with Retry.
      await waitFor('no container rows while the engine is away', async () => {
        const top = ((await tree.getChildren(undefined)) ?? []) as { kind: string; resource: { label?: string } }[];
        return top.every((n) => n.kind === 'message' || n.kind === 'action') && top.some((n) => n.kind === 'action' && n.resource.label === 'Retry');
      }, 10_000, 100);
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

  it('says the engine is gone while the stopping daemon still serves the old event stream', async () => {
    const tree = api.containersTree as vscode.TreeDataProvider<unknown>;
    // PID 1 `sleep` ignores SIGTERM, so dockerd's shutdown waits out this stop timeout, serving
    // open event streams all the while (but its socket is gone at once).
    const slow = `berth-outage-slow-${runId}`;
    await docker(['rm', '-f', slow]).catch(() => undefined);
    await docker(['run', '-d', '--label', `${TEST_LABEL}=${runId}`, '--stop-timeout', '8', '--name', slow, TEST_IMAGE, 'sleep', '3600']);
    const pid = Number(await docker(['inspect', '-f', '{{.State.Pid}}', slow]));
    await waitForState('connected', 30_000);
    await waitFor(`${slow} in the Containers tree`, async () => (await treeLabels(tree)).includes(slow), 30_000);

    // A witness: an /events stream of the test's own, which the daemon serves exactly as it serves Berth's.
    const witness = await openEventStream();
    let witnessOpen = true;
    witness.on('close', () => (witnessOpen = false));
    let seen: { witnessOpen: boolean; containerRunning: boolean; rows: vscode.ProviderResult<unknown[]> } | undefined;
    const subscription = api.onDidChangeEngineState((s) => {
      if (s.kind === 'unreachable' && !seen) seen = { witnessOpen, containerRunning: running(pid), rows: tree.getChildren(undefined) };
    });
    try {
      await testbedScript('engine.sh', ['stop']); // returns once dockerd has exited
      assert.equal(witnessOpen, false, 'the witness stream ended when the daemon exited');
      assert.ok(seen, `Berth never said unreachable (it says ${api.engineState().kind})`);
      assert.ok(seen.witnessOpen, 'Berth said the engine was gone only once the old event stream had closed');
      assert.ok(seen.containerRunning, 'Berth said the engine was gone only after the daemon had stopped its containers');
      // The view says the engine's state in rows of its own (with Retry); no container row may be left.
      const rows = ((await seen.rows) ?? []) as { kind: string; resource: { label?: string } }[];
      assert.deepEqual(rows.filter((n) => n.kind !== 'message' && n.kind !== 'action').map((n) => n.kind), [], 'the view still listed containers when Berth said the engine was gone');
      assert.ok(rows.some((n) => n.kind === 'action' && n.resource.label === 'Retry'), 'the view offers Retry');
    } finally {
      subscription.dispose();
      witness.destroy();
      await testbedScript('engine.sh', ['start']);
      await docker(['rm', '-f', slow]).catch((e) => console.error(e));
    }
    await waitForState('connected', 90_000);
  });
});

/** Opens GET /events on the real daemon; resolves once it has answered with headers. */
function openEventStream(): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = http.get({ socketPath: '/var/run/docker.sock', path: '/events' }, (response) => resolve(response.resume()));
    request.on('error', reject);
  });
}

/** Whether the process is alive and not a zombie. */
function running(pid: number): boolean {
  try {
    return !/^State:\s+[ZX]/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}
