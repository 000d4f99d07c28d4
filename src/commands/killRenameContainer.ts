/** "Kill…" with a signal picked, and "Rename…". */
import * as vscode from 'vscode';
import { KILL_SIGNALS, killContainer, renameContainer, validContainerName } from '../engine/containerActions';
import type { CommandContext } from './commandContext';
import { throwIfAnyFailed } from './actionFailed';
import { lifecycleStates } from './lifecycleStates';
import { pickContainers } from './pickContainers';

/** `(node, nodes, signal)`: a caller may name the signal; otherwise Berth asks. */
export async function killWithSignal(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await pickContainers(ctx, args, { verb: 'kill', states: lifecycleStates.kill, canPickMany: true });
  if (targets.length === 0) return;
  const given = typeof args[2] === 'string' ? args[2] : undefined;
  const signal =
    given ??
    (await vscode.window.showQuickPick(
      KILL_SIGNALS.map((s) => ({ label: s, description: s === 'SIGKILL' ? 'ends it at once' : s === 'SIGTERM' ? 'asks it to stop' : undefined })),
      { placeHolder: `Signal to send to ${targets.map((t) => t.name).join(', ')}` },
    ))?.label;
  if (!signal) return;
  const client = ctx.session.requireConnection().client;
  const results = await Promise.allSettled(targets.map((t) => killContainer(client, t.id, signal)));
  throwIfAnyFailed(`send ${signal} to`, targets.map((t) => t.name), results);
}

/** `(node, nodes, newName)`: a caller may give the name; otherwise Berth asks. */
export async function renameContainerCommand(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [container] = await pickContainers(ctx, args, { verb: 'rename', states: lifecycleStates.rename });
  if (!container) return;
  const given = typeof args[2] === 'string' ? args[2] : undefined;
  const name =
    given ??
    (await vscode.window.showInputBox({
      title: `Rename ${container.name}`,
      value: container.name,
      validateInput: (v) => (validContainerName(v.trim()) ? undefined : 'Letters, digits, _ . and -, starting with a letter or digit'),
    }));
  if (!name || name.trim() === container.name) return;
  await renameContainer(ctx.session.requireConnection().client, container.id, name.trim());
}
