/**
 * Runs Compose for Berth's commands: as a VS Code task (a process with an argument array,
 * never a shell line) whose exit code we await, or in a terminal for `logs --follow`.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { composeArgs, detectComposeCli, type ComposeCli, type ComposeTarget } from './composeCli';

export const COMPOSE_TASK_TYPE = 'berth-compose';

function runProcess(command: string, args: readonly string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(command, [...args], { timeout: 15_000 }, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
      resolve({ code, stdout: String(stdout) });
    });
  });
}

export class ComposeNotFound extends Error {
  constructor() {
    super('Neither `docker compose` (Compose v2) nor `docker-compose` (v1) was found. Install the Docker Compose plugin, or docker-compose, and make sure it is on your PATH.');
  }
}

export class ComposeRunner {
  private cli: Promise<ComposeCli | undefined> | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Detected once; a failed detection is retried next time (the user may have just installed it). */
  async requireCli(): Promise<ComposeCli> {
    this.cli ??= detectComposeCli(runProcess);
    const cli = await this.cli;
    if (!cli) {
      this.cli = undefined;
      throw new ComposeNotFound();
    }
    return cli;
  }

  /** The detected CLI, or undefined when there is none (for callers with a fallback). */
  async detectedCli(): Promise<ComposeCli | undefined> {
    return this.requireCli().catch(() => undefined);
  }

  /** Runs `compose … subcommand` and captures its output (for short commands such as `config`). */
  async capture(cli: ComposeCli, target: ComposeTarget, subcommand: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const args = composeArgs(cli, target, subcommand);
    this.log.info(`compose: ${cli.command} ${JSON.stringify(args)}`);
    return new Promise((resolve) => {
      execFile(cli.command, args, { cwd: target.projectDirectory ?? os.homedir(), timeout: 30_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
      });
    });
  }

  /** Runs one compose command as a task and resolves with its exit code. */
  async run(target: ComposeTarget, subcommand: readonly string[], title: string): Promise<number> {
    const cli = await this.requireCli();
    const args = composeArgs(cli, target, subcommand);
    this.log.info(`compose: ${cli.command} ${JSON.stringify(args)}`);
    const folder = target.projectDirectory ? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(target.projectDirectory)) : undefined;
    // A unique id in the definition tells this run's end from any other compose task's.
    const runId = randomUUID();
    const task = new vscode.Task(
      { type: COMPOSE_TASK_TYPE, subcommand: subcommand[0] ?? '', runId },
      folder ?? vscode.TaskScope.Workspace,
      title,
      'Berth',
      new vscode.ProcessExecution(cli.command, args, { cwd: target.projectDirectory ?? os.homedir() }),
    );
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true, showReuseMessage: false };
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${title}…`, cancellable: true }, async (_progress, token) => {
      const ended = new Promise<number>((resolve) => {
        const subscription = vscode.tasks.onDidEndTaskProcess((e) => {
          if ((e.execution.task.definition as { runId?: string }).runId === runId) {
            subscription.dispose();
            resolve(e.exitCode ?? 1);
          }
        });
      });
      const execution = await vscode.tasks.executeTask(task);
      token.onCancellationRequested(() => execution.terminate());
      return ended;
    });
  }

  /** Opens a terminal running compose (for `logs --follow`): the process itself, no shell. */
  async openTerminal(target: ComposeTarget, subcommand: readonly string[], title: string): Promise<vscode.Terminal> {
    const cli = await this.requireCli();
    const terminal = vscode.window.createTerminal({
      name: title,
      shellPath: cli.command,
      shellArgs: composeArgs(cli, target, subcommand),
      cwd: target.projectDirectory ?? os.homedir(),
      iconPath: new vscode.ThemeIcon('layers'),
    });
    terminal.show();
    return terminal;
  }
}
