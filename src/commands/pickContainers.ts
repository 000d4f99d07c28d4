/** Resolves which containers a command acts on: the clicked rows, a whole compose project, or a quick pick. */
import * as vscode from 'vscode';
import type { ContainerState, ContainerSummary } from '../engine/types';
import { ComposeProjectNode, ContainerNode } from '../explorer/containers/containerNodes';
import type { CommandContext } from './commandContext';

function fromNode(value: unknown): ContainerSummary[] {
  if (value instanceof ContainerNode) return [value.container];
  if (value instanceof ComposeProjectNode) return value.children.map((n) => n.container);
  return [];
}

export async function pickContainers(
  ctx: CommandContext,
  args: unknown[],
  options: { verb: string; states: readonly ContainerState[]; canPickMany?: boolean },
): Promise<ContainerSummary[]> {
  const [node, nodes] = args;
  const selected = Array.isArray(nodes) && nodes.length > 0 ? nodes.flatMap(fromNode) : fromNode(node);
  if (selected.length > 0) {
    const unique = new Map(selected.map((c) => [c.id, c]));
    return [...unique.values()].filter((c) => options.states.includes(c.state));
  }
  // From the palette: ask, offering only containers the action is valid for.
  const connection = ctx.session.requireConnection();
  const all = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Listing containers…' },
    () => connection.client.listContainers(),
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
