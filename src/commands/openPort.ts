/** "Open in Browser": a published TCP port of the container, picked when there are several. */
import * as vscode from 'vscode';
import { portUrl } from '../explorer/containers/containerPresentation';
import type { CommandContext } from './commandContext';
import { lifecycleStates } from './lifecycleStates';
import { pickContainers } from './pickContainers';

export async function openPublishedPort(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const [container] = await pickContainers(ctx, args, { verb: 'open in the browser', states: lifecycleStates.openPort });
  if (!container) return undefined;
  const urls = [...new Set(container.ports.map(portUrl).filter((u): u is string => u !== undefined))];
  if (urls.length === 0) {
    void vscode.window.showInformationMessage(`${container.name} publishes no TCP port. Publish one with -p HOST:CONTAINER when you run it.`);
    return undefined;
  }
  const url = urls.length === 1 ? urls[0] : await vscode.window.showQuickPick(urls, { placeHolder: `Port of ${container.name} to open` });
  if (!url) return undefined;
  await vscode.env.openExternal(vscode.Uri.parse(url));
  return url;
}
