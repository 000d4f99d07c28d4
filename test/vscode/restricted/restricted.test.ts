/** The folder opens untrusted (Restricted Mode); Berth still activates there and shows the engine. */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateBerth, berthExtension, docker, runId, TEST_IMAGE, TEST_LABEL } from '../testUtil';

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

describe('Restricted Mode: nothing runs workspace content', function () {
  this.timeout(30_000);
  const dir = path.join(tmpdir(), `berth-restricted-${runId}`);
  const file = vscode.Uri.file(path.join(dir, 'compose.yaml'));

  before(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file.fsPath, `services:\n  web:\n    image: ${TEST_IMAGE}\n    labels:\n      ${TEST_LABEL}: "${runId}"\n      berth.restricted.test: "1"\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses Compose Up (and every compose command) and starts nothing', async () => {
    await activateBerth();
    for (const command of ['berth.compose.up', 'berth.compose.down', 'berth.compose.build', 'berth.compose.service.rebuild']) {
      assert.equal(await vscode.commands.executeCommand(command, file), undefined, `${command} ran`);
    }
    assert.equal(await docker(['ps', '-aq', '--filter', 'label=berth.restricted.test=1']), '', 'a container was created');
  });
});
