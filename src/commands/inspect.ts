/** Inspect: the engine's whole JSON for an object, in an editor (an untitled JSON document; nothing in it runs). */
import * as vscode from 'vscode';
import type { CommandContext } from './commandContext';
import { pickNetworks } from './removeNetwork';

export async function showInspect(value: unknown): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(value, null, 2)}\n` });
  return vscode.window.showTextDocument(document, { preview: true });
}

export async function inspectNetwork(ctx: CommandContext, ...args: unknown[]): Promise<vscode.TextEditor | undefined> {
  const [network] = await pickNetworks(ctx, args, 'inspect', () => true, false);
  if (!network) return undefined;
  return showInspect(await ctx.session.requireConnection().client.networks.inspect(network.id));
}
