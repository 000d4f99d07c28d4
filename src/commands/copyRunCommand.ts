/** "Copy `docker run` Command", "Copy Id" and "Copy Name": to the clipboard, said in the status bar. */
import * as vscode from 'vscode';
import { inspectContainer } from '../engine/inspect';
import { dockerRunCommand } from '../inspect/dockerRunCommand';
import type { CommandContext } from './commandContext';
import { lifecycleStates } from './lifecycleStates';
import { pickContainers } from './pickContainers';

async function copy(text: string, what: string): Promise<string> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`Copied ${what}.`, 3000);
  return text;
}

export async function copyRunCommand(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const [container] = await pickContainers(ctx, args, { verb: 'copy the run command of', states: lifecycleStates.copyRunCommand });
  if (!container) return undefined;
  const inspect = await inspectContainer(ctx.session.requireConnection().client, container.id);
  return copy(dockerRunCommand(inspect), `the docker run command of ${container.name}`);
}

export async function copyId(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const [container] = await pickContainers(ctx, args, { verb: 'copy the id of', states: lifecycleStates.copyId });
  return container ? copy(container.id, `the id of ${container.name}`) : undefined;
}

export async function copyName(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const [container] = await pickContainers(ctx, args, { verb: 'copy the name of', states: lifecycleStates.copyName });
  return container ? copy(container.name, `the name ${container.name}`) : undefined;
}
