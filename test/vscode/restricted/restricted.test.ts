/** The folder opens untrusted (Restricted Mode); Berth still activates there and shows the engine. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateBerth, berthExtension } from '../testUtil';

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
