/**
 * The Volumes view in the real extension host against the real engine: volumes made through the
 * CLI with the containers that mount them, sizes measured on request, and every action through its
 * command with the effect checked in the engine.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { VolumeEntry, VolumeMount } from '../../src/explorer/volumes/volumesModel';
import { createTestContainer, docker, removeTestContainers, removeTestVolumes, runId, TEST_LABEL, waitFor } from '../support/docker';
import { openView, skipDestructiveConfirmations } from './testUtil';
import { Views } from '../../src/ids';
import { findRow, itemOf } from './treeUtil';

const VIEW = Views.volumes;
const volumeRow = (api: BerthApi, name: string) => findRow<VolumeEntry>(api, VIEW, 'volume', (e) => e.volume.name === name);

describe('Volumes view', function () {
  this.timeout(60_000);
  let api: BerthApi;

  before(async () => {
    await skipDestructiveConfirmations(true);
    api = await openView(VIEW);
  });

  after(async () => {
    await skipDestructiveConfirmations(false);
    await removeTestContainers();
    await removeTestVolumes();
  });

  it('lists a real volume with its driver, and the containers that mount it where', async () => {
    const name = `berth-vol-${runId}`;
    await docker(['volume', 'create', '--label', `${TEST_LABEL}=${runId}`, '--label', 'note=$(touch /tmp/x) `id`', name]);
    const node = await waitFor('the volume row', () => volumeRow(api, name));
    assert.equal(itemOf(api, VIEW, node).label, name);
    assert.equal(itemOf(api, VIEW, node).description, 'local · unused');
    const cid = await createTestContainer(`berth-volc-${runId}`, { extraArgs: ['-v', `${name}:/data:ro`] });
    const child = await waitFor('the container under the volume', () => findRow<VolumeMount>(api, VIEW, 'volumeContainer', (m) => m.container.id === cid && m.volume.name === name));
    assert.equal(itemOf(api, VIEW, child).description, '/data (read-only) · created');
    await waitFor('the volume to say it is used', async () => itemOf(api, VIEW, (await volumeRow(api, name))!).description === 'local · in use by 1');
  });

  it('creates a tmpfs volume with Create Volume, as asked', async () => {
    const name = `berth-tmpfs-${runId}`;
    const created = await vscode.commands.executeCommand<string>('berth.volume.create', {
      name,
      driver: 'local',
      options: { type: 'tmpfs', device: 'tmpfs', o: 'size=2m,uid=1000' },
      labels: { [TEST_LABEL]: runId, note: 'a "quoted" $(value)' },
    });
    assert.equal(created, name);
    const engine = JSON.parse(await docker(['volume', 'inspect', name]))[0] as { Options: Record<string, string>; Labels: Record<string, string> };
    assert.deepEqual(engine.Options, { type: 'tmpfs', device: 'tmpfs', o: 'size=2m,uid=1000' });
    assert.equal(engine.Labels.note, 'a "quoted" $(value)');
    await waitFor('the new row', () => volumeRow(api, name));
  });

  it('measures sizes only when asked, and shows them', async () => {
    const name = `berth-sized-${runId}`;
    await docker(['volume', 'create', '--label', `${TEST_LABEL}=${runId}`, name]);
    await createTestContainer(`berth-filler-${runId}`, { start: false, cmd: ['dd', 'if=/dev/zero', 'of=/data/blob', 'bs=1024', 'count=2048'], extraArgs: ['-v', `${name}:/data`] }).then((id) => docker(['start', '-a', id]));
    const before = await waitFor('the row', () => volumeRow(api, name));
    assert.doesNotMatch(String(itemOf(api, VIEW, before).description), /MiB/, 'no size until measured');
    await vscode.commands.executeCommand('berth.volumes.measure');
    const after = (await volumeRow(api, name))!;
    assert.match(String(itemOf(api, VIEW, after).description), / · 2 MiB$/);
  });

  it('inspects and removes a volume through its commands', async () => {
    const name = `berth-gone-${runId}`;
    await docker(['volume', 'create', '--label', `${TEST_LABEL}=${runId}`, name]);
    const node = await waitFor('the row', () => volumeRow(api, name));
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('berth.volume.inspect', node);
    assert.equal(JSON.parse(editor!.document.getText()).Name, name);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand('berth.volume.remove', node, [node]);
    await assert.rejects(docker(['volume', 'inspect', name]), /No such volume/);
    await waitFor('the row to go', async () => !(await volumeRow(api, name)));
  });

  it('prunes unused volumes and says what it freed', async () => {
    const name = `berth-unused-${runId}`;
    await docker(['volume', 'create', '--label', `${TEST_LABEL}=${runId}`, '--label', 'berth.prune=yes', name]);
    const report = await vscode.commands.executeCommand<{ removed: string[]; bytesReclaimed: number }>('berth.volumes.prune', { filters: { label: [`${TEST_LABEL}=${runId}`, 'berth.prune=yes'] } });
    assert.deepEqual(report?.removed, [name]);
    assert.equal(typeof report?.bytesReclaimed, 'number');
    await assert.rejects(docker(['volume', 'inspect', name]), /No such volume/);
  });
});
