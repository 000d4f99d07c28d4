/**
 * Container files and volume browsing in the real extension host against the real engine: every
 * operation through `vscode.workspace.fs` on Berth's URIs (what the Explorer and editors use), the
 * commands, a stopped container read through the archive, and a browsed volume whose helper
 * container is gone when the browse ends.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { VolumeEntry } from '../../src/explorer/volumes/volumesModel';
import { Views } from '../../src/ids';
import { createTestContainer, docker, removeTestContainers, removeTestVolumes, runId, TEST_IMAGE, TEST_LABEL, waitFor } from '../support/docker';
import { containerRow, openView, skipDestructiveConfirmations } from './testUtil';
import { findRow } from './treeUtil';

const HOSTILE = ['a "q" \'b\'', '$(touch pwned)', 'back`id`tick', 'new\nline', 'emoji 🚢 space'];
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const fileUri = (id: string, p: string): vscode.Uri => vscode.Uri.from({ scheme: 'berth-files', authority: id, path: p });

async function rejectsWith(promise: Thenable<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(Promise.resolve(promise), (error: unknown) => error instanceof vscode.FileSystemError && error.code === code && message.test(error.message));
}

describe('Container files and volume browsing', function () {
  this.timeout(60_000);
  let api: BerthApi;
  let running: string;
  const local = mkdtempSync(path.join(tmpdir(), 'berth-files-'));

  before(async () => {
    await skipDestructiveConfirmations(true);
    api = await openView(Views.containers);
    running = await createTestContainer(`berth-files-run-${runId}`, { start: true, extraArgs: ['--network', 'none'] });
    await docker(['exec', running, 'mkdir', '/h']);
    for (const name of HOSTILE) await docker(['exec', running, 'touch', `/h/${name}`]);
    await docker(['exec', running, 'sh', '-c', 'echo "from the container" > /h/readme']);
  });

  const volume = `berth-files-vol-${runId}`;

  after(async () => {
    await skipDestructiveConfirmations(false);
    // A helper left behind (only if the code under test failed) would keep the volume in use.
    const helpers = (await docker(['ps', '-aq', '--filter', `label=berth.volumeBrowser=${volume}`])).split('\n').filter(Boolean);
    if (helpers.length > 0) await docker(['rm', '-f', ...helpers]);
    await removeTestContainers();
    await removeTestVolumes();
    rmSync(local, { recursive: true, force: true });
  });

  it('lists hostile names as text, reads, writes and makes folders through workspace.fs', async () => {
    const listed = await vscode.workspace.fs.readDirectory(fileUri(running, '/h'));
    assert.deepEqual(listed.map(([n]) => n).sort(), [...HOSTILE, 'readme'].sort());
    assert.ok(listed.every(([, type]) => type === vscode.FileType.File));
    assert.equal(text(await vscode.workspace.fs.readFile(fileUri(running, '/h/readme'))), 'from the container\n');

    await vscode.workspace.fs.writeFile(fileUri(running, '/h/$(touch pwned)'), Buffer.from('written é 🚢'));
    assert.equal(await docker(['exec', running, 'cat', '/h/$(touch pwned)']), 'written é 🚢');
    await vscode.workspace.fs.createDirectory(fileUri(running, '/h/new `folder`'));
    assert.equal((await vscode.workspace.fs.stat(fileUri(running, '/h/new `folder`'))).type, vscode.FileType.Directory);
    await rejectsWith(vscode.workspace.fs.stat(fileUri(running, '/h/pwned')), 'FileNotFound', /does not exist/);
  });

  it('uploads a local file, downloads it back, and deletes it after (asking is turned off)', async () => {
    const source = path.join(local, 'upload me 🚢.txt');
    writeFileSync(source, 'uploaded\n');
    const uploaded = await vscode.commands.executeCommand<vscode.Uri[]>('berth.files.upload', fileUri(running, '/h/new `folder`'), undefined, [vscode.Uri.file(source)]);
    assert.deepEqual(uploaded.map((u) => u.path), ['/h/new `folder`/upload me 🚢.txt']);
    assert.equal(await docker(['exec', running, 'cat', '/h/new `folder`/upload me 🚢.txt']), 'uploaded');

    const saved = vscode.Uri.file(path.join(local, 'downloaded'));
    await vscode.commands.executeCommand('berth.files.download', uploaded[0], undefined, saved);
    assert.equal(readFileSync(saved.fsPath, 'utf8'), 'uploaded\n');

    assert.equal(await vscode.commands.executeCommand('berth.files.delete', fileUri(running, '/h/new `folder`')), true);
    await rejectsWith(vscode.workspace.fs.stat(fileUri(running, '/h/new `folder`')), 'FileNotFound', /does not exist/);
  });

  it('makes a new file and folder by name, refusing a name with a slash, and renames', async () => {
    const folder = await vscode.commands.executeCommand<vscode.Uri>('berth.files.newFolder', fileUri(running, '/h'), undefined, 'made here');
    assert.equal((await vscode.workspace.fs.stat(folder)).type, vscode.FileType.Directory);
    const file = await vscode.commands.executeCommand<vscode.Uri>('berth.files.newFile', folder, undefined, 'empty.txt');
    assert.equal(file.path, '/h/made here/empty.txt');
    assert.equal(await docker(['exec', running, 'stat', '-c', '%s', '/h/made here/empty.txt']), '0');
    const refused = await vscode.commands.executeCommand<{ failed: boolean; message: string }>('berth.files.newFile', folder, undefined, 'a/b');
    assert.match(refused.message, /without "\/"/);
    const renamed = await vscode.commands.executeCommand<vscode.Uri>('berth.files.rename', file, undefined, 'renamed $(id).txt');
    assert.equal(renamed.path, '/h/made here/renamed $(id).txt');
    assert.equal(await docker(['exec', running, 'ls', '/h/made here']), 'renamed $(id).txt');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a container\'s files in the Files view from its row, and closes them', async () => {
    const row = await containerRow(api, running, 'running');
    const root = await vscode.commands.executeCommand<vscode.Uri>('berth.container.openFiles', row);
    assert.equal(root.toString(), fileUri(running, '/').toString());
    const rootNode = ((await api.filesTree.getChildren()) ?? []).find((n) => n.kind === 'filesRoot' && n.uri.toString() === root.toString());
    assert.equal(api.filesTree.getTreeItem(rootNode!).label, `berth-files-run-${runId}`);
    const h = ((await api.filesTree.getChildren(rootNode)) ?? []).find((n) => n.kind === 'file' && n.uri.path === '/h');
    assert.equal(api.filesTree.getTreeItem(h!).contextValue, 'filesFolder');
    const rows = ((await api.filesTree.getChildren(h)) ?? []).map((n) => api.filesTree.getTreeItem(n));
    const newline = rows.find((r) => r.label === 'new\\nline');
    assert.equal(newline?.contextValue, 'filesFile', 'a newline in a name is shown escaped, in one row');
    assert.equal(newline?.command?.command, 'vscode.open');
    assert.equal(await vscode.commands.executeCommand('berth.files.close', { uri: root }), true);
    assert.equal(await vscode.commands.executeCommand('berth.files.close', { uri: root }), false);
  });

  it('reads a stopped container through its archive, and refuses delete with what to do', async () => {
    const stopped = await createTestContainer(`berth-files-stop-${runId}`, { start: true, extraArgs: ['--network', 'none'] });
    await docker(['exec', stopped, 'sh', '-c', 'mkdir /s && echo stopped > "/s/new\nline"']);
    await docker(['stop', stopped]);
    const listed = await vscode.workspace.fs.readDirectory(fileUri(stopped, '/s'));
    assert.deepEqual(listed, [['new\nline', vscode.FileType.File]]);
    assert.equal(text(await vscode.workspace.fs.readFile(fileUri(stopped, '/s/new\nline'))), 'stopped\n');
    await rejectsWith(vscode.workspace.fs.delete(fileUri(stopped, '/s/new\nline')), 'NoPermissions', /not running.*Start the container/);
  });

  it('browses a volume read-only and leaves no helper container behind', async () => {
    await docker(['volume', 'create', '--label', `${TEST_LABEL}=${runId}`, volume]);
    await docker(['run', '--rm', '--label', `${TEST_LABEL}=${runId}`, '-v', `${volume}:/data`, TEST_IMAGE, 'sh', '-c', 'echo in-volume > "/data/a file"']);
    await openView(Views.volumes);
    const row = await waitFor('the volume row', () => findRow<VolumeEntry>(api, Views.volumes, 'volume', (e) => e.volume.name === volume));
    const root = await vscode.commands.executeCommand<vscode.Uri>('berth.volume.browse', row);
    const helpers = (): Promise<string> => docker(['ps', '-aq', '--filter', `label=berth.volumeBrowser=${volume}`]);
    try {
      assert.equal(root.toString(), `berth-volume://${volume}/`);
      assert.deepEqual(await vscode.workspace.fs.readDirectory(root), [['a file', vscode.FileType.File]]);
      assert.equal(text(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, 'a file'))), 'in-volume\n');
      await rejectsWith(vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, 'x'), Buffer.from('x')), 'NoPermissions', /read-only/);
      assert.notEqual(await helpers(), '');
    } finally {
      // Closing the volume in the Files view ends the browse.
      assert.equal(await vscode.commands.executeCommand('berth.files.close', { uri: root }), true);
    }
    await waitFor('the helper container to be removed', async () => (await helpers()) === '');
    // Nothing open any more: the view says how to open something, as a row.
    const rows = (await api.filesTree.getChildren()) ?? [];
    assert.deepEqual(rows.map((r) => r.kind), ['filesMessage']);
    assert.match(String(api.filesTree.getTreeItem(rows[0]!).label), /Open Files on its row/);
  });
});
