/** Inspect: the engine's whole JSON for an object, in an editor (an untitled JSON document; nothing in it runs). */
import * as vscode from 'vscode';
import type { CommandContext } from './commandContext';
import { pickImages } from './imageCommands';
import { pickNetworks } from './removeNetwork';
import { pickVolumes } from './volumeCommands';

export async function showInspect(value: unknown): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(value, null, 2)}\n` });
  return vscode.window.showTextDocument(document, { preview: true });
}

export async function inspectNetwork(ctx: CommandContext, ...args: unknown[]): Promise<vscode.TextEditor | undefined> {
  const [network] = await pickNetworks(ctx, args, 'inspect', () => true, false);
  if (!network) return undefined;
  return showInspect(await ctx.session.requireConnection().client.networks.inspect(network.id));
}

export async function inspectVolume(ctx: CommandContext, ...args: unknown[]): Promise<vscode.TextEditor | undefined> {
  const [volume] = await pickVolumes(ctx, args, 'inspect', false);
  if (!volume) return undefined;
  return showInspect(await ctx.session.requireConnection().client.volumes.inspect(volume.name));
}

export async function inspectImage(ctx: CommandContext, ...args: unknown[]): Promise<vscode.TextEditor | undefined> {
  const [target] = await pickImages(ctx, args, 'inspect', false);
  if (!target) return undefined;
  return showInspect(await ctx.session.requireConnection().client.images.inspect(target.image.id));
}
