/**
 * "Show Logs" in the real extension host against the real engine: the view opens in the editor
 * area, follows a restart with a marked line, says when the driver keeps nothing, and closing it
 * closes its streams and deletes its spool file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { LogPanel } from '../../src/logs/logPanel';
import { createTestContainer, docker, removeTestContainers, runId, waitFor } from '../support/docker';
import { containerRow, openContainersView } from './testUtil';

function texts(view: LogPanel): string[] {
  return view.readLines(0, view.lineCount).map((l) => `${l.record.kind}|${l.record.text}`);
}

describe('Show Logs', function () {
  this.timeout(60_000);
  let api: BerthApi;

  before(async () => {
    api = await openContainersView();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeTestContainers();
  });

  it('opens a log view that follows a restart, and closing it closes its streams and deletes its spool', async () => {
    const script = "n=$(cat /n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /n; echo run $n; echo oops $n >&2; trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done";
    const id = await createTestContainer(`berth-logs-view-${runId}`, { start: true, extraArgs: ['--network', 'none'], cmd: ['sh', '-c', script] });
    const row = await containerRow(api, id, 'running');
    const view = (await vscode.commands.executeCommand('berth.container.showLogs', row)) as LogPanel;
    assert.ok(view, 'the command returns the view it opened');
    assert.equal(view.panel.viewType, 'berth.logs');
    assert.match(view.panel.title, /^Logs: berth-logs-view-/);
    await waitFor('the first run', () => texts(view).includes('stderr|oops 1'));
    assert.equal(view.openStreams, 1, 'one log stream while following');
    const spool = view.spoolPath;
    assert.ok(fs.existsSync(spool));

    await docker(['restart', '-t', '1', id]);
    await waitFor('the second run', () => texts(view).includes('stdout|run 2'));
    const lines = texts(view);
    const marker = lines.findIndex((l) => /^marker\|restarted at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/.test(l));
    assert.ok(marker > lines.indexOf('stdout|run 1') && marker < lines.indexOf('stdout|run 2'), lines.join(' / '));

    // "From: last 5 minutes" starts again: a new spool with both runs, the old one deleted, one stream.
    view.startFrom('5m');
    assert.equal(fs.existsSync(spool), false, 'the first spool is deleted when the view starts again');
    await waitFor('both runs again', () => texts(view).includes('stdout|run 1') && texts(view).includes('stdout|run 2'));
    await waitFor('one stream again', () => view.openStreams === 1);
    const secondSpool = view.spoolPath;
    assert.notEqual(secondSpool, spool);

    const closed = new Promise<void>((resolve) => view.onDidClose(resolve));
    view.panel.reveal();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await closed;
    await waitFor('the log stream to close', () => view.openStreams === 0);
    assert.equal(fs.existsSync(secondSpool), false, 'the spool file is deleted');
  });

  it('says so when the log driver keeps nothing', async () => {
    const id = await createTestContainer(`berth-logs-none-view-${runId}`, { start: true, extraArgs: ['--network', 'none', '--log-driver', 'none'] });
    const view = (await vscode.commands.executeCommand('berth.container.showLogs', await containerRow(api, id, 'running'))) as LogPanel;
    await waitFor('the view to end', () => view.isEnded);
    assert.match(texts(view).at(-1)!, /^end\|This container's log driver is "none": the engine keeps no logs to show/);
    view.dispose();
    assert.equal(view.openStreams, 0);
  });
});
