/**
 * The Images view in the real extension host against the real engine and the testbed's real
 * registries: repository groups with tags and layers, and every action through its command —
 * tag, push and pull (with and without a login), remove, prune, inspect, copy — with the effect
 * checked in the engine or the registry.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { CommandFailure } from '../../src/commands/commandFailure';
import type { ImageLayer } from '../../src/engine/types';
import type { DanglingImage, ImageTag, RepositoryGroup } from '../../src/explorer/images/imagesModel';
import type { TreeNode } from '../../src/explorer/shared/treeModel';
import { Views } from '../../src/ids';
import { docker, importTinyImage, removeTestContainers, removeTestImages, runId, TEST_IMAGE, TEST_LABEL, testRegistries, waitFor } from '../support/docker';
import { openView, skipDestructiveConfirmations } from './testUtil';
import { findRow, itemOf } from './treeUtil';

const VIEW = Views.images;

/** The tags the registry has for `repository` (its HTTP API), or [] when it has none. */
function registryTags(registry: string, repository: string, auth?: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: Number(registry.split(':')[1]), path: `/v2/${repository}/tags/list`, ...(auth ? { auth } : {}) }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(res.statusCode === 200 ? ((JSON.parse(body) as { tags?: string[] | null }).tags ?? []) : []));
    });
    request.on('error', reject);
  });
}

const tagRow = (api: BerthApi, ref: string) => findRow<ImageTag>(api, VIEW, 'imageTag', (t) => t.ref === ref);

describe('Images view', function () {
  this.timeout(90_000);
  let api: BerthApi;
  const registries = testRegistries();
  const dockerConfig = mkdtempSync(path.join(os.tmpdir(), 'berth-docker-config-'));
  const dockerConfigBefore = process.env.DOCKER_CONFIG;

  before(async () => {
    // Berth reads registry logins where the CLI keeps them; this run's own folder, not the user's.
    process.env.DOCKER_CONFIG = dockerConfig;
    await skipDestructiveConfirmations(true);
    api = await openView(VIEW);
  });

  after(async () => {
    if (dockerConfigBefore === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = dockerConfigBefore;
    rmSync(dockerConfig, { recursive: true, force: true });
    await skipDestructiveConfirmations(false);
    await vscode.workspace.getConfiguration('berth').update('images.showDangling', undefined, vscode.ConfigurationTarget.Global);
    await removeTestContainers();
    // A tag of the shared test image carries no label of this run: removed by name.
    await docker(['rmi', `berth-test/retagged-${runId}:v2`]).catch(() => undefined);
    await removeTestImages();
  });

  it('groups the test image under its repository, with its size, and reads its layers when opened', async () => {
    const group = await waitFor('the berth-test/busybox group', () => findRow<RepositoryGroup>(api, VIEW, 'repository', (g) => g.repository === 'berth-test/busybox', 1));
    assert.match(String(itemOf(api, VIEW, group).description), /^\d+ tags? · [\d.]+ MiB$/);
    const tag = (await tagRow(api, TEST_IMAGE))!;
    assert.equal(itemOf(api, VIEW, tag).label, 'latest');
    assert.match(String(itemOf(api, VIEW, tag).description), /^1\.\d MiB · \d{4}-\d\d-\d\d( · \d+ containers?)? · [0-9a-f]{12}$/);
    const layers = await api.view(VIEW).getChildren(tag);
    assert.ok(layers.length >= 1 && layers.every((l) => l.kind === 'imageLayer'), 'its history');
    const engineLayers = JSON.parse(await docker(['history', '--no-trunc', '--format', '{{json .}}', TEST_IMAGE]).then((out) => `[${out.split('\n').join(',')}]`)) as unknown[];
    assert.equal(layers.length, engineLayers.length);
    assert.ok(((layers[0] as TreeNode<string, ImageLayer>).resource.size) > 0);
  });

  it('tags an image with Tag Image, and the new tag shows up', async () => {
    const target = `berth-test/retagged-${runId}:v2`;
    const tag = (await tagRow(api, TEST_IMAGE))!;
    await vscode.commands.executeCommand('berth.image.tag', tag, [tag], target);
    assert.equal(await docker(['image', 'inspect', '-f', '{{.Id}}', target]), (tag.resource as ImageTag).image.id);
    await waitFor('the new tag row', () => tagRow(api, target));
  });

  it('pushes to an open registry with Push Image, and pulls it back with Pull Image', async () => {
    const repository = `berth-test/tiny-${runId}`;
    const ref = `${registries.open}/${repository}:v1`;
    await importTinyImage(ref);
    const row = await waitFor('the tiny image row', () => tagRow(api, ref));
    assert.equal(await vscode.commands.executeCommand('berth.image.push', row), ref);
    assert.deepEqual(await registryTags(registries.open, repository), ['v1']);
    await docker(['rmi', ref]);
    await waitFor('the row to go', async () => !(await tagRow(api, ref)));
    assert.equal(await vscode.commands.executeCommand('berth.images.pull', ref), ref);
    assert.match(await docker(['image', 'inspect', '-f', '{{.Id}}', ref]), /^sha256:/);
    await waitFor('the pulled row', () => tagRow(api, ref));
  });

  it('says a registry needs a login, and pushes once config.json has it', async () => {
    const repository = `berth-test/private-${runId}`;
    const ref = `${registries.auth}/${repository}:v1`;
    await importTinyImage(ref);
    const row = await waitFor('the row', () => tagRow(api, ref));
    const failure = await vscode.commands.executeCommand<CommandFailure>('berth.image.push', row);
    assert.equal(failure?.failed, true);
    assert.match(failure.message, new RegExp(`docker login ${registries.auth.replace(/\./g, '\\.')}`));
    writeFileSync(path.join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [registries.auth]: { auth: Buffer.from(`${registries.user}:${registries.password}`).toString('base64') } } }));
    assert.equal(await vscode.commands.executeCommand('berth.image.push', row), ref);
    assert.deepEqual(await registryTags(registries.auth, repository, `${registries.user}:${registries.password}`), ['v1']);
  });

  it('says which containers use an image, and follows them as they come and go', async () => {
    const ref = `berth-test/used-${runId}:v1`;
    await importTinyImage(ref);
    const unused = await waitFor('the row', () => tagRow(api, ref));
    assert.doesNotMatch(String(itemOf(api, VIEW, unused).description), /container/);
    const cid = await docker(['create', '--name', `berth-user-${runId}`, '--label', `${TEST_LABEL}=${runId}`, ref, '/hello.txt']);
    const used = await waitFor('the row to say one container uses it', async () => {
      const row = await tagRow(api, ref);
      return row && / · 1 container · /.test(String(itemOf(api, VIEW, row).description)) ? row : undefined;
    });
    assert.deepEqual((used.resource as ImageTag).usedBy, [`berth-user-${runId}`]);
    await docker(['rm', cid]);
    await waitFor('the row to say nobody uses it', async () => {
      const row = await tagRow(api, ref);
      return row && !/container/.test(String(itemOf(api, VIEW, row).description));
    });
  });

  it('inspects, copies the id, and removes a tag with Remove Image', async () => {
    const ref = `berth-test/removable-${runId}:v1`;
    const id = await importTinyImage(ref);
    const row = await waitFor('the row', () => tagRow(api, ref));
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('berth.image.inspect', row);
    assert.equal(JSON.parse(editor!.document.getText()).Id, id);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.equal(await vscode.commands.executeCommand('berth.image.copyId', row), id);
    assert.equal(await vscode.env.clipboard.readText(), id);
    const [removal] = (await vscode.commands.executeCommand<{ untagged: string[]; deleted: string[] }[]>('berth.image.remove', row, [row]))!;
    assert.deepEqual(removal?.untagged, [ref]);
    assert.ok(removal?.deleted.includes(id), 'its only tag: the image goes too (with its layers)');
    await assert.rejects(docker(['image', 'inspect', id]), /No such image/);
    await waitFor('the row to go', async () => !(await tagRow(api, ref)));
  });

  it('shows untagged images when asked, and prunes them, saying what it freed', async () => {
    const ref = `berth-test/moving-${runId}:v1`;
    const old = await importTinyImage(ref, 'old');
    await importTinyImage(ref, 'new');
    await vscode.workspace.getConfiguration('berth').update('images.showDangling', true, vscode.ConfigurationTarget.Global);
    await waitFor('the untagged image row', () => findRow<DanglingImage>(api, VIEW, 'danglingImage', (d) => d.image.id === old));
    const result = await vscode.commands.executeCommand<{ deleted: string[]; bytesReclaimed: number }>('berth.images.prune', { all: false, filters: { label: [`${TEST_LABEL}=${runId}`] } });
    assert.ok(result?.deleted.includes(old), JSON.stringify(result));
    await assert.rejects(docker(['image', 'inspect', old]), /No such image/);
    await waitFor('the row to go', async () => !(await findRow<DanglingImage>(api, VIEW, 'danglingImage', (d) => d.image.id === old)));
  });
});
