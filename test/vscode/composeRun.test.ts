/**
 * Running a compose project through Berth's commands with the Compose found on the machine
 * (here Debian's docker-compose v1), verified in the engine, and seen as a group in the tree.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import { isCommandFailure } from '../../src/commands/commandFailure';
import { docker, runId, SERVICE_CMD, TEST_IMAGE, TEST_LABEL, waitFor } from '../support/docker';
import { activateBerth, terminalText } from './testUtil';

describe('Compose projects', function () {
  this.timeout(120_000);
  let api: BerthApi;
  const dir = path.join(tmpdir(), `berth-compose-${runId}`);
  const file = vscode.Uri.file(path.join(dir, 'compose.yaml'));

  /** Engine state of each service of this project, by service name. */
  async function services(): Promise<Record<string, string>> {
    const out = await docker(['ps', '-a', '--filter', `label=${TEST_LABEL}=${runId}`, '--filter', 'label=berth.compose.test=1', '--format', '{{.Label "com.docker.compose.service"}}={{.State}}']);
    return Object.fromEntries(out.split('\n').filter(Boolean).map((l) => l.split('=') as [string, string]));
  }

  before(async () => {
    mkdirSync(dir, { recursive: true });
    // `$` is Compose interpolation: the shell's `$!` is written `$$!`.
    const service = (cmd: string[]): string =>
      `    image: ${TEST_IMAGE}\n    command: ${JSON.stringify(cmd).replace(/\$/g, '$$$$')}\n    labels:\n      ${TEST_LABEL}: "${runId}"\n      berth.compose.test: "1"\n    stop_grace_period: 1s\n`;
    writeFileSync(file.fsPath, `services:\n  web:\n${service(['httpd', '-f', '-p', '80', '-h', '/'])}  worker:\n${service(SERVICE_CMD)}    depends_on: [web]\n`);
    api = await activateBerth();
    await vscode.workspace.getConfiguration('berth').update('confirmDestructive', false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('berth.containers.focus');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('berth').update('confirmDestructive', undefined, vscode.ConfigurationTarget.Global);
    const ids = (await docker(['ps', '-aq', '--filter', 'label=berth.compose.test=1'])).split('\n').filter(Boolean);
    if (ids.length) await docker(['rm', '-f', ...ids]);
    const networks = (await docker(['network', 'ls', '-q', '--filter', `name=berth-compose-${runId}`]).catch(() => '')).split('\n').filter(Boolean);
    for (const n of networks) await docker(['network', 'rm', n]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers Up, Down and Logs lenses on services: and Up, Restart, Logs on each service', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const lenses = await waitFor('code lenses', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file);
      return found && found.length >= 9 ? found : undefined;
    });
    const summary = lenses.map((l) => `${l.range.start.line}:${l.command?.command}:${(l.command?.arguments?.[0] as { service?: string } | undefined)?.service ?? ''}`);
    for (const expected of ['0:berth.compose.up:', '0:berth.compose.down:', '0:berth.compose.logs:', '1:berth.compose.service.up:web', '1:berth.compose.service.restart:web', '1:berth.compose.service.logs:web']) {
      assert.ok(summary.includes(expected), `${expected} in ${summary.join(', ')}`);
    }
    assert.ok(summary.some((s) => s.endsWith(':berth.compose.service.up:worker')));
  });

  it('brings the project up from the file, and the tree shows it as a group', async () => {
    assert.equal(await vscode.commands.executeCommand('berth.compose.up', file), 0);
    assert.deepEqual(await services(), { web: 'running', worker: 'running' });
    const group = await waitFor('the project group in the tree', async () => {
      const top = (await api.containersTree.getChildren(undefined)) ?? [];
      return top.find((n) => n.kind === 'composeProject' && n.children.length === 2 && n.children.every((c) => c.container.labels[TEST_LABEL] === runId));
    });
    assert.equal((api.containersTree.getTreeItem(group) as vscode.TreeItem).description, '2/2 running');
  });

  it("lists the project with ps: the task's terminal names the project's containers", async () => {
    assert.equal(await vscode.commands.executeCommand('berth.compose.ps', file), 0);
    const names = (await docker(['ps', '-a', '--filter', `label=${TEST_LABEL}=${runId}`, '--filter', 'label=berth.compose.test=1', '--format', '{{.Names}}'])).split('\n').filter(Boolean);
    assert.equal(names.length, 2, `the project's containers: ${names.join(', ')}`);
    // The newest one: an earlier suite's Compose PS terminal (another project) can still be open.
    const terminal = vscode.window.terminals.filter((t) => t.name.includes('Compose PS')).at(-1);
    assert.ok(terminal, `no Compose PS terminal among ${vscode.window.terminals.map((t) => t.name).join(', ')}`);
    const text = await terminalText(terminal);
    for (const name of names) assert.ok(text.includes(name), `${name} is not in the ps output:\n${text}`);
  });

  it('follows the logs in a terminal of their own', async () => {
    const result = await vscode.commands.executeCommand('berth.compose.logs', file);
    assert.ok(!isCommandFailure(result), `Compose Logs failed: ${JSON.stringify(result)}`);
    const terminal = await waitFor('the logs terminal', () => vscode.window.terminals.find((t) => t.name === 'Logs: compose.yaml'));
    terminal.dispose();
  });

  it('pauses from the tree group and unpauses from the file', async () => {
    const group = (await api.containersTree.getChildren(undefined))?.find((n) => n.kind === 'composeProject' && n.children.some((c) => c.container.labels[TEST_LABEL] === runId));
    assert.ok(group, 'group present');
    assert.equal(await vscode.commands.executeCommand('berth.compose.pause', group), 0);
    assert.deepEqual(await services(), { web: 'paused', worker: 'paused' });
    assert.equal(await vscode.commands.executeCommand('berth.compose.unpause', file), 0);
    assert.deepEqual(await services(), { web: 'running', worker: 'running' });
  });

  it('restarts one service from its row', async () => {
    const group = (await api.containersTree.getChildren(undefined))?.find((n) => n.kind === 'composeProject' && n.children.some((c) => c.container.labels[TEST_LABEL] === runId));
    const worker = group?.kind === 'composeProject' ? group.children.find((c) => c.container.composeService === 'worker') : undefined;
    assert.ok(worker, 'worker row');
    const before = await docker(['inspect', '-f', '{{.State.StartedAt}}', worker.container.id]);
    assert.equal(await vscode.commands.executeCommand('berth.compose.service.restart', worker), 0);
    assert.notEqual(await docker(['inspect', '-f', '{{.State.StartedAt}}', worker.container.id]), before, 'the worker was restarted');
  });

  it('takes the project down', async () => {
    assert.equal(await vscode.commands.executeCommand('berth.compose.down', file), 0);
    assert.deepEqual(await services(), {});
    await waitFor('the group to leave the tree', async () => {
      const top = (await api.containersTree.getChildren(undefined)) ?? [];
      return !top.some((n) => n.kind === 'composeProject' && n.children.some((c) => c.container.labels[TEST_LABEL] === runId));
    });
  });
});
