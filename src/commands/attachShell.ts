/** "Attach Shell" and "Run Command…": a terminal over the engine's exec API, no docker CLI needed. */
import * as vscode from 'vscode';
import { findShell } from '../engine/exec';
import type { ContainerSummary } from '../engine/types';
import { splitCommandLine } from '../shell/commandLine';
import { openExecTerminal, type ExecPseudoterminal } from '../shell/execTerminal';
import type { CommandContext } from './commandContext';
import { lifecycleStates } from './lifecycleStates';
import { pickContainers } from './pickContainers';

/** What both commands return, so a caller (a test, another extension) can reach the terminal. */
export interface OpenedTerminal {
  terminal: vscode.Terminal;
  pty: ExecPseudoterminal;
}

async function pickOne(ctx: CommandContext, args: unknown[], verb: string): Promise<ContainerSummary | undefined> {
  const [first] = await pickContainers(ctx, args, { verb, states: lifecycleStates.attachShell });
  return first;
}

export async function attachShell(ctx: CommandContext, ...args: unknown[]): Promise<OpenedTerminal | undefined> {
  const container = await pickOne(ctx, args, 'open a shell in');
  if (!container) return undefined;
  const client = ctx.session.requireConnection().client;
  let cmd: string[];
  const shell = await findShell(client, container.id);
  if (shell) {
    cmd = [shell];
  } else {
    const typed = await vscode.window.showInputBox({
      title: `No bash or sh in ${container.name}`,
      prompt: 'Which program should Berth run with a terminal? (a path inside the container)',
      placeHolder: '/busybox/sh',
    });
    if (!typed?.trim()) return undefined;
    cmd = splitCommandLine(typed);
  }
  return openExecTerminal(client, container, { cmd }, cmd[0]!.split('/').pop() ?? 'shell');
}

export async function runCommand(ctx: CommandContext, ...args: unknown[]): Promise<OpenedTerminal | undefined> {
  const container = await pickOne(ctx, args, 'run a command in');
  if (!container) return undefined;
  const line = await vscode.window.showInputBox({ title: `Run in ${container.name}`, prompt: 'Command to run', placeHolder: 'ls -l /' });
  if (!line?.trim()) return undefined;
  const user = await vscode.window.showInputBox({ title: `Run in ${container.name}`, prompt: 'As user (empty: the container\'s user)', placeHolder: 'root, 1000, 1000:1000' });
  if (user === undefined) return undefined;
  const workingDir = await vscode.window.showInputBox({
    title: `Run in ${container.name}`,
    prompt: 'In folder (empty: the container\'s working directory)',
    placeHolder: '/app',
    validateInput: (v) => (v && !v.startsWith('/') ? 'An absolute path inside the container, starting with /' : undefined),
  });
  if (workingDir === undefined) return undefined;
  const client = ctx.session.requireConnection().client;
  // What the user typed runs through the container's shell, as `docker exec c sh -c '…'` would.
  const shell = await findShell(client, container.id);
  const cmd = shell ? [shell, '-c', line] : splitCommandLine(line);
  return openExecTerminal(client, container, { cmd, user: user.trim(), workingDir: workingDir.trim() }, line.trim());
}
