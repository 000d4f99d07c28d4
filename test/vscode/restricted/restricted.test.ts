/**
 * The folder opens untrusted (Restricted Mode), as a repository someone else wrote. Berth still
 * shows the engine there; it runs nothing from the workspace, and the workspace's settings cannot
 * choose the engine. Every check looks at what a person would get: the tree's rows, the message a
 * command shows, and the engine's own record of what happened.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/api';
import { isCommandFailure } from '../../../src/commands/commandFailure';
import { Commands } from '../../../src/ids';
import { createTestContainer, removeTestContainers } from '../../support/docker';
import { activateBerth, berthExtension, docker, findRow, runId, TEST_IMAGE, TEST_LABEL, treeLabels, waitFor, writeWorkspaceSettings } from '../testUtil';

const containerName = `berth-restricted-${runId}`;

function workspaceFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'no workspace folder is open');
  return folder;
}

describe('Restricted Mode', () => {
  it('opens the workspace untrusted', () => {
    assert.ok(vscode.workspace.workspaceFolders?.length, 'no workspace folder is open');
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('still activates Berth', async () => {
    const api = await activateBerth();
    assert.equal(berthExtension().isActive, true);
    assert.equal(typeof api.engineState, 'function');
  });
});

describe('Restricted Mode: the engine, and a cloned repository that tries to change it', function () {
  this.timeout(60_000);
  let api: BerthApi;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('berth');
  const missingSocket = `unix:///run/berth-nowhere-${runId}.sock`;

  before(async () => {
    api = await activateBerth();
    await createTestContainer(containerName, { start: true });
    await vscode.commands.executeCommand('berth.containers.focus');
  });

  after(async () => {
    writeWorkspaceSettings(undefined);
    await removeTestContainers();
  });

  it('shows a running container in the Containers view', async () => {
    const row = await waitFor('the test container in the tree', () => findRow(api.containersTree, containerName), 30_000);
    const item = await api.containersTree.getTreeItem(row);
    assert.equal(item.contextValue, 'container.running');
    assert.equal(api.engineState().kind, 'connected');
  });

  it('ignores berth.host, berth.context and berth.requestTimeout from the workspace settings', async () => {
    const kinds: string[] = [];
    const subscription = api.onDidChangeEngineState((s) => kinds.push(s.kind));
    try {
      // berth.confirmDestructive is not restricted: seeing it proves VS Code has read the file.
      writeWorkspaceSettings({ 'berth.host': missingSocket, 'berth.context': 'nowhere', 'berth.requestTimeout': 3e9, 'berth.confirmDestructive': false });
      await waitFor('VS Code to read the workspace settings', () => config().inspect('confirmDestructive')?.workspaceValue === false);
      await vscode.commands.executeCommand('berth.engine.retry');
      await vscode.commands.executeCommand('berth.containers.refresh');
      await waitFor('connected to the local engine, the test container listed', async () => api.engineState().kind === 'connected' && (await treeLabels(api.containersTree)).includes(containerName), 15_000);
      assert.deepEqual(kinds.filter((k) => k !== 'connecting' && k !== 'connected'), [], 'Berth tried the workspace\'s engine');
    } finally {
      subscription.dispose();
    }
  });
});

describe('Restricted Mode: nothing runs workspace content', function () {
  this.timeout(60_000);
  const dir = path.join(workspaceFolder(), `restricted-${runId}`);
  const file = vscode.Uri.file(path.join(dir, 'compose.yaml'));

  before(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      file.fsPath,
      `services:\n  web:\n    image: ${TEST_IMAGE}\n    build: .\n    labels:\n      ${TEST_LABEL}: "${runId}"\n      berth.restricted.test: "1"\n` +
        '    environment:\n      TOKEN: "${BERTH_TEST_REPORT}"\n      FALLBACK: "${BERTH_SURELY_UNSET_VARIABLE:-fallback-value}"\n',
    );
    writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE} AS base\nRUN touch /built\n`);
    writeFileSync(path.join(dir, 'other.yaml'), 'services:\n  intruder:\n    image: berth-test/intruder\n');
  });
  after(() => {
    writeWorkspaceSettings(undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses every compose command with its message, and the engine sees nothing', async () => {
    await activateBerth();
    const since = (Date.now() / 1000).toFixed(3);
    // The log views read the engine's API only and run nothing from the workspace, so they stay allowed.
    const readOnly: string[] = [Commands.composeShowMergedConfig, Commands.composeShowLogs, Commands.composeServiceShowLogs];
    const composeCommands = Object.values(Commands).filter((c) => c.startsWith('berth.compose.') && !readOnly.includes(c));
    assert.ok(composeCommands.length >= 16, `only ${composeCommands.length} compose commands`);
    for (const command of composeCommands) {
      const result = await vscode.commands.executeCommand(command, file);
      assert.ok(isCommandFailure(result), `${command} did not refuse: it returned ${JSON.stringify(result)}`);
      assert.equal(result.refused, true, `${command} failed instead of refusing: ${result.message}`);
      assert.match(result.message, /^Compose [A-Za-z ]+ is not run in Restricted Mode: Compose reads and builds files from this workspace\. Trust the folder first/, command);
    }
    const until = (Date.now() / 1000).toFixed(3);
    const events = await docker(['events', '--since', since, '--until', until, '--format', '{{.Type}} {{.Action}} {{.Actor.ID}}']);
    assert.equal(events, '', 'the engine saw activity while the commands refused');
    assert.equal(await docker(['ps', '-aq', '--filter', 'label=berth.restricted.test=1']), '', 'a container was created');
    assert.equal(await docker(['images', '-q', '--filter', 'label=berth.restricted.test=1']), '', 'an image was built');
  });

  it('refuses every build and run command, offers no build lens, and the engine sees nothing', async () => {
    await activateBerth();
    const dockerfile = vscode.Uri.file(path.join(dir, 'Dockerfile'));
    const since = (Date.now() / 1000).toFixed(3);
    const calls: [string, unknown][] = [
      [Commands.buildImage, dockerfile],
      [Commands.buildImage, { dockerfile, options: { tags: [`berth-test/restricted-${runId}:x`] } }],
      [Commands.buildStage, { uri: dockerfile, stage: 'base' }],
      [Commands.runImage, { image: TEST_IMAGE, options: { labels: ['berth.restricted.test=1'] } }],
      [Commands.runImage, TEST_IMAGE],
    ];
    for (const [command, arg] of calls) {
      const result = await vscode.commands.executeCommand(command, arg);
      assert.ok(isCommandFailure(result), `${command} did not refuse: it returned ${JSON.stringify(result)}`);
      assert.equal(result.refused, true, `${command} failed instead of refusing: ${result.message}`);
      assert.match(result.message, /is not run in Restricted Mode: it executes this workspace's files\. Trust the folder first \(Workspaces: Manage Workspace Trust\)/);
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(dockerfile));
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', dockerfile)) ?? [];
    assert.deepEqual(lenses.filter((l) => l.command?.command === Commands.buildStage), []);
    const until = (Date.now() / 1000).toFixed(3);
    assert.equal(await docker(['events', '--since', since, '--until', until, '--format', '{{.Type}} {{.Action}}']), '', 'the engine saw activity');
  });

  it('refuses Deploy Stack: the docker CLI would read and send the workspace\'s files', async () => {
    const result = await vscode.commands.executeCommand(Commands.swarmStackDeploy, { file, name: 'restricted' });
    assert.ok(isCommandFailure(result), `Deploy Stack did not refuse: it returned ${JSON.stringify(result)}`);
    assert.equal(result.refused, true, result.message);
    assert.match(result.message, /^Deploy Stack is not run in Restricted Mode: .* Trust the folder first/);
  });

  it('shows the merged config without the environment\'s values or the workspace\'s -f list', async () => {
    // A value only the extension host's environment holds: the path of the harness's report file.
    const secret = process.env['BERTH_TEST_REPORT'];
    assert.ok(secret, 'BERTH_TEST_REPORT is not in the extension host\'s environment');
    writeWorkspaceSettings({ 'berth.compose.files': ['other.yaml', 'compose.yaml'], 'berth.confirmDestructive': false });
    await waitFor('VS Code to read the workspace settings', () => vscode.workspace.getConfiguration('berth', file).inspect('confirmDestructive')?.workspaceValue === false);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(Commands.composeShowMergedConfig, file);
    assert.ok(editor?.document, `no editor: ${JSON.stringify(editor)}`);
    const text = editor.document.getText();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.ok(!text.includes(secret), `the environment's value is in the editor:\n${text}`);
    assert.match(text, /TOKEN: "?\*\*\*"?/);
    assert.match(text, /FALLBACK: "?fallback-value"?/);
    assert.doesNotMatch(text, /intruder/, 'the workspace\'s berth.compose.files was used');
  });
});
