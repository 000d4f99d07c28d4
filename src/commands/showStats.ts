/**
 * "Show Stats" for the clicked containers or compose project (the row's `kind` says which), and
 * "Show Stats for All Running Containers". From the palette, a quick pick offers all running
 * containers, each compose project and each container.
 */
import * as vscode from 'vscode';
import { isSampled } from '../stats/statsSelection';
import type { CommandContext } from './commandContext';
import { statsTargetOfRows, type Resolved } from './statsTarget';

/** Engine text in a quick pick: `$(name)` would otherwise be drawn as an icon. */
function literal(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

async function pickTarget(ctx: CommandContext): Promise<Resolved | undefined> {
  const client = ctx.session.requireConnection().client;
  const running = (await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Listing containers…' }, () => client.containers.list())).filter(isSampled);
  type Item = vscode.QuickPickItem & { resolved?: Resolved };
  const items: Item[] = [{ label: '$(pulse) All running containers', description: `${running.length}`, resolved: { target: { kind: 'all' }, title: 'all running containers' } }];
  const projects = [...new Set(running.map((c) => c.composeProject).filter((p): p is string => p !== undefined))].sort();
  if (projects.length > 0) items.push({ label: 'Compose projects', kind: vscode.QuickPickItemKind.Separator });
  for (const project of projects) {
    const count = running.filter((c) => c.composeProject === project).length;
    items.push({ label: `$(layers) ${literal(project)}`, description: `${count} running`, resolved: { target: { kind: 'project', project }, title: project } });
  }
  if (running.length > 0) items.push({ label: 'Containers', kind: vscode.QuickPickItemKind.Separator });
  for (const c of [...running].sort((a, b) => a.name.localeCompare(b.name))) {
    items.push({ label: `$(vm-running) ${c.name}`, description: literal(c.image), resolved: { target: { kind: 'containers', ids: [c.id] }, title: c.name } });
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Show stats for…', matchOnDescription: true });
  return picked?.resolved;
}

export async function showStats(ctx: CommandContext, node?: unknown, nodes?: unknown): Promise<void> {
  const resolved = statsTargetOfRows(node, nodes) ?? (node === undefined ? await pickTarget(ctx) : undefined);
  if (!resolved) {
    if (node !== undefined) void vscode.window.showInformationMessage('Pick a container or a compose project to show its stats.');
    return;
  }
  ctx.stats.show(resolved.target, resolved.title);
}

export function showStatsForAll(ctx: CommandContext): void {
  ctx.stats.show({ kind: 'all' }, 'all running containers');
}
