/**
 * A swarm service's Show Logs in the real extension host, against the real three-node swarm
 * (scripts/testbed/swarm.sh): the log view follows the service's tasks on every node through the
 * Engine API, each line under its task's slot and node; closing the view closes its streams, and
 * the service's removal is the view's last line.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { ServiceResource } from '../../src/explorer/swarm/swarmTreeModel';
import { Commands, Views } from '../../src/ids';
import type { LogPanel } from '../../src/logs/logPanel';
import { nodeDocker, startSwarm, type TestSwarm } from '../support/swarm';
import { runId, TEST_LABEL, waitFor } from '../support/docker';
import { activateBerth, skipDestructiveConfirmations } from './testUtil';
import { findRow } from './treeUtil';

const VIEW = Views.swarm;
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('berth');

/** Each line as `kind|source name|text`. */
function lines(view: LogPanel): string[] {
  return view.readLines(0, view.lineCount).map((l) => `${l.record.kind}|${view.sources[l.record.source]?.name ?? ''}|${l.record.text}`);
}

describe("A swarm service's logs in the log view, on a real three-node swarm", function () {
  this.timeout(60_000);
  let swarm: TestSwarm;
  let api: BerthApi;
  const name = `berth-logs-${runId}`;
  const hello = `hello-${runId}`;

  before(async function () {
    this.timeout(180_000);
    swarm = await startSwarm();
    await skipDestructiveConfirmations(true);
    api = await activateBerth();
    await vscode.commands.executeCommand(`${VIEW}.focus`);
    await config().update('host', swarm.nodes[0].host, vscode.ConfigurationTarget.Global);
    await waitFor('Berth connected to node 1', () => api.engineState().kind === 'connected' && api.engineClient()?.endpoint.host === swarm.nodes[0].host, 30_000);
  });

  after(async function () {
    this.timeout(120_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('host', undefined, vscode.ConfigurationTarget.Global);
    await skipDestructiveConfirmations(false);
    await swarm?.stop();
  });

  it("shows each task's lines under its slot and node, from every node; closing a view closes its stream; removal is the last line", async function () {
    this.timeout(90_000);
    // One task per node (max one replica per node), each saying which slot and node it is on both
    // streams, every second: the engine may drop a line written while the log subscription starts.
    const script = `trap 'exit 0' TERM; while :; do echo "${hello} $SLOT on $NODE"; echo "oops $SLOT" >&2; sleep 1 & wait $!; done`;
    await nodeDocker(swarm.nodes[0], ['service', 'create', '-d', '--no-resolve-image', '--name', name, '--label', `${TEST_LABEL}=${runId}`, '--endpoint-mode', 'dnsrr', '--stop-grace-period', '1s', '--replicas', '3', '--replicas-max-per-node', '1', '--env', 'SLOT={{.Task.Slot}}', '--env', 'NODE={{.Node.Hostname}}', swarm.image, 'sh', '-c', script]);
    const row = await waitFor('the service in the Swarm view', async () => {
      await api.view(VIEW).refreshNow();
      return findRow<ServiceResource>(api, VIEW, 'swarmService', (r) => r.service.name === name, 3);
    }, 30_000, 200);

    const view = (await vscode.commands.executeCommand(Commands.swarmServiceLogs, row)) as LogPanel;
    assert.ok(view, 'the command returns the log view it opened');
    assert.equal(view.panel.viewType, 'berth.logs');
    assert.equal(view.panel.title, `Logs: ${name}`);
    // The slots land on the nodes in any order: each task's text names its slot and node, its prefix must too.
    const seen = (): string[] => [...new Set(lines(view).filter((l) => l.includes(hello) || l.includes('|oops ')))].sort();
    await waitFor("every task's lines on both streams", () => seen().length >= 6, 30_000, 100).catch((error: Error) => {
      throw new Error(`${error.message}\n${lines(view).join('\n')}`);
    });
    const placed = seen().flatMap((l) => /^stdout\|.*\|\S+ (\d) on (\S+)$/.exec(l)?.slice(1) ?? []);
    const hosts = placed.filter((_, i) => i % 2 === 1);
    assert.deepEqual([...hosts].sort(), swarm.nodes.map((n) => n.hostname).sort(), `one task on each of the three nodes: ${seen().join(' / ')}`);
    const expected = [];
    for (let i = 0; i < placed.length; i += 2) {
      const [slot, host] = [placed[i]!, placed[i + 1]!];
      expected.push(`stdout|${name}.${slot}@${host}|${hello} ${slot} on ${host}`, `stderr|${name}.${slot}@${host}|oops ${slot}`);
    }
    assert.deepEqual(seen(), expected.sort(), 'every line under the task that wrote it');
    assert.equal(new Set(view.sources.map((s) => s.color)).size > 1, true, 'tasks in different slots get different colours');

    // A second view: closing it closes its streams, the first goes on.
    const second = (await vscode.commands.executeCommand(Commands.swarmServiceLogs, row)) as LogPanel;
    await waitFor('the second view reading', () => second.openStreams === 2 && lines(second).some((l) => l.includes(hello)));
    const closed = new Promise<void>((resolve) => second.onDidClose(resolve));
    second.panel.reveal();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await closed;
    await waitFor('the second view\'s streams to close', () => second.openStreams === 0);
    assert.equal(view.openStreams, 2, 'the first view still follows (its log stream and its removal watch)');

    await nodeDocker(swarm.nodes[0], ['service', 'rm', name]);
    await waitFor('the view to end', () => view.isEnded, 30_000);
    assert.equal(lines(view).at(-1), 'end||The service was removed.');
    await waitFor('its streams to close', () => view.openStreams === 0);
  });
});
