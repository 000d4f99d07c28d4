/** Kill, rename, copy and the docker run command, through Berth's commands in the real extension host. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import { createTestContainer, docker, removeTestContainers, runId } from '../support/docker';
import { containerRow, openContainersView } from './testUtil';

describe('More container actions', function () {
  this.timeout(60_000);
  let api: BerthApi;

  before(async () => {
    api = await openContainersView();
  });

  after(removeTestContainers);

  it('copies the id, the name and a docker run command that names the hostile env value quoted', async () => {
    const hostile = `a'b $(id) "c"`;
    const id = await createTestContainer(`berth-copy-${runId}`, { start: true, extraArgs: ['--network', 'none', '--env', `V=${hostile}`, '--pids-limit', '30'] });
    const node = await containerRow(api, id, 'running');
    assert.equal(await vscode.commands.executeCommand('berth.container.copyId', node), id);
    assert.equal(await vscode.env.clipboard.readText(), id);
    assert.equal(await vscode.commands.executeCommand('berth.container.copyName', node), `berth-copy-${runId}`);
    const line = (await vscode.commands.executeCommand('berth.container.copyRunCommand', node)) as string;
    assert.equal(await vscode.env.clipboard.readText(), line);
    assert.match(line, /^docker run -d --name berth-copy-\w+ /);
    assert.ok(line.includes(`'V=a'\\''b $(id) "c"'`), line);
    assert.match(line, / --pids-limit 30 /);
  });

  it('kills with a signal and renames', async () => {
    const id = await createTestContainer(`berth-killcmd-${runId}`, { start: true, extraArgs: ['--network', 'none'] });
    await vscode.commands.executeCommand('berth.container.rename', await containerRow(api, id, 'running'), undefined, `berth-killcmd-renamed-${runId}`);
    assert.equal(await docker(['inspect', '-f', '{{.Name}}', id]), `/berth-killcmd-renamed-${runId}`);
    await vscode.commands.executeCommand('berth.container.kill', await containerRow(api, id, 'running'), undefined, 'SIGKILL');
    assert.equal(await docker(['inspect', '-f', '{{.State.ExitCode}}', id]), '137');
  });
});
