/** "Show Merged Compose Config" on a compose.yaml + compose.override.yaml pair, and diagnostics across a `-f` list. */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateBerth, runId, waitFor } from './testUtil';

describe('Show Merged Compose Config', function () {
  this.timeout(60_000);
  const dir = path.join(tmpdir(), `berth-merged-${runId}`);
  const file = vscode.Uri.file(path.join(dir, 'compose.yaml'));

  before(async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file.fsPath, 'services:\n  web:\n    image: berth-merged-base:1\n    ports: ["8080:80"]\n    environment:\n      FROM_BASE: "1"\n');
    writeFileSync(path.join(dir, 'compose.override.yaml'), 'services:\n  web:\n    ports: ["8443:443"]\n    environment:\n      FROM_OVERRIDE: "2"\n');
    await activateBerth();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the pair merged: the base image, both ports and both environment keys', async () => {
    await vscode.commands.executeCommand('berth.compose.showMergedConfig', file);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.languageId, 'yaml');
    const text = editor.document.getText();
    assert.match(text.split('\n')[0]!, /^# Merged by (Berth|docker compose config)/);
    for (const expected of ['berth-merged-base:1', '8443', '443', '8080', 'FROM_BASE', 'FROM_OVERRIDE']) assert.ok(text.includes(expected), `${expected} in:\n${text}`);
  });

  it('resolves references across the files of berth.compose.files', async () => {
    writeFileSync(path.join(dir, 'compose.base.yml'), 'services:\n  db:\n    image: postgres\n');
    const app = vscode.Uri.file(path.join(dir, 'compose.app.yml'));
    writeFileSync(app.fsPath, 'services:\n  api:\n    image: x\n    depends_on: [db]\n');
    const undefinedService = (): boolean => vscode.languages.getDiagnostics(app).some((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'compose/undefined-service');
    await vscode.workspace.openTextDocument(app);
    await waitFor('db reported as undefined while app.yml stands alone', () => undefinedService() || undefined);
    const config = vscode.workspace.getConfiguration('berth');
    await config.update('compose.files', ['compose.base.yml', 'compose.app.yml'], vscode.ConfigurationTarget.Global);
    try {
      await waitFor('db found in compose.base.yml through the -f list', () => !undefinedService() || undefined);
    } finally {
      await config.update('compose.files', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
