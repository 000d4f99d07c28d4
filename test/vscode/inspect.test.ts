/** "Inspect" in the real extension host: a read-only berth-inspect document with the summary and masked secrets. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import { createTestContainer, removeTestContainers, runId } from '../support/docker';
import { containerRow, openContainersView } from './testUtil';

describe('Inspect', function () {
  this.timeout(60_000);
  let api: BerthApi;

  before(async () => {
    api = await openContainersView();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeTestContainers();
  });

  it('opens the JSON under its own scheme, with the summary above and secrets masked', async () => {
    const id = await createTestContainer(`berth-inspect-${runId}`, { start: true, extraArgs: ['--network', 'none', '--memory', '64m', '--pids-limit', '50', '-e', 'DB_PASSWORD=hunter2', '-e', 'GREETING=hello'] });
    const editor = (await vscode.commands.executeCommand('berth.container.inspect', await containerRow(api, id))) as vscode.TextEditor;
    const doc = editor.document;
    assert.equal(doc.uri.scheme, 'berth-inspect');
    assert.equal(doc.languageId, 'jsonc');
    const text = doc.getText();
    assert.match(text, /^\/\/ memory +64 MiB$/m);
    assert.match(text, /^\/\/ PIDs +50$/m);
    assert.match(text, /"GREETING=hello"/);
    assert.ok(!text.includes('hunter2'), 'the secret is masked');
    assert.match(text, /"DB_PASSWORD=•+"/);

    const shown = (await vscode.commands.executeCommand('berth.container.inspectShowingSecrets', await containerRow(api, id))) as vscode.TextEditor;
    assert.match(shown.document.getText(), /"DB_PASSWORD=hunter2"/);
  });
});
