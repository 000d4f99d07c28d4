/**
 * The Networks view in the real extension host against the real engine: it lists networks made
 * through the CLI with their containers and addresses, follows the event stream, and every action
 * runs through its command with the effect checked in the engine.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { NetworkSummary } from '../../src/engine/types';
import type { NetworkAttachment } from '../../src/explorer/networks/networksModel';
import { Views } from '../../src/ids';
import { createTestContainer, docker, removeTestContainers, removeTestNetworks, runId, TEST_LABEL, testSubnetPrefix, waitFor } from '../support/docker';
import { openView, skipDestructiveConfirmations } from './testUtil';
import { findRow, itemOf, rowsOf } from './treeUtil';

const VIEW = Views.networks;

async function inspectNetwork(id: string): Promise<{ Name: string; Internal: boolean; Labels: Record<string, string>; Options: Record<string, string>; IPAM: { Config: { Subnet: string; Gateway: string }[] }; Containers: Record<string, { IPv4Address: string }> }> {
  return JSON.parse(await docker(['network', 'inspect', id]))[0];
}

const networkRow = (api: BerthApi, id: string) => findRow<NetworkSummary>(api, VIEW, 'network', (n) => n.id === id);

describe('Networks view', function () {
  this.timeout(60_000);
  let api: BerthApi;
  const prefix = testSubnetPrefix();

  before(async () => {
    await skipDestructiveConfirmations(true);
    api = await openView(VIEW);
  });

  after(async () => {
    await skipDestructiveConfirmations(false);
    await removeTestContainers();
    await removeTestNetworks();
  });

  it('lists a real network with driver, scope and subnet, and its containers with their addresses', async () => {
    const name = `berth-net-${runId}`;
    const id = await docker(['network', 'create', '--label', `${TEST_LABEL}=${runId}`, '--subnet', `${prefix}.0/24`, '--internal', name]);
    const node = await waitFor('the network row', () => networkRow(api, id));
    assert.equal(itemOf(api, VIEW, node).label, name);
    assert.equal(itemOf(api, VIEW, node).description, `bridge · local · ${prefix}.0/24 · internal`);
    assert.equal(itemOf(api, VIEW, node).contextValue, 'network.connectable');

    const cid = await createTestContainer(`berth-netc-${runId}`, { start: true, extraArgs: ['--network', name, '--ip', `${prefix}.9`] });
    // Created, then started: the start's `connect` event brings its address.
    const child = await waitFor('the container under the network, with its address', async () => {
      const row = await findRow<NetworkAttachment>(api, VIEW, 'networkContainer', (a) => a.container.id === cid && a.network.id === id);
      return row && itemOf(api, VIEW, row).description === `${prefix}.9` ? row : undefined;
    });
    assert.equal(child.parent, await networkRow(api, id));
  });

  it('creates a network with Create Network, as asked', async () => {
    const name = `berth-created-${runId}`;
    const id = (await vscode.commands.executeCommand<string>('berth.network.create', {
      name,
      driver: 'bridge',
      subnet: `${testSubnetPrefix(1)}.0/24`,
      gateway: `${testSubnetPrefix(1)}.1`,
      internal: true,
      labels: { [TEST_LABEL]: runId, note: 'a "quoted" $(value)' },
      options: { 'com.docker.network.driver.mtu': '1400' },
    }))!;
    const engine = await inspectNetwork(id);
    assert.equal(engine.Name, name);
    assert.equal(engine.Internal, true);
    assert.deepEqual(engine.IPAM.Config, [{ Subnet: `${testSubnetPrefix(1)}.0/24`, Gateway: `${testSubnetPrefix(1)}.1` }]);
    assert.equal(engine.Labels.note, 'a "quoted" $(value)');
    assert.equal(engine.Options['com.docker.network.driver.mtu'], '1400');
    await waitFor('the new row', () => networkRow(api, id));
  });

  it('connects a container with an alias and a fixed address, and disconnects it', async () => {
    const name = `berth-conn-${runId}`;
    const id = await docker(['network', 'create', '--label', `${TEST_LABEL}=${runId}`, '--subnet', `${testSubnetPrefix(2)}.0/24`, name]);
    const cid = await createTestContainer(`berth-conn-c-${runId}`, { start: true });
    const node = await waitFor('the network row', () => networkRow(api, id));
    await vscode.commands.executeCommand('berth.network.connect', node, { container: cid, aliases: ['cache'], ipv4: `${testSubnetPrefix(2)}.77` });
    const attached = (await inspectNetwork(id)).Containers[cid];
    assert.equal(attached?.IPv4Address, `${testSubnetPrefix(2)}.77/24`);
    const aliases = await docker(['inspect', '-f', `{{json (index .NetworkSettings.Networks "${name}").Aliases}}`, cid]);
    assert.ok((JSON.parse(aliases) as string[]).includes('cache'), aliases);

    const child = await waitFor('the container row with its address', async () => {
      const row = await findRow<NetworkAttachment>(api, VIEW, 'networkContainer', (a) => a.container.id === cid && a.network.id === id);
      return row && itemOf(api, VIEW, row).description === `${testSubnetPrefix(2)}.77` ? row : undefined;
    });
    await vscode.commands.executeCommand('berth.network.disconnect', child, [child]);
    assert.equal((await inspectNetwork(id)).Containers[cid], undefined);
    await waitFor('the row to go', async () => !(await findRow<NetworkAttachment>(api, VIEW, 'networkContainer', (a) => a.container.id === cid && a.network.id === id)));
  });

  it('shows a hostile network name as text, inspects it and removes it without running it', async () => {
    const marker = `/tmp/berth-pwn-net-${runId}`;
    const name = `net$(touch ${marker}) "q" é ${runId}`;
    const id = await docker(['network', 'create', '--label', `${TEST_LABEL}=${runId}`, name]);
    const node = await waitFor('the hostile row', () => networkRow(api, id));
    assert.equal(itemOf(api, VIEW, node).label, name);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('berth.network.inspect', node);
    assert.equal(JSON.parse(editor!.document.getText()).Id, id);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand('berth.network.remove', node, [node]);
    await assert.rejects(docker(['network', 'inspect', id]), /No such network/);
    await waitFor('the row to go', async () => !(await networkRow(api, id)));
    assert.equal(existsSync(marker), false, 'nothing from the name was executed');
  });

  it('prunes unused networks and says which', async () => {
    const unused = await docker(['network', 'create', '--label', `${TEST_LABEL}=${runId}`, '--label', 'berth.prune=yes', `berth-unused-${runId}`]);
    const removed = await vscode.commands.executeCommand<string[]>('berth.networks.prune', { filters: { label: [`${TEST_LABEL}=${runId}`, 'berth.prune=yes'] } });
    assert.deepEqual(removed, [`berth-unused-${runId}`]);
    await assert.rejects(docker(['network', 'inspect', unused]), /No such network/);
  });

  it('filters its rows, and says when nothing matches', async () => {
    await vscode.commands.executeCommand('berth.networks.filter', `created-${runId}`);
    try {
      const rows = await rowsOf(api, VIEW, 1);
      assert.deepEqual(rows.map((r) => (r.resource as NetworkSummary).name), [`berth-created-${runId}`]);
      await vscode.commands.executeCommand('berth.networks.filter', 'no-such-network-anywhere');
      const [message] = await rowsOf(api, VIEW, 1);
      assert.equal(message?.kind, 'message');
      assert.match(itemOf(api, VIEW, message!).label as string, /No networks match/);
    } finally {
      await vscode.commands.executeCommand('berth.networks.filter', '');
    }
    assert.ok((await rowsOf(api, VIEW, 1)).length > 1);
  });

  it('hides the built-in networks when the setting says so', async () => {
    const config = vscode.workspace.getConfiguration('berth');
    assert.ok(await findRow<NetworkSummary>(api, VIEW, 'network', (n) => n.name === 'bridge'));
    await config.update('networks.showBuiltIn', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('bridge to be hidden', async () => !(await findRow<NetworkSummary>(api, VIEW, 'network', (n) => n.name === 'bridge')));
    } finally {
      await config.update('networks.showBuiltIn', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
