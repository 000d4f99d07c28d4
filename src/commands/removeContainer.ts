/** Remove containers: asks first (unless berth.confirmDestructive is off), then says what it removed. */
import * as vscode from 'vscode';
import { Config } from '../config';
import type { CommandContext } from './commandContext';
import { lifecycleStates } from './lifecycleStates';
import { pickContainers } from './pickContainers';
import { throwIfAnyFailed } from './actionFailed';

export async function removeContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await pickContainers(ctx, args, { verb: 'remove', states: lifecycleStates.remove, canPickMany: true });
  if (targets.length === 0) return;
  const running = targets.filter((t) => t.state !== 'exited' && t.state !== 'created' && t.state !== 'dead');
  if (Config.confirmDestructive()) {
    const names = targets.map((t) => t.name).join(', ');
    const detail = running.length > 0 ? `${running.map((t) => t.name).join(', ')} ${running.length === 1 ? 'is' : 'are'} running and will be stopped. ` : '';
    const answer = await vscode.window.showWarningMessage(
      targets.length === 1 ? `Remove container ${names}?` : `Remove ${targets.length} containers (${names})?`,
      { modal: true, detail: `${detail}Their anonymous volumes are kept. Turn off berth.confirmDestructive to skip this question.` },
      'Remove',
    );
    if (answer !== 'Remove') return;
  }
  const client = ctx.session.requireConnection().client;
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Removing ${targets.length === 1 ? targets[0]!.name : `${targets.length} containers`}…` },
    () => Promise.allSettled(targets.map((t) => client.containers.remove(t.id, { force: true }))),
  );
  const removed = targets.filter((_, i) => results[i]!.status === 'fulfilled').map((t) => t.name);
  if (removed.length > 0) void vscode.window.showInformationMessage(`Removed ${removed.length === 1 ? 'container' : 'containers'} ${removed.join(', ')}.`);
  throwIfAnyFailed('remove', targets.map((t) => t.name), results);
}
