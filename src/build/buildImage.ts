/**
 * "Berth: Build Image" from the palette, the Dockerfile's editor title, a stage's code lens, or a
 * caller with a Dockerfile (the explorer's context menu: pass its Uri, or a BuildRequest).
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/commandContext';
import { Commands } from '../ids';
import { readTextFile } from '../language/safeRead';
import type { BuildOptions } from './buildArgs';
import { dockerfileFeatures } from '../language/dockerfile/languageProviders';
import { initialOptions } from './buildDefaults';
import { askBuildOptions } from './buildPrompts';
import type { BuildResult } from './buildRunner';
import { buildTask, BUILD_TASK_TYPE } from './buildTasks';
import { refuseUntrusted } from './trust';

/** What a caller can pass instead of a Uri: with `options`, nothing is asked. */
export interface BuildRequest {
  dockerfile: vscode.Uri | string;
  /** A stage to build (the code lens passes it). */
  stage?: string;
  options?: Partial<BuildOptions>;
  /** Stops the build as the notification's Cancel does (for callers such as other extensions). */
  cancellation?: vscode.CancellationToken;
}

function asRequest(arg: unknown): BuildRequest | undefined {
  if (arg instanceof vscode.Uri) return { dockerfile: arg };
  if (typeof arg === 'object' && arg !== null && 'dockerfile' in arg) return arg as BuildRequest;
  if (typeof arg === 'object' && arg !== null && (arg as { uri?: unknown }).uri instanceof vscode.Uri) {
    const lens = arg as { uri: vscode.Uri; stage?: string };
    return { dockerfile: lens.uri, ...(lens.stage ? { stage: lens.stage } : {}) };
  }
  return undefined;
}

async function pickDockerfile(): Promise<string | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.uri.scheme === 'file' && active.languageId === 'dockerfile') return active.uri.fsPath;
  const files = await vscode.workspace.findFiles('**/{Dockerfile,*.Dockerfile,Dockerfile.*,*.dockerfile}', '**/node_modules/**', 200);
  if (files.length === 0) {
    void vscode.window.showInformationMessage('No Dockerfile in this workspace. Open one and run "Berth: Build Image" again.');
    return undefined;
  }
  if (files.length === 1) return files[0]?.fsPath;
  const picked = await vscode.window.showQuickPick(files.map((f) => ({ label: vscode.workspace.asRelativePath(f), file: f.fsPath })), { title: 'Build which Dockerfile?' });
  return picked?.file;
}

export async function buildImage(ctx: CommandContext, ...args: unknown[]): Promise<BuildResult | unknown> {
  const refused = refuseUntrusted('Building an image');
  if (refused) return refused;
  const request = asRequest(args[0]);
  const file = request ? (typeof request.dockerfile === 'string' ? request.dockerfile : request.dockerfile.fsPath) : await pickDockerfile();
  if (!file) return undefined;
  const read = readTextFile(file);
  if (!read.ok) throw new Error(`Berth cannot read ${file}: ${read.problem}.`);
  const remembered = ctx.build.memory.get(file) ?? initialOptions(file, dockerfileFeatures().parseDockerfile(read.text));
  let options: BuildOptions | undefined;
  if (request?.options) options = { ...remembered, ...request.options, dockerfile: file, ...(request.stage ? { target: request.stage } : {}) };
  else options = await askBuildOptions(remembered, read.text, request?.stage);
  if (!options) return undefined;
  // Not awaited: the workspace state is written while the build runs.
  void ctx.build.memory.remember(options);
  return runBuild(ctx, options, request?.cancellation);
}

/**
 * Builds and then says what came of it: image id, size and a Run action (unless `announceSuccess`
 * is false: Compose Build says so itself); or where it failed, with Go to Line.
 */
export async function runBuild(ctx: CommandContext, options: BuildOptions, cancellation?: vscode.CancellationToken, announceSuccess = true): Promise<BuildResult | undefined> {
  const build = await ctx.build.runner.prepare(options);
  const cancelled = cancellation?.onCancellationRequested(() => build.pty.close());
  const runId = randomUUID();
  const title = `Build ${options.tags[0] ?? path.basename(options.dockerfile)}${options.target ? ` (${options.target})` : ''}`;
  const task = buildTask(build, title, runId);
  let taskEnded: vscode.Disposable | undefined;
  const ended = new Promise<BuildResult | undefined>((resolve) => {
    void build.finished.then(resolve);
    taskEnded = vscode.tasks.onDidEndTask((e) => {
      if ((e.execution.task.definition as { runId?: string }).runId !== runId || e.execution.task.definition.type !== BUILD_TASK_TYPE || build.pty.ended) return;
      // Terminated, perhaps before VS Code opened its terminal (and so without calling close()): stop the CLI.
      build.pty.close();
      resolve(undefined);
    });
  });
  void ctx.build.runner.showProgress(build, title, ended);
  let result: BuildResult | undefined;
  try {
    // The CLI starts now, while VS Code makes the task's terminal (a round trip to the window that
    // takes longer than a cached build); the terminal shows the output held so far when it opens.
    // Whatever ends the task first stops it: Cancel, the terminal closed, the task terminated.
    build.pty.start();
    const notStarted = Promise.resolve(vscode.tasks.executeTask(task)).then(
      () => new Promise<never>(() => undefined),
      (error: unknown) => {
        build.pty.close();
        throw error;
      },
    );
    result = await Promise.race([ended, notStarted]);
  } finally {
    taskEnded?.dispose();
    cancelled?.dispose();
  }
  if (result && (announceSuccess || result.code !== 0)) void announce(ctx, options, result);
  return result;
}

async function announce(ctx: CommandContext, options: BuildOptions, result: BuildResult): Promise<void> {
  if (result.code !== 0) {
    const first = result.failures[0];
    const message = first ? first.message : `The build failed (exit code ${result.code}). The terminal shows BuildKit's output.`;
    const action = first ? await vscode.window.showErrorMessage(message, 'Go to Line') : await vscode.window.showErrorMessage(message);
    if (action && first) {
      const editor = await vscode.window.showTextDocument(vscode.Uri.file(options.dockerfile));
      const at = new vscode.Position(first.range.start.line, 0);
      editor.selection = new vscode.Selection(at, at);
      editor.revealRange(new vscode.Range(at, at));
    }
    return;
  }
  const id = result.imageId ?? '';
  const size = await ctx.session.connection?.client
    .request('Inspect image', (d) => d.getImage(id).inspect() as Promise<{ Size?: number }>)
    .then((i) => (typeof i.Size === 'number' ? ` ${formatSize(i.Size)}` : ''))
    .catch(() => '');
  const image = options.tags[0] ?? id;
  const action = await vscode.window.showInformationMessage(`Built ${image} (${id.replace(/^sha256:/, '').slice(0, 12)}${size}) with ${result.builder.kind === 'buildx' ? 'docker buildx build' : 'docker build (BuildKit)'}.`, 'Run');
  if (action === 'Run') await vscode.commands.executeCommand(Commands.runImage, { image });
}

export function formatSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
