/**
 * Building and running images through Berth's commands and task types, in the real extension host
 * against the real engine, with the 20.10 CLI (berth.dockerPath) and the daemon's BuildKit.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { BuildResult } from '../../src/build/buildRunner';
import type { ContainerSummary, ImageLayer } from '../../src/engine/types';
import { layerInstruction, type ImageTag } from '../../src/explorer/images/imagesModel';
import { Commands } from '../../src/ids';
import { SERVICE_CMD } from '../support/docker';
import { activateBerth, docker, findRow, repoRoot, runId, TEST_LABEL, waitFor } from './testUtil';
import { findRow as findViewRow, itemOf } from './treeUtil';

const SECRET = 'berth-secret-value-7f3c';

/** Pids of live processes whose command line contains `text`. */
function processesWith(text: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const imageExists = (tag: string): Promise<boolean> => docker(['image', 'inspect', tag]).then(() => true, () => false);

describe('Build and run images', function () {
  this.timeout(120_000);
  let api: BerthApi;
  let folder: string;
  let dir: string;
  let dockerfile: vscode.Uri;
  let secretFile: string;
  const tag = (what: string): string => `berth-test/ext-build-${runId}:${what}`;
  const tags: string[] = [];
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('berth');

  before(async () => {
    api = await activateBerth();
    folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    assert.ok(folder, 'no workspace folder');
    dir = path.join(folder, `build-${runId}`);
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(repoRoot, 'test', 'fixtures', 'build', 'project', 'Dockerfile'), path.join(dir, 'Dockerfile'));
    dockerfile = vscode.Uri.file(path.join(dir, 'Dockerfile'));
    secretFile = path.join(dir, 'token');
    writeFileSync(secretFile, SECRET);
    await config().update('dockerPath', '/usr/bin/docker', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('berth.containers.focus');
  });

  after(async () => {
    await config().update('dockerPath', undefined, vscode.ConfigurationTarget.Global);
    const ids = (await docker(['ps', '-aq', '--filter', `label=${TEST_LABEL}=${runId}`, '--filter', 'label=berth.build.test=1'])).split('\n').filter(Boolean);
    if (ids.length) await docker(['rm', '-f', ...ids]);
    for (const t of tags) await docker(['rmi', '-f', t]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    rmSync(path.join(folder, '.vscode', 'tasks.json'), { force: true });
  });

  it('offers "Build this stage" on each FROM … AS stage line', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(dockerfile));
    const lenses = await waitFor('build lenses', async () => {
      const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', dockerfile)) ?? [];
      const build = found.filter((l) => l.command?.command === Commands.buildStage);
      return build.length >= 3 ? build : undefined;
    });
    assert.deepEqual(lenses.map((l) => [l.range.start.line, (l.command?.arguments?.[0] as { stage?: string }).stage]), [[1, 'base'], [5, 'secret'], [10, 'final']]);
  });

  it('builds a target stage with a build arg, a cache mount and a secret, and says the image id', async () => {
    const t = tag('secret');
    tags.push(t);
    const result = await vscode.commands.executeCommand<BuildResult>(Commands.buildImage, {
      dockerfile,
      options: { tags: [t], target: 'secret', buildArgs: ['GREETING=bonjour'], secrets: [`id=token,src=${secretFile}`] },
    });
    assert.equal(result?.code, 0, JSON.stringify(result));
    assert.match(result.imageId ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.equal(result.builder.kind, 'classic');
    assert.equal(await docker(['image', 'inspect', '--format', '{{.Id}}', t]), result.imageId);
    assert.equal(await docker(['run', '--rm', '--label', `${TEST_LABEL}=${runId}`, t, 'cat', '/greeting', '/secret-length']), `bonjour\n${SECRET.length}`);
    assert.deepEqual(vscode.languages.getDiagnostics(dockerfile).filter((d) => d.source === 'BuildKit'), []);
  });

  it("names the Dockerfile line of each layer in the Images view's history of an image Berth built, and opens it", async () => {
    const images = api.view('berth.images');
    await images.refreshNow();
    const tagRow = await waitFor('the built tag in the Images view', () => findViewRow<ImageTag>(api, 'berth.images', 'imageTag', (t) => t.ref === tags[0]));
    const layers = await images.getChildren(tagRow);
    const described = layers.map((l) => [layerInstruction((l.resource as ImageLayer).createdBy).split(' ')[0], String(itemOf(api, 'berth.images', l).description).split(' · ')[0]]);
    // Newest first: the secret stage's RUN (line 8), the base stage's RUN (line 4) and ARG (line 3), then the base image's rows, which no line made.
    // BuildKit records ARG as a row of its own.
    assert.deepEqual(described.slice(0, 3), [['RUN', 'Dockerfile:8'], ['RUN', 'Dockerfile:4'], ['ARG', 'Dockerfile:3']], JSON.stringify(described));
    assert.ok(described.slice(3).every(([, first]) => !/^Dockerfile:/.test(first ?? '')), JSON.stringify(described));
    const click = itemOf(api, 'berth.images', layers[0]!).command;
    assert.equal(click?.command, Commands.openLayerLine);
    await vscode.commands.executeCommand(click.command, ...(click.arguments ?? []));
    const editor = await waitFor('the Dockerfile open at the line', () => (vscode.window.activeTextEditor?.document.uri.fsPath === dockerfile.fsPath ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.selection.active.line, 7);
  });

  it('puts a failing RUN on its line as a diagnostic (BuildKit named only the step)', async () => {
    const result = await vscode.commands.executeCommand<BuildResult>(Commands.buildImage, { dockerfile, options: { tags: [], target: 'secret', secrets: [], noCache: true } });
    assert.notEqual(result?.code, 0);
    const diagnostics = vscode.languages.getDiagnostics(dockerfile).filter((d) => d.source === 'BuildKit');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.range.start.line, 7);
    assert.equal(diagnostics[0]?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostics[0]?.message ?? '', /\[secret 1\/1\]/);
  });

  it('stops the docker CLI when the build task is terminated', async () => {
    const slowDir = path.join(dir, 'slow');
    mkdirSync(slowDir, { recursive: true });
    writeFileSync(path.join(slowDir, 'Dockerfile'), 'FROM berth-test/busybox\nRUN sleep 60\n');
    const t = tag('cancelled');
    // VS Code ignores terminate() until it has registered the task as active (it answers "not
    // terminated"; its Terminate Task lists only active tasks), and the CLI starts before that:
    // terminate from the task's start on, until VS Code takes it.
    // This build's task, by its tag: the previous test's task may start only now (a cached build
    // ends before VS Code starts its task), and terminating that one would find nothing to end.
    const started = new Promise<vscode.TaskExecution>((resolve) => {
      const sub = vscode.tasks.onDidStartTask((e) => {
        if (e.execution.task.definition.type === 'berth-build' && e.execution.task.name.includes(t)) {
          sub.dispose();
          resolve(e.execution);
        }
      });
    });
    const building = vscode.commands.executeCommand<BuildResult | undefined>(Commands.buildImage, { dockerfile: vscode.Uri.file(path.join(slowDir, 'Dockerfile')), options: { tags: [t], noCache: true } });
    const pids = await waitFor('the docker build process', () => {
      const found = processesWith(`--tag=${t}`);
      return found.length > 0 ? found : undefined;
    }, 30_000);
    const execution = await started;
    await waitFor('the docker build process to end', () => {
      const ended = pids.every((pid) => !existsSync(`/proc/${pid}`));
      if (!ended) execution.terminate();
      return ended;
    }, 15_000, 100);
    const result = await building;
    assert.ok(result === undefined || result.code !== 0, JSON.stringify(result));
    assert.equal(await imageExists(t), false);
  });

  it("stops the docker CLI when the build is cancelled before the task's terminal opened, and the task ends with the CLI's exit code", async () => {
    const slowDir = path.join(dir, 'slow-cancel');
    mkdirSync(slowDir, { recursive: true });
    writeFileSync(path.join(slowDir, 'Dockerfile'), 'FROM berth-test/busybox\nRUN sleep 61\n');
    const t = tag('cancelled-early');
    const terminalsBefore = vscode.window.terminals.length;
    const exitCode = new Promise<number | undefined>((resolve) => {
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.definition.type === 'berth-build' && e.execution.task.name.includes(t)) {
          sub.dispose();
          resolve(e.exitCode);
        }
      });
    });
    // The same path as the notification's Cancel, which a test cannot click.
    const cancel = new vscode.CancellationTokenSource();
    const building = vscode.commands.executeCommand<BuildResult | undefined>(Commands.buildImage, { dockerfile: vscode.Uri.file(path.join(slowDir, 'Dockerfile')), options: { tags: [t], noCache: true }, cancellation: cancel.token });
    const pids = await waitFor('the docker build process', () => {
      const found = processesWith(`--tag=${t}`);
      return found.length > 0 ? found : undefined;
    }, 30_000, 1);
    const terminalOpened = vscode.window.terminals.length > terminalsBefore;
    cancel.cancel();
    await waitFor('the docker build process to end', () => pids.every((pid) => !existsSync(`/proc/${pid}`)), 15_000);
    const result = await building;
    assert.ok(result && result.code !== 0, JSON.stringify(result));
    // The task's terminal opens after the CLI has ended, and the task ends with the CLI's exit code.
    assert.equal(await exitCode, result.code);
    assert.equal(await imageExists(t), false);
    assert.equal(terminalOpened, false, "the task's terminal was already open when the build was cancelled: this test no longer covers the early cancel");
    cancel.dispose();
  });

  it('runs a berth-build task from tasks.json', async () => {
    const t = tag('task');
    tags.push(t);
    mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    const label = `berth build ${runId}`;
    writeFileSync(
      path.join(folder, '.vscode', 'tasks.json'),
      JSON.stringify({ version: '2.0.0', tasks: [{ label, type: 'berth-build', dockerfile: `build-${runId}/Dockerfile`, tags: [t], target: 'base', buildArgs: ['GREETING=from-task'] }] }),
    );
    const task = await waitFor('the tasks.json task', async () => (await vscode.tasks.fetchTasks({ type: 'berth-build' })).find((x) => x.name === label), 20_000);
    const exitCode = new Promise<number | undefined>((resolve) => {
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.name === label) {
          sub.dispose();
          resolve(e.exitCode);
        }
      });
    });
    await vscode.tasks.executeTask(task);
    assert.equal(await exitCode, 0);
    assert.equal(await docker(['run', '--rm', '--label', `${TEST_LABEL}=${runId}`, t, 'cat', '/greeting']), 'from-task');
  });

  it('runs an image, and the Containers view shows the new container', async () => {
    const name = `berth-run-${runId}`;
    const result = await vscode.commands.executeCommand<{ containerId?: string }>(Commands.runImage, {
      image: tags[0],
      options: { name, command: SERVICE_CMD, labels: [`${TEST_LABEL}=${runId}`, 'berth.build.test=1'] },
    });
    assert.match(result?.containerId ?? '', /^[0-9a-f]{64}$/);
    assert.equal(await docker(['inspect', '--format', '{{.State.Running}}', name]), 'true');
    await waitFor('the container in the tree', () => findRow(api.containersTree, name), 15_000);
    // Revealed and selected, without taking the keyboard focus.
    await waitFor('the new container selected in the Containers view', () => {
      const selected = api.containersTree.selection;
      return selected.length === 1 && selected[0]?.kind === 'container' && (selected[0].resource as ContainerSummary).id === result?.containerId;
    }, 15_000);
  });
});
