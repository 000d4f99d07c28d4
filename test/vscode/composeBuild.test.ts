/**
 * Compose Build through Berth's build path, in the extension host with the machine's Compose (here
 * docker-compose v1) and the 20.10 CLI's BuildKit: each service is built as Build Image builds
 * (a berth-build task, step progress, failures on the service's Dockerfile line), checked in the engine.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/ids';
import { docker, runId, SERVICE_CMD, TEST_IMAGE, TEST_LABEL, waitFor } from '../support/docker';
import { activateBerth } from './testUtil';

describe('Compose Build through Berth', function () {
  this.timeout(120_000);
  const root = path.join(tmpdir(), `berth-compose-build-${runId}`);
  // Compose v1 names a service's image `<folder, normalized>_<service>`.
  const good = path.join(root, `good-${runId}`);
  const bad = path.join(root, `bad-${runId}`);
  const builtImage = `good-${runId}_app`.toLowerCase();
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('berth');

  /**
   * The names of the berth-build tasks that `run` starts. A cached build can end before VS Code
   * has started its task (the CLI does not wait for the terminal), so this waits for `count` starts.
   */
  async function buildTasksOf<T>(run: () => Thenable<T>, count: number): Promise<{ value: T; tasks: string[] }> {
    const tasks: string[] = [];
    const sub = vscode.tasks.onDidStartTask((e) => {
      if (e.execution.task.definition.type === 'berth-build') tasks.push(e.execution.task.name);
    });
    try {
      const value = await run();
      await waitFor(`${count} berth-build task(s) to start`, () => tasks.length >= count).catch(() => undefined);
      return { value, tasks };
    } finally {
      sub.dispose();
    }
  }

  before(async () => {
    mkdirSync(path.join(good, 'app'), { recursive: true });
    writeFileSync(path.join(good, 'app', 'Dockerfile'), `FROM ${TEST_IMAGE}\nARG GREETING\nRUN echo "$GREETING" > /greeting\nLABEL ${TEST_LABEL}=${runId}\n`);
    // `$` is Compose interpolation: the shell's `$!` is written `$$!`.
    writeFileSync(
      path.join(good, 'compose.yaml'),
      `services:\n  app:\n    build:\n      context: ./app\n      args:\n        GREETING: from-compose\n    command: ${JSON.stringify(SERVICE_CMD).replace(/\$/g, '$$$$')}\n    stop_grace_period: 1s\n    labels:\n      ${TEST_LABEL}: "${runId}"\n      berth.compose.test: "1"\n`,
    );
    mkdirSync(bad, { recursive: true });
    writeFileSync(path.join(bad, 'Dockerfile.broken'), `FROM ${TEST_IMAGE}\nRUN echo fine\nRUN echo failing && exit 3\n`);
    writeFileSync(path.join(bad, 'compose.yaml'), `services:\n  broken:\n    build:\n      context: .\n      dockerfile: Dockerfile.broken\n    image: berth-test/compose-broken-${runId}\n`);
    await activateBerth();
    await config().update('dockerPath', '/usr/bin/docker', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('dockerPath', undefined, vscode.ConfigurationTarget.Global);
    const ids = (await docker(['ps', '-aq', '--filter', `label=${TEST_LABEL}=${runId}`, '--filter', 'label=berth.compose.test=1'])).split('\n').filter(Boolean);
    if (ids.length) await docker(['rm', '-f', ...ids]);
    const networks = (await docker(['network', 'ls', '-q', '--filter', `name=good-${runId}`]).catch(() => '')).split('\n').filter(Boolean);
    for (const n of networks) await docker(['network', 'rm', n]).catch(() => undefined);
    await docker(['rmi', '-f', builtImage]).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  });

  it("builds a project's service image through Berth's build task, with the service's build args", async () => {
    const { value: code, tasks } = await buildTasksOf(() => vscode.commands.executeCommand<number>(Commands.composeBuild, vscode.Uri.file(path.join(good, 'compose.yaml'))), 1);
    assert.equal(code, 0);
    assert.deepEqual(tasks, [`Build ${builtImage}`]);
    assert.equal(await docker(['run', '--rm', '--label', `${TEST_LABEL}=${runId}`, builtImage, 'cat', '/greeting']), 'from-compose');
  });

  it("rebuilds one service through Berth's build task, then Compose recreates its container from that image", async () => {
    const { value: code, tasks } = await buildTasksOf(() => vscode.commands.executeCommand<number>(Commands.composeServiceRebuild, { uri: vscode.Uri.file(path.join(good, 'compose.yaml')), service: 'app' }), 1);
    assert.equal(code, 0);
    assert.deepEqual(tasks, [`Build ${builtImage}`]);
    const running = await docker(['ps', '--filter', `label=${TEST_LABEL}=${runId}`, '--filter', 'label=com.docker.compose.service=app', '--format', '{{.Image}} {{.State}}']);
    assert.equal(running, `${builtImage} running`);
  });

  it("puts a service's failing RUN on its line of that service's Dockerfile", async () => {
    const dockerfile = vscode.Uri.file(path.join(bad, 'Dockerfile.broken'));
    const { value: code, tasks } = await buildTasksOf(() => vscode.commands.executeCommand<number>(Commands.composeBuild, vscode.Uri.file(path.join(bad, 'compose.yaml'))), 1);
    assert.notEqual(code, 0);
    assert.equal(tasks.length, 1, tasks.join(', '));
    const diagnostics = vscode.languages.getDiagnostics(dockerfile).filter((d) => d.source === 'BuildKit');
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.equal(diagnostics[0]?.range.start.line, 2);
    await assert.rejects(docker(['image', 'inspect', `berth-test/compose-broken-${runId}`]));
  });
});
