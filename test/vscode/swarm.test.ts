/**
 * The Swarm view in the real extension host against a real three-node swarm (scripts/testbed/
 * swarm.sh): Berth connects to node 1 (a manager) through berth.host, every action runs through
 * its command, and the effect is checked in the tree and in the engine. No IPVS or ESP on this
 * kernel: services use dnsrr endpoints; virtual IPs, the ingress mesh and encrypted overlays are
 * not exercised.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { SwarmNode } from '../../src/engine/swarmTypes';
import type { SecretResource, ServiceResource, StackResource, TaskResource } from '../../src/explorer/swarm/swarmTreeModel';
import type { SwarmTree } from '../../src/explorer/swarm/swarmTree';
import type { TreeNode } from '../../src/explorer/shared/treeModel';
import { Commands, Views } from '../../src/ids';
import { nodeDocker, startSwarm, type TestSwarm } from '../support/swarm';
import { runId, SERVICE_CMD, TEST_LABEL, waitFor } from '../support/docker';
import { activateBerth, skipDestructiveConfirmations } from './testUtil';
import { findRow, itemOf, rowsOf } from './treeUtil';

const VIEW = Views.swarm;
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('berth');

/** Every row's label, description and tooltip, as a person could read them. */
async function allText(api: BerthApi): Promise<string> {
  const rows = await rowsOf(api, VIEW, 4);
  return rows
    .map((n) => {
      const item = itemOf(api, VIEW, n);
      const tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value ?? '';
      return `${typeof item.label === 'string' ? item.label : item.label?.label ?? ''} ${item.description ?? ''} ${tooltip}`;
    })
    .join('\n');
}

/** Berth's own log files in this run's user data folder (the LogOutputChannel writes them). */
function berthLogs(): string {
  const logs = path.join(process.env.HOME ?? '', '..', 'user-data', 'logs');
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/berth/i.test(entry.name) && entry.name.endsWith('.log')) found.push(p);
    }
  };
  if (fs.existsSync(logs)) walk(logs);
  assert.ok(found.length > 0, `no Berth log under ${logs}`);
  return found.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

describe('Swarm view on a real three-node swarm', function () {
  this.timeout(60_000);
  let swarm: TestSwarm;
  let api: BerthApi;
  const serviceName = `berth-web-${runId}`;

  /** Points Berth at `host` and waits until the Swarm view has read that engine. */
  async function connectTo(host: string): Promise<void> {
    await config().update('host', host, vscode.ConfigurationTarget.Global);
    await waitFor(`Berth connected to ${host}`, () => api.engineState().kind === 'connected' && api.engineClient()?.endpoint.host === host, 30_000);
    await api.view(VIEW).refreshNow();
  }

  const serviceRow = (name: string) => findRow<ServiceResource>(api, VIEW, 'swarmService', (r) => r.service.name === name, 3);
  const nodeRow = (hostname: string) => findRow<SwarmNode>(api, VIEW, 'swarmNode', (n) => n.hostname === hostname);
  const describe_ = (node: TreeNode | undefined): string => (node ? String(itemOf(api, VIEW, node).description ?? '') : '');
  /** The hostnames the service's running task rows name. */
  const runningOn = async (name: string): Promise<string[]> => {
    const tasks = (await rowsOf(api, VIEW, 4)).filter((n) => n.kind === 'swarmTask' && (n.resource as TaskResource).service.name === name) as TreeNode<string, TaskResource>[];
    return tasks.filter((t) => t.resource.task.state === 'running' && t.resource.task.desiredState === 'running').map((t) => t.resource.hostname ?? '?').sort();
  };

  before(async function () {
    this.timeout(180_000);
    swarm = await startSwarm();
    await skipDestructiveConfirmations(true);
    await config().update('swarm.resolveImage', 'never', vscode.ConfigurationTarget.Global);
    api = await activateBerth();
    await vscode.commands.executeCommand(`${VIEW}.focus`);
  });

  after(async function () {
    this.timeout(120_000);
    await config().update('host', undefined, vscode.ConfigurationTarget.Global);
    await config().update('swarm.resolveImage', undefined, vscode.ConfigurationTarget.Global);
    await skipDestructiveConfirmations(false);
    await swarm?.stop();
  });

  it('offers Initialize and Join on an engine outside a swarm; initializes and leaves through its commands', async function () {
    this.timeout(90_000);
    await connectTo(swarm.spare.host);
    const labels = (await rowsOf(api, VIEW, 1)).map((n) => itemOf(api, VIEW, n).label);
    assert.deepEqual(labels, ['This engine is not part of a swarm.', 'Initialize Swarm…', 'Join Swarm…']);
    await vscode.commands.executeCommand(Commands.swarmInitialize, swarm.spare.addr);
    await waitFor('the Services, Nodes, Secrets and Configs sections', async () => (await rowsOf(api, VIEW, 1)).map((n) => n.kind).join() === 'swarmSection,swarmSection,swarmSection,swarmSection');
    assert.ok(await nodeRow(swarm.spare.hostname), 'the spare engine is its only node');
    assert.match(describe_(await nodeRow(swarm.spare.hostname)), /^leader · active · ready/);
    assert.equal(await vscode.commands.executeCommand(Commands.swarmLeave), true);
    await waitFor('the inactive state again', async () => itemOf(api, VIEW, (await rowsOf(api, VIEW, 1))[0]!).label === 'This engine is not part of a swarm.');
  });

  it('shows a 3-replica service with a task on each of the three nodes', async function () {
    this.timeout(90_000);
    await connectTo(swarm.nodes[0].host);
    await nodeDocker(swarm.nodes[0], ['service', 'create', '-d', '--no-resolve-image', '--name', serviceName, '--label', `${TEST_LABEL}=${runId}`, '--endpoint-mode', 'dnsrr', '--stop-grace-period', '1s', '--replicas', '3', '--update-parallelism', '1', '--update-delay', '1s', '--update-monitor', '500ms', '--rollback-parallelism', '0', '--rollback-monitor', '500ms', swarm.image, ...SERVICE_CMD]);
    // The create event names the service; its tasks start on the other nodes with no event here: the settle re-list follows them.
    await waitFor('a running task on every node', async () => (await runningOn(serviceName)).join() === swarm.nodes.map((n) => n.hostname).join(), 30_000, 100);
    assert.equal(describe_(await serviceRow(serviceName)), `3/3 · ${swarm.image}`);
    const nodes = (await rowsOf(api, VIEW, 2)).filter((n) => n.kind === 'swarmNode').map((n) => `${itemOf(api, VIEW, n).label}: ${describe_(n)}`);
    assert.equal(nodes.length, 3);
    assert.match(nodes[0]!, new RegExp(`^${swarm.nodes[0].hostname}: leader · active · ready`));
    assert.match(nodes[1]!, new RegExp(`^${swarm.nodes[1].hostname}: manager · active · ready`));
    assert.match(nodes[2]!, new RegExp(`^${swarm.nodes[2].hostname}: worker · active · ready`));
  });

  it('scales the service to 5 and back to 3', async () => {
    await vscode.commands.executeCommand(Commands.swarmServiceScale, await serviceRow(serviceName), undefined, 5);
    await waitFor('5/5 in the tree', async () => describe_(await serviceRow(serviceName)).startsWith('5/5 '), 30_000, 100);
    assert.equal((await runningOn(serviceName)).length, 5);
    await vscode.commands.executeCommand(Commands.swarmServiceScale, await serviceRow(serviceName), undefined, 3);
    await waitFor('3/3 and three running tasks', async () => describe_(await serviceRow(serviceName)).startsWith('3/3 ') && (await runningOn(serviceName)).length === 3, 30_000, 100);
  });

  it('rolls the image out one task at a time, the view following it, then rolls it back', async function () {
    this.timeout(90_000);
    const tree = api.view(VIEW) as SwarmTree;
    let sawUpdating = false;
    let polled = false;
    const watch = tree.onDidRefresh(async () => {
      polled ||= tree.updatePoll.active;
      if (describe_(await serviceRow(serviceName)).includes('updating…')) sawUpdating = true;
    });
    try {
      await vscode.commands.executeCommand(Commands.swarmServiceUpdateImage, await serviceRow(serviceName), undefined, swarm.imageV2);
      await waitFor('three running tasks of the new image, the update done', async () => {
        const row = await serviceRow(serviceName);
        const tasks = (row?.children ?? []) as TreeNode<string, TaskResource>[];
        const onV2 = tasks.filter((t) => t.resource.task.state === 'running' && t.resource.task.image === swarm.imageV2).length;
        return row?.resource.service.updateStatus?.state === 'completed' && onV2 === 3 && describe_(row) === `3/3 · ${swarm.imageV2}`;
      }, 60_000, 100);
      assert.ok(sawUpdating, 'the row never said "updating…"');
      assert.ok(polled, 'the update poll never ran');
      await waitFor('the poll to stop once the update ended', () => !tree.updatePoll.active, 10_000);

      await vscode.commands.executeCommand(Commands.swarmServiceRollback, await serviceRow(serviceName));
      await waitFor('the rollback done, back on the first image', async () => {
        const row = await serviceRow(serviceName);
        return row?.resource.service.updateStatus?.state === 'rollback_completed' && describe_(row) === `3/3 · ${swarm.image}`;
      }, 60_000, 100);
    } finally {
      watch.dispose();
    }
  });

  it('drains node 3: its tasks move, and the tree shows it; activates it again', async () => {
    const worker = swarm.nodes[2].hostname;
    await vscode.commands.executeCommand(Commands.swarmNodeDrain, await nodeRow(worker));
    await waitFor('node 3 drained, no running task on it', async () => describe_(await nodeRow(worker)).startsWith('worker · drain') && !(await runningOn(serviceName)).includes(worker) && (await runningOn(serviceName)).length === 3, 30_000, 100);
    await vscode.commands.executeCommand(Commands.swarmNodeActivate, await nodeRow(worker));
    await waitFor('node 3 active', async () => describe_(await nodeRow(worker)).startsWith('worker · active'), 30_000, 100);
  });

  it('promotes the worker to manager and demotes it again', async () => {
    const worker = swarm.nodes[2].hostname;
    assert.equal(await vscode.commands.executeCommand(Commands.swarmNodePromote, await nodeRow(worker)), undefined);
    // "manager (promoting)" until it is a reachable member of the managers' raft.
    await waitFor('node 3 a reachable manager', async () => /^manager · active · ready/.test(describe_(await nodeRow(worker))), 60_000, 100);
    assert.equal(await vscode.commands.executeCommand(Commands.swarmNodeDemote, await nodeRow(worker)), undefined);
    await waitFor('node 3 a worker again', async () => /^worker · active · ready/.test(describe_(await nodeRow(worker))), 30_000, 100);
  });

  it('creates a secret and a config that a service uses: the value reaches the task, and no tree text or log', async () => {
    const value = `v@lue-${runId}-${Date.now()}`;
    const secretName = `berth-secret-${runId}`;
    const configName = `berth-config-${runId}`;
    await vscode.commands.executeCommand(Commands.swarmSecretCreate, { name: secretName, value, labels: { [TEST_LABEL]: runId } });
    await vscode.commands.executeCommand(Commands.swarmConfigCreate, { name: configName, value: 'mode=test\n' });
    const user = `berth-user-${runId}`;
    await nodeDocker(swarm.nodes[0], ['service', 'create', '-d', '--no-resolve-image', '--name', user, '--endpoint-mode', 'dnsrr', '--stop-grace-period', '1s', '--secret', secretName, '--config', `source=${configName},target=/etc/berth.conf`, swarm.image, ...SERVICE_CMD]);
    const secretRow = await waitFor('the secret used by the service', async () => {
      const row = await findRow<SecretResource>(api, VIEW, 'swarmSecret', (r) => r.item.name === secretName);
      return row && describe_(row) === `used by ${user}` ? row : undefined;
    }, 30_000, 100);
    assert.ok(await findRow<SecretResource>(api, VIEW, 'swarmConfig', (r) => r.item.name === configName && r.users.includes(user)));
    const task = await waitFor('the user task running', async () => {
      const row = await serviceRow(user);
      return (row?.children as TreeNode<string, TaskResource>[] | undefined)?.find((t) => t.resource.task.state === 'running')?.resource;
    }, 30_000, 100);
    const node = swarm.nodes.find((n) => n.hostname === task.hostname)!;
    assert.equal(await nodeDocker(node, ['exec', task.task.containerId!, 'cat', `/run/secrets/${secretName}`]), value);
    assert.equal(await nodeDocker(node, ['exec', task.task.containerId!, 'cat', '/etc/berth.conf']), 'mode=test');

    // Remove while in use: asked first (off for this suite), refused by the engine, with a message.
    const refused = await vscode.commands.executeCommand<{ failed?: boolean; message?: string }>(Commands.swarmSecretRemove, secretRow);
    assert.equal(refused?.failed, true);
    assert.match(refused!.message!, /in use/);
    const inspect = await vscode.commands.executeCommand<vscode.TextEditor>(Commands.swarmSecretInspect, secretRow);
    const shown = inspect.document.getText();
    assert.match(shown, new RegExp(`"UsedBy": \\[\\s*"${user}"`));
    assert.ok(!shown.includes(value));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    assert.ok(!(await allText(api)).includes(value), 'the secret value is in the tree');
    assert.ok(!berthLogs().includes(value), "the secret value is in Berth's log");
    await vscode.commands.executeCommand(Commands.swarmServiceRemove, await serviceRow(user));
    await waitFor('the secret removed once unused', async () => {
      const row = await findRow<SecretResource>(api, VIEW, 'swarmSecret', (r) => r.item.name === secretName);
      if (!row) return true;
      if (row.resource.users.length === 0) await vscode.commands.executeCommand(Commands.swarmSecretRemove, row);
      return false;
    }, 30_000, 200);
    await vscode.commands.executeCommand(Commands.swarmConfigRemove, await findRow<SecretResource>(api, VIEW, 'swarmConfig', (r) => r.item.name === configName));
  });

  it('deploys a compose file as a stack and removes it; hostile labels and commands stay text', async function () {
    this.timeout(90_000);
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const dir = fs.mkdtempSync(path.join(folder, `stack-${runId}-`));
    const marker = `/tmp/berth-stack-pwn-${runId}`;
    const hostile = `$(touch ${marker}) "q" \`touch ${marker}\` ![x](http://e.x/p.png) é 🚢`;
    const file = path.join(dir, 'stack.yml');
    fs.writeFileSync(
      file,
      `version: "3.8"\nservices:\n  web:\n    image: ${swarm.image}\n    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]\n` +
        `    environment:\n      NOTE: ${JSON.stringify(hostile.replace(/\$/g, '$$$$'))}\n    deploy:\n      replicas: 2\n      endpoint_mode: dnsrr\n      labels:\n        note: ${JSON.stringify(hostile.replace(/\$/g, '$$$$'))}\n`,
    );
    const stack = `berthstack${runId}`;
    try {
      assert.equal(await vscode.commands.executeCommand(Commands.swarmStackDeploy, { file: vscode.Uri.file(file), name: stack }), 0);
      const stackRow = await waitFor('the stack with its service', () => findRow<StackResource>(api, VIEW, 'swarmStack', (r) => r.name === stack && r.services.some((s) => s.name === `${stack}_web`)), 30_000, 100);
      const web = stackRow.children.find((c) => (c.resource as ServiceResource).service.name === `${stack}_web`)!;
      assert.equal((web.resource as ServiceResource).service.labels.note, hostile);
      const tooltip = itemOf(api, VIEW, web).tooltip;
      assert.ok(!(typeof tooltip === 'string' ? tooltip : tooltip?.value ?? '').replace(/(`+) .*? \1/g, '').includes('![x]('), 'the label reached the tooltip as Markdown');
      await waitFor('two running tasks', async () => (await runningOn(`${stack}_web`)).length === 2, 30_000, 100);
      await vscode.commands.executeCommand(Commands.swarmStackRemove, stackRow);
      await waitFor('the stack gone', async () => !(await findRow<StackResource>(api, VIEW, 'swarmStack', (r) => r.name === stack)), 30_000, 100);
      assert.equal(fs.existsSync(marker), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removes the service', async () => {
    await vscode.commands.executeCommand(Commands.swarmServiceRemove, await serviceRow(serviceName));
    await waitFor('the service gone', async () => !(await serviceRow(serviceName)), 30_000, 100);
  });
});
