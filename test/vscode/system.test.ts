/**
 * The System view in the real extension host against the real engine: its facts agree with the
 * CLI, disk usage is measured when opened, events arrive live, System Prune removes what it says,
 * and plugins (made with docker plugin create and pushed to the testbed's registry) are listed,
 * installed with their privileges, inspected and removed through their commands.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { PluginSummary } from '../../src/engine/systemMapping';
import type { EngineEvent } from '../../src/engine/types';
import type { Fact, Section } from '../../src/explorer/system/systemModel';
import type { TreeNode } from '../../src/explorer/shared/treeModel';
import { createTestContainer, docker, importTinyImage, removeTestContainers, removeTestImages, removeTestNetworks, runId, TEST_IMAGE, TEST_LABEL, testRegistries, waitFor } from '../support/docker';
import { openView, skipDestructiveConfirmations } from './testUtil';
import { Views } from '../../src/ids';
import { findRow, itemOf } from './treeUtil';

const VIEW = Views.system;

async function section(api: BerthApi, id: Section['id']): Promise<TreeNode> {
  const node = await findRow<Section>(api, VIEW, 'section', (s) => s.id === id, 1);
  assert.ok(node, `the ${id} section`);
  return node;
}

async function facts(api: BerthApi, id: Section['id']): Promise<Record<string, string>> {
  const children = await api.view(VIEW).getChildren(await section(api, id));
  return Object.fromEntries(children.map((c) => [(c.resource as Fact).label, (c.resource as Fact).value]));
}

/** A plugin's folder for docker plugin create: busybox as its root, a config that asks for the host network. */
async function pluginFolder(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-plugin-'));
  mkdirSync(path.join(dir, 'rootfs'));
  const id = await docker(['create', TEST_IMAGE, 'true']);
  try {
    await docker(['export', '-o', path.join(dir, 'rootfs.tar'), id]);
  } finally {
    await docker(['rm', id]);
  }
  const { execFileSync } = await import('node:child_process');
  execFileSync('tar', ['-C', path.join(dir, 'rootfs'), '-xf', path.join(dir, 'rootfs.tar')]);
  rmSync(path.join(dir, 'rootfs.tar'));
  writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({ description: 'Berth test plugin', documentation: 'https://example.invalid', entrypoint: ['/bin/sleep', '3600'], interface: { types: ['docker.volumedriver/1.0'], socket: 'berth.sock' }, network: { type: 'host' }, linux: { capabilities: [] } }),
  );
  return dir;
}

describe('System view', function () {
  this.timeout(120_000);
  let api: BerthApi;
  const registry = testRegistries().open;
  const plugins = [`berth-test/plugin-${runId}:v1`, `${registry}/berth-test/plugin-${runId}:v1`, `berth-test/installed-${runId}:v1`];

  before(async () => {
    await skipDestructiveConfirmations(true);
    api = await openView(VIEW);
  });

  after(async () => {
    await skipDestructiveConfirmations(false);
    for (const p of plugins) await docker(['plugin', 'rm', '-f', p]).catch(() => undefined);
    await removeTestContainers();
    await removeTestNetworks();
    await removeTestImages();
  });

  it('shows the engine’s facts as the CLI reports them', async () => {
    await waitFor('the facts', () => findRow<Section>(api, VIEW, 'section', (s) => s.id === 'engine', 1));
    const engine = await facts(api, 'engine');
    assert.equal(engine.Version, await docker(['version', '--format', '{{.Server.Version}}']));
    assert.match(engine.API ?? '', new RegExp(`^${(await docker(['version', '--format', '{{.Server.APIVersion}}'])).replace('.', '\\.')} \\(oldest accepted`));
    const storage = await facts(api, 'storage');
    assert.equal(storage['Storage driver'], await docker(['info', '--format', '{{.Driver}}']));
    assert.equal(storage['Logging driver'], await docker(['info', '--format', '{{.LoggingDriver}}']));
    assert.match(storage.Runtimes ?? '', /runc \(default\)/);
    const security = await facts(api, 'security');
    assert.match(security.Seccomp ?? '', /^on/);
    const registries = await facts(api, 'registries');
    assert.match(registries['Insecure registries'] ?? '', /127\.0\.0\.0\/8/);
  });

  it('measures disk usage when its section is opened', async () => {
    const rows = await api.view(VIEW).getChildren(await section(api, 'disk'));
    assert.deepEqual(rows.map((r) => String(itemOf(api, VIEW, r).label)), ['Images', 'Containers', 'Volumes', 'Build cache']);
    const cli = Object.fromEntries((await docker(['system', 'df', '--format', '{{.Type}}={{.TotalCount}}'])).split('\n').map((l) => l.split('=')));
    assert.match(String(itemOf(api, VIEW, rows[0]!).description), new RegExp(`^${cli.Images} \\(`));
  });

  it('logs engine events as they come, without asking the engine', async () => {
    const name = `berth-sys-${runId}`;
    await createTestContainer(name);
    await waitFor('the create event', () => findRow<EngineEvent>(api, VIEW, 'event', (e) => e.type === 'container' && e.action === 'create' && e.attributes.name === name));
  });

  it('prunes with System Prune and says what it freed', async () => {
    const stopped = await createTestContainer(`berth-sysprune-${runId}`);
    const network = await docker(['network', 'create', '--label', `${TEST_LABEL}=${runId}`, `berth-sysprune-${runId}`]);
    const ref = `berth-test/sysprune-${runId}:v1`;
    const dangling = await importTinyImage(ref, 'one');
    await importTinyImage(ref, 'two');
    const report = await vscode.commands.executeCommand<{ containers: number; networks: number; images: number; bytesReclaimed: number }>('berth.system.prune', { allImages: false, volumes: false, buildCache: false, filters: { label: [`${TEST_LABEL}=${runId}`] } });
    assert.ok(report && report.containers >= 1 && report.networks >= 1 && report.images >= 1, JSON.stringify(report));
    await assert.rejects(docker(['inspect', stopped]), /No such object/);
    await assert.rejects(docker(['network', 'inspect', network]), /No such network/);
    await assert.rejects(docker(['image', 'inspect', dangling]), /No such image/);
  });

  it('lists, inspects and removes a plugin; installs one from a registry, granting what it asks', async () => {
    const dir = await pluginFolder();
    try {
      await docker(['plugin', 'create', plugins[0]!, dir]);
      // The engine refuses a second plugin of the very same content: give the second one a file of its own.
      writeFileSync(path.join(dir, 'rootfs', 'which'), plugins[1]!);
      await docker(['plugin', 'create', plugins[1]!, dir]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await docker(['plugin', 'push', plugins[1]!], { timeoutMs: 120_000 });
    await docker(['plugin', 'rm', plugins[1]!]);

    const node = await waitFor('the plugin row', () => findRow<PluginSummary>(api, VIEW, 'plugin', (p) => p.name === plugins[0]));
    assert.equal(itemOf(api, VIEW, node).description, 'disabled · docker.volumedriver/1.0');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('berth.plugin.inspect', node);
    assert.equal(JSON.parse(editor!.document.getText()).Name, plugins[0]);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.equal(await vscode.commands.executeCommand('berth.plugin.remove', node), plugins[0]);
    await assert.rejects(docker(['plugin', 'inspect', plugins[0]!]), /no such plugin|not found/i);

    const installed = await vscode.commands.executeCommand<PluginSummary>('berth.plugins.install', { remote: plugins[1], name: plugins[2], grant: true, enable: false });
    assert.equal(installed?.name, plugins[2]);
    const settings = JSON.parse(await docker(['plugin', 'inspect', '-f', '{{json .Config.Network}}', plugins[2]!])) as { Type: string };
    assert.equal(settings.Type, 'host', 'the privilege it asked for was granted');
    await waitFor('the installed row', () => findRow<PluginSummary>(api, VIEW, 'plugin', (p) => p.name === plugins[2]));
  });
});
