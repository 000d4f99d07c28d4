/** Resolves which containers a command acts on: the clicked rows, a whole compose project, or a quick pick. */
import * as vscode from 'vscode';
import type { ContainerState, ContainerSummary } from '../engine/types';
import type { CommandContext } from './commandContext';
import { targetsOf } from './targets';

export async function pickContainers(
  ctx: CommandContext,
  args: unknown[],
  options: { verb: string; states: readonly ContainerState[]; canPickMany?: boolean },
): Promise<ContainerSummary[]> {
  const selected = targetsOf(args)?.containers ?? [];
  if (selected.length > 0) return selected.filter((c) => options.states.includes(c.state));
  // From the palette: ask, offering only containers the action is valid for.
  const connection = ctx.session.requireConnection();
  const all = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Listing containers…' },
    () => connection.client.containers.list(),
  );
  const candidates = all.filter((c) => options.states.includes(c.state));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`No container to ${options.verb}.`);
    return [];
  }
  const items = candidates.map((c) => ({
    label: c.name,
    description: `${c.image} · ${c.status}`,
    detail: c.composeProject ? `compose: ${c.composeProject}` : undefined,
    container: c,
  }));
  if (options.canPickMany) {
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: `Containers to ${options.verb}` });
    return picked?.map((p) => p.container) ?? [];
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder: `Container to ${options.verb}` });
  return picked ? [picked.container] : [];
}
