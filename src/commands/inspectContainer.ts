/** "Inspect": the container's full JSON, read-only, with a summary of what matters above it. */
import * as vscode from 'vscode';
import { Config } from '../config';
import { inspectUri } from '../inspect/inspectDocuments';
import type { CommandContext } from './commandContext';
import { lifecycleStates } from './lifecycleStates';
import { pickContainers } from './pickContainers';

async function open(ctx: CommandContext, args: unknown[], showSecrets: boolean): Promise<vscode.TextEditor | undefined> {
  const [container] = await pickContainers(ctx, args, { verb: 'inspect', states: lifecycleStates.inspect });
  if (!container) return undefined;
  const uri = inspectUri(container, showSecrets);
  // Already open: fetch again, so the document shows the engine's state now.
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) ctx.inspectDocuments.refresh(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

export function inspectContainer(ctx: CommandContext, ...args: unknown[]): Promise<vscode.TextEditor | undefined> {
  return open(ctx, args, !Config.maskSecrets());
}

export function inspectContainerShowingSecrets(ctx: CommandContext, ...args: unknown[]): Promise<vscode.TextEditor | undefined> {
  return open(ctx, args, true);
}
