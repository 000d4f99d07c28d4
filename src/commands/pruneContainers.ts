/** "Prune Stopped Containers": asks first (berth.confirmDestructive), then says how much it reclaimed. */
import * as vscode from 'vscode';
import { Config } from '../config';
import { pruneContainers } from '../engine/containerActions';
import { bytes } from '../inspect/limits';
import type { CommandContext } from './commandContext';

export async function pruneStoppedContainers(ctx: CommandContext): Promise<{ removed: number; bytesReclaimed: number } | undefined> {
  const client = ctx.session.requireConnection().client;
  if (Config.confirmDestructive()) {
    const stopped = (await client.containers.list()).filter((c) => c.state === 'exited' || c.state === 'created' || c.state === 'dead');
    if (stopped.length === 0) {
      void vscode.window.showInformationMessage('No stopped container to prune.');
      return undefined;
    }
    const answer = await vscode.window.showWarningMessage(
      `Remove ${stopped.length} stopped container(s)?`,
      { modal: true, detail: `${stopped.slice(0, 10).map((c) => c.name).join(', ')}${stopped.length > 10 ? ', …' : ''}. Turn off berth.confirmDestructive to skip this question.` },
      'Prune',
    );
    if (answer !== 'Prune') return undefined;
  }
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Pruning stopped containers…' }, () => pruneContainers(client));
  void vscode.window.showInformationMessage(`Removed ${result.removedIds.length} stopped container(s), reclaimed ${bytes(result.bytesReclaimed)}.`);
  return { removed: result.removedIds.length, bytesReclaimed: result.bytesReclaimed };
}
