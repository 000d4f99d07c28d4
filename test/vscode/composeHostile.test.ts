/**
 * Compose labels are data: a container's compose labels can come from any image, and they are what
 * Berth passes to Compose (project name, folder, files). Compose PS, Stop and Down run through
 * Berth's commands on two groups whose labels hold shell syntax, `${command:…}` and `${env:…}`:
 *  - a real Compose v1 project whose folder (and so its working_dir and config_files labels) has
 *    such a name: Compose must get the literal paths, or it would not find its file;
 *  - containers whose project label itself is hostile: Berth refuses, with its message.
 * Nothing may run: no marker file, no VS Code command (a probe command counts calls), no settings editor.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import { isCommandFailure } from '../../src/commands/commandFailure';
import { Commands } from '../../src/ids';
import { createTestContainer, docker, runId, SERVICE_CMD, TEST_IMAGE, TEST_LABEL, waitFor } from '../support/docker';
import { activateBerth, findRow } from './testUtil';

const PROBE = 'berth.test.probeCommand';
const marker = `/tmp/berth-pwn-compose-${runId}`;
/** Shell syntax and VS Code variables. The `/` in the marker path makes it nested folders on disk. */
const hostile = `p$(touch ${marker}) "q" \`touch ${marker}\` é 🚢 \${command:${PROBE}} \${command:workbench.action.openSettings} \${env:HOME}`;
const verbs = [Commands.composePs, Commands.composeStop, Commands.composeDown] as const;

function compose(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('docker-compose', [...args], { timeout: 120_000 }, (error, stdout, stderr) => (error ? reject(new Error(`docker-compose ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout)));
  });
}

async function states(label: string): Promise<string[]> {
  return (await docker(['ps', '-a', '--filter', `label=${label}`, '--format', '{{.State}}'])).split('\n').filter(Boolean).sort();
}

/** Runs a command with a generous hang guard: a compose task whose end is never seen would hang the suite. */
async function run(command: string, node: unknown): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${command} did not finish within 60 s`)), 60_000)));
  try {
    return await Promise.race([vscode.commands.executeCommand(command, node), hang]);
  } finally {
    clearTimeout(timer);
  }
}

function openTabLabels(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
}

describe('Compose commands on hostile labels', function () {
  this.timeout(180_000);
  let api: BerthApi;
  let probeCalls = 0;
  let probe: vscode.Disposable | undefined;
  const root = path.join(tmpdir(), `berth-hostile-${runId}`);
  const projectDir = path.join(root, hostile);
  const project = `berth-hostile-${runId}`;
  const groupLabel = `berth.hostile.test=${runId}`;

  function assertNothingRan(): void {
    assert.equal(existsSync(marker), false, 'a shell ran the label');
    assert.equal(probeCalls, 0, 'VS Code ran a ${command:…} from a label');
    assert.ok(!openTabLabels().includes('Settings'), 'the settings editor opened');
  }

  before(async () => {
    probe = vscode.commands.registerCommand(PROBE, () => {
      probeCalls++;
      return 'probed';
    });
    api = await activateBerth();
    await vscode.workspace.getConfiguration('berth').update('confirmDestructive', false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('berth.containers.focus');
    mkdirSync(projectDir, { recursive: true });
    const service = (cmd: string[]): string =>
      `    image: ${TEST_IMAGE}\n    command: ${JSON.stringify(cmd).replace(/\$/g, '$$$$')}\n    labels:\n      ${TEST_LABEL}: "${runId}"\n      berth.hostile.test: "${runId}"\n    stop_grace_period: 1s\n`;
    writeFileSync(path.join(projectDir, 'compose.yaml'), `services:\n  web:\n${service(SERVICE_CMD)}  worker:\n${service(SERVICE_CMD)}`);
    await compose(['--project-name', project, '--file', path.join(projectDir, 'compose.yaml'), 'up', '--detach']);
    assert.deepEqual(await states(groupLabel), ['running', 'running']);
  });

  after(async () => {
    probe?.dispose();
    await vscode.workspace.getConfiguration('berth').update('confirmDestructive', undefined, vscode.ConfigurationTarget.Global);
    const ids = (await docker(['ps', '-aq', '--filter', `label=${groupLabel}`])).split('\n').filter(Boolean);
    if (ids.length) await docker(['rm', '-f', ...ids]);
    await docker(['network', 'rm', `${project.replace(/-/g, '')}_default`]).catch(() => undefined);
    await docker(['network', 'rm', `${project}_default`]).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
    rmSync(marker, { force: true });
  });

  it('passes a project folder named with shell syntax and ${…} to Compose as it is: PS, Stop and Down work', async () => {
    const group = await waitFor('the compose project in the tree', () => findRow(api.containersTree, project), 30_000);
    assert.equal(await run(Commands.composePs, group), 0, 'Compose PS did not find the project\'s file');
    assert.equal(await run(Commands.composeStop, group), 0);
    assert.deepEqual(await states(groupLabel), ['exited', 'exited']);
    assert.equal(await run(Commands.composeDown, group), 0);
    assert.deepEqual(await states(groupLabel), []);
    assertNothingRan();
  });

  it('refuses a project label that Compose would reject, with its message, and touches nothing', async () => {
    const label = `${hostile} ${runId}`;
    const labels = {
      'berth.hostile.test': runId,
      'com.docker.compose.project': label,
      'com.docker.compose.project.working_dir': projectDir,
      'com.docker.compose.project.config_files': path.join(projectDir, 'compose.yaml'),
    };
    await createTestContainer(`berth-hostile-web-${runId}`, { start: true, labels: { ...labels, 'com.docker.compose.service': 'web' } });
    await createTestContainer(`berth-hostile-db-${runId}`, { start: true, labels: { ...labels, 'com.docker.compose.service': `db \${command:${PROBE}}` } });
    const group = await waitFor('the hostile group in the tree', () => findRow(api.containersTree, label), 30_000);
    for (const verb of verbs) {
      const result = await run(verb, group);
      assert.ok(isCommandFailure(result), `${verb} returned ${JSON.stringify(result)}`);
      assert.equal(result.refused, true, `${verb} failed instead of refusing: ${result.message}`);
      assert.match(result.message, /^The compose project name "p··touch··tmp·berth-pwn-compose-[^"]*" is not one Compose accepts/);
    }
    assert.deepEqual(await states(groupLabel), ['running', 'running'], 'Stop or Down reached the engine');
    assertNothingRan();
  });
});
