/**
 * Runs Compose for Berth's commands: as a VS Code task whose pseudoterminal starts the process
 * with an argument array (no shell, no variable expansion) and whose end we await, or in a
 * terminal for `logs --follow`.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { composeArgs, detectComposeCli, type ComposeCli, type ComposeTarget } from './composeCli';
import { refuseNamesComposeRejects } from './composeNames';
import { ProcessPty, type ProcessResult } from './processPty';
import { runTaskToEnd } from './taskRun';

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
    refuseNamesComposeRejects(target);
    const args = composeArgs(cli, target, subcommand);
    this.log.info(`compose: ${cli.command} ${JSON.stringify(args)}`);
    return new Promise((resolve) => {
      execFile(cli.command, args, { cwd: target.projectDirectory ?? os.homedir(), timeout: 30_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
      });
    });
  }

  /**
   * Runs one compose command as a task and resolves with its exit code and output, or undefined when
   * the task was stopped first. The task is a CustomExecution: a ProcessExecution would let VS Code
   * expand `${…}` (`${command:…}` runs a command) in project names and paths that come from labels.
   */
  async run(target: ComposeTarget, subcommand: readonly string[], title: string): Promise<ProcessResult | undefined> {
    refuseNamesComposeRejects(target);
    const cli = await this.requireCli();
    const args = composeArgs(cli, target, subcommand);
    this.log.info(`compose: ${cli.command} ${JSON.stringify(args)}`);
    return this.runTask(cli.command, args, target.projectDirectory, title, subcommand[0] ?? '');
  }

  /**
   * Runs a command (an argument array, no shell) as a task and resolves with its exit code and
   * output, or undefined when the task was stopped first: compose here, `docker stack deploy` too.
   */
  async runTask(command: string, args: readonly string[], cwd: string | undefined, title: string, kind: string): Promise<ProcessResult | undefined> {
    const folder = cwd ? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(cwd)) : undefined;
    const pty = new ProcessPty(command, args, cwd ?? os.homedir());
    // A unique id in the definition tells this run's end from any other compose task's. VS Code
    // expands `${…}` in a CustomExecution's definition: it holds only Berth's own strings.
    const runId = randomUUID();
    const task = new vscode.Task(
      { type: COMPOSE_TASK_TYPE, subcommand: kind, runId },
      folder ?? vscode.TaskScope.Workspace,
      title,
      'Berth',
      new vscode.CustomExecution(async () => pty),
    );
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true, showReuseMessage: false };
    const isThisRun = (t: vscode.Task): boolean => (t.definition as { runId?: string }).runId === runId;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${title}…`, cancellable: true }, (_progress, token) =>
      runTaskToEnd(vscode.tasks, task, pty, isThisRun, token),
    );
  }

  /** Opens a terminal running compose (for `logs --follow`): the process itself, no shell. */
  async openTerminal(target: ComposeTarget, subcommand: readonly string[], title: string): Promise<vscode.Terminal> {
    refuseNamesComposeRejects(target);
    const cli = await this.requireCli();
    const pty = new ProcessPty(cli.command, composeArgs(cli, target, subcommand), target.projectDirectory ?? os.homedir());
    const terminal = vscode.window.createTerminal({ name: title, pty, iconPath: new vscode.ThemeIcon('layers') });
    terminal.show();
    return terminal;
  }
}
