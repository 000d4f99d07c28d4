/** Berth in the real extension host: the right VS Code, activation, and every contributed command registered. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateBerth, berthExtension, runId } from './testUtil';

describe('activation (real extension host)', () => {
  it('runs in VS Code 1.100, the version engines.vscode promises', () => {
    assert.match(vscode.version, /^1\.100\./);
  });

  it('gets the harness environment', () => {
    // The harness reads the report from this path and passes the run id the same way.
    assert.ok(process.env.BERTH_TEST_REPORT, 'BERTH_TEST_REPORT is not set in the extension host');
    assert.equal(runId, process.env.BERTH_TEST_RUN_ID);
  });

  it('activates berth-dev.berth and returns its API', async () => {
    const api = await activateBerth();
    assert.equal(berthExtension().isActive, true);
    assert.equal(typeof api.engineState, 'function');
    assert.ok(api.containersTree, 'the API has no containersTree');
  });

  it('registers every command package.json contributes', async () => {
    await activateBerth();
    const contributed: string[] = (berthExtension().packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), [], 'contributed but not registered');
  });
});
