/**
 * The `berth-build` and `berth-run` task types: builds and runs that live in tasks.json and chain
 * with other tasks. Each runs as a CustomExecution over Berth's own pseudoterminal, so the CLI gets
 * an argument array; Berth's own tasks carry only a run id in their definition, because VS Code
 * expands `${…}` there (and `${command:…}` would run a command named by a workspace file).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ProcessPty } from '../compose/processPty';
import { defaultBuildOptions, type BuildOptions } from './buildArgs';
import type { BuildRunner, PreparedBuild } from './buildRunner';
import { defaultRunOptions, runArgs, type RunOptions } from './runArgs';
import { restrictedRefusal } from './trust';

export const BUILD_TASK_TYPE = 'berth-build';
export const RUN_TASK_TYPE = 'berth-run';

/** A terminal that only says why the task did not run, and ends with exit code 1. */
class RefusalPty implements vscode.Pseudoterminal {
  private readonly writes = new vscode.EventEmitter<string>();
  private readonly closes = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writes.event;
  readonly onDidClose = this.closes.event;
  constructor(private readonly message: string) {}
  open(): void {
    this.writes.fire(`${this.message.replace(/\r?\n/g, '\r\n')}\r\n`);
    this.closes.fire(1);
  }
  close(): void {
    this.writes.dispose();
    this.closes.dispose();
  }
}

/** A task label never carries `${`: VS Code would read it as a variable. */
const plain = (text: string): string => text.replace(/\$\{/g, '$ {');

/** The task that runs a prepared build (Berth's command). */
export function buildTask(build: PreparedBuild, title: string, runId: string): vscode.Task {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(build.options.dockerfile));
  const task = new vscode.Task({ type: BUILD_TASK_TYPE, runId }, folder ?? vscode.TaskScope.Workspace, plain(title), 'Berth', new vscode.CustomExecution(async () => build.pty));
  task.group = vscode.TaskGroup.Build;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true, showReuseMessage: false };
  return task;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** A tasks.json `berth-build` definition (variables already resolved by VS Code) as build options. */
export function buildOptionsFromDefinition(definition: vscode.TaskDefinition, folder: string | undefined): BuildOptions {
  const base = folder ?? process.cwd();
  const dockerfileText = text(definition.dockerfile);
  if (!dockerfileText) throw new Error('This berth-build task names no "dockerfile".');
  const dockerfile = path.resolve(base, dockerfileText);
  const context = path.resolve(base, text(definition.context) ?? path.dirname(dockerfile));
  const target = text(definition.target);
  const platform = text(definition.platform);
  return {
    ...defaultBuildOptions(dockerfile, context),
    tags: strings(definition.tags),
    ...(target ? { target } : {}),
    buildArgs: strings(definition.buildArgs),
    ...(platform ? { platform } : {}),
    secrets: strings(definition.secrets),
    ssh: strings(definition.ssh),
    cacheFrom: strings(definition.cacheFrom),
    cacheTo: strings(definition.cacheTo),
    inlineCache: definition.inlineCache === true,
    noCache: definition.noCache === true,
    pull: definition.pull === true,
  };
}

export function runOptionsFromDefinition(definition: vscode.TaskDefinition): RunOptions {
  const image = text(definition.image);
  if (!image) throw new Error('This berth-run task names no "image".');
  const name = text(definition.name);
  const envFile = text(definition.envFile);
  const network = text(definition.network);
  const restart = text(definition.restart);
  return {
    ...defaultRunOptions(image),
    ...(name ? { name } : {}),
    ports: strings(definition.ports),
    env: strings(definition.env),
    ...(envFile ? { envFile } : {}),
    volumes: strings(definition.volumes),
    ...(network ? { network } : {}),
    ...(restart ? { restart } : {}),
    remove: definition.remove === true,
    command: strings(definition.command),
    labels: strings(definition.labels),
  };
}

function folderOf(task: vscode.Task): string | undefined {
  const scope = task.scope;
  return typeof scope === 'object' && scope !== null && 'uri' in scope ? scope.uri.fsPath : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** Resolves the tasks users write in tasks.json; Berth contributes none of its own to the task list. */
export function registerBuildTasks(runner: BuildRunner): vscode.Disposable[] {
  const resolveWith = (task: vscode.Task, open: (definition: vscode.TaskDefinition, folder: string | undefined) => Promise<vscode.Pseudoterminal>): vscode.Task =>
    new vscode.Task(task.definition, task.scope ?? vscode.TaskScope.Workspace, task.name, 'Berth', new vscode.CustomExecution(async (definition) => {
      if (!vscode.workspace.isTrusted) return new RefusalPty(restrictedRefusal(`The ${task.definition.type} task`).message);
      try {
        return await open(definition, folderOf(task));
      } catch (error) {
        return new RefusalPty((error as Error).message);
      }
    }));
  return [
    vscode.tasks.registerTaskProvider(BUILD_TASK_TYPE, {
      provideTasks: () => [],
      resolveTask: (task) => resolveWith(task, async (definition, folder) => {
        const build = await runner.prepare(buildOptionsFromDefinition(definition, folder));
        void runner.showProgress(build, `${task.name}`);
        return build.pty;
      }),
    }),
    vscode.tasks.registerTaskProvider(RUN_TASK_TYPE, {
      provideTasks: () => [],
      resolveTask: (task) => resolveWith(task, async (definition, folder) => {
        const options = runOptionsFromDefinition(definition);
        const builder = await runner.builder().catch(() => undefined);
        return new ProcessPty(builder?.command ?? 'docker', runArgs({ ...options, interactive: false }), folder ?? process.cwd(), runner.environment());
      }),
    }),
  ];
}
