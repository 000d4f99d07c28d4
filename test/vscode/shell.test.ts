/**
 * "Attach Shell" and "Run Command…" in the real extension host against the real engine: a real
 * VS Code terminal, keys sent as a person types them, output read from Berth's pseudoterminal.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { OpenedTerminal } from '../../src/commands/attachShell';
import { createTestContainer, docker, removeTestContainers, runId, waitFor } from '../support/docker';
import { containerRow, openContainersView } from './testUtil';

/** Types `stty size` and waits for its answer (the one after `from` in the transcript). */
async function sttySize(opened: OpenedTerminal): Promise<string> {
  const from = opened.pty.transcript.length;
  opened.terminal.sendText('stty size', true);
  const answer = await waitFor('stty size to answer', () => /\n(\d+ \d+)\r\n/.exec(opened.pty.transcript.slice(from))?.[1]);
  return answer;
}

describe('A shell over the Engine API', function () {
  this.timeout(60_000);
  let api: BerthApi;
  let id: string;

  before(async () => {
    api = await openContainersView();
    id = await createTestContainer(`berth-shell-${runId}`, { start: true, extraArgs: ['--network', 'none'] });
    // The test image has no stty applet; link one so the test can read the TTY's size.
    await docker(['exec', id, 'ln', '-s', '/bin/busybox', '/bin/stty']);
  });

  after(async () => {
    for (const t of vscode.window.terminals) t.dispose();
    await removeTestContainers();
  });

  it('opens sh in a terminal, runs what is typed, follows a resize and closes with the exit code', async () => {
    const row = await containerRow(api, id, 'running');
    const opened = (await vscode.commands.executeCommand('berth.container.attachShell', row)) as OpenedTerminal;
    assert.ok(opened, 'the command returns the terminal it opened');
    assert.match(opened.terminal.name, /berth-shell-.*: sh$/);
    opened.terminal.sendText('echo $((6*7))', true);
    await waitFor('42 in the terminal', () => /\r\n42\r\n/.test(opened.pty.transcript));

    const size = await waitFor('VS Code to give the terminal a size', () => opened.pty.dimensions);
    assert.equal(await sttySize(opened), `${size.rows} ${size.columns}`);
    await vscode.commands.executeCommand('workbench.action.toggleMaximizedPanel');
    try {
      const bigger = await waitFor('the terminal to grow', () => (opened.pty.dimensions && opened.pty.dimensions.rows > size.rows ? opened.pty.dimensions : undefined));
      await waitFor('the TTY to follow', async () => (await sttySize(opened)) === `${bigger.rows} ${bigger.columns}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.toggleMaximizedPanel');
    }

    const closed = new Promise<vscode.Terminal>((resolve) => vscode.window.onDidCloseTerminal((t) => t === opened.terminal && resolve(t)));
    opened.terminal.sendText('exit 7', true);
    assert.equal((await closed).exitStatus?.code, 7);
  });
});
