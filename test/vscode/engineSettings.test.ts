/**
 * Which engine Berth talks to follows the settings live: a host that does not exist makes
 * the view say so (and empties it), an unusable host string is explained, and clearing the
 * setting brings the local engine back — all without a reload.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import { createTestContainer, removeTestContainers, runId, waitFor } from '../support/docker';
import { activateBerth, writeWorkspaceSettings } from './testUtil';

describe('engine settings', function () {
  this.timeout(60_000);
  let api: BerthApi;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('berth');
  const top = async () => (await api.containersTree.getChildren(undefined)) ?? [];
  /** Rows of containers or compose projects, not the rows that say the engine's state. */
  const rows = async (): Promise<number> => (await top()).filter((n) => n.kind !== 'message' && n.kind !== 'action').length;

  before(async () => {
    api = await activateBerth();
    await vscode.commands.executeCommand('berth.containers.focus');
    await createTestContainer(`berth-settings-${runId}`);
    await waitFor('connected with rows', async () => api.engineState().kind === 'connected' && (await rows()) > 0, 30_000);
  });

  after(async () => {
    writeWorkspaceSettings(undefined);
    await config().update('host', undefined, vscode.ConfigurationTarget.Global);
    await removeTestContainers();
  });

  it('says the engine is unreachable when berth.host names a socket that does not exist', async () => {
    await config().update('host', 'unix:///run/berth-nowhere.sock', vscode.ConfigurationTarget.Global);
    await waitFor('unreachable', () => api.engineState().kind === 'unreachable');
    assert.match(api.engineState().message ?? '', /unix:\/\/\/run\/berth-nowhere\.sock is not reachable.*Start Docker/);
    assert.equal(await rows(), 0, 'no container rows while the engine is away');
    const state = await top();
    assert.ok(state.some((n) => n.kind === 'message' && /not reachable/.test(n.resource.text)), 'the view says the engine is not reachable');
    assert.ok(state.some((n) => n.kind === 'action' && n.resource.label === 'Retry'), 'the view offers Retry');
  });

  it('explains a host it cannot use', async () => {
    await config().update('host', 'ftp://example', vscode.ConfigurationTarget.Global);
    await waitFor('failed', () => api.engineState().kind === 'failed');
    assert.match(api.engineState().message ?? '', /unsupported scheme "ftp:\/\/"/);
  });

  it('comes back to the local engine when the setting is cleared', async () => {
    await config().update('host', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('connected with rows again', async () => api.engineState().kind === 'connected' && (await rows()) > 0, 15_000);
  });

  // The Restricted Mode suite writes the same file and checks that Berth ignores it there.
  it('uses berth.host from a trusted workspace\'s .vscode/settings.json', async () => {
    writeWorkspaceSettings({ 'berth.host': 'unix:///run/berth-nowhere.sock' });
    await waitFor('unreachable', () => api.engineState().kind === 'unreachable');
    assert.match(api.engineState().message ?? '', /unix:\/\/\/run\/berth-nowhere\.sock is not reachable/);
    writeWorkspaceSettings(undefined);
    await waitFor('connected with rows again', async () => api.engineState().kind === 'connected' && (await rows()) > 0, 15_000);
  });
});
