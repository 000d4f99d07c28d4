/** Remove networks (the selected rows or a pick) and Prune Networks: both ask first and say what went. */
import * as vscode from 'vscode';
import type { NetworkSummary } from '../engine/types';
import { throwIfAnyFailed } from './actionFailed';
import type { CommandContext } from './commandContext';
import { confirmDestructive, reportRemoved } from './confirm';
import { pickValues } from './pick';
import { targetsOf } from './targets';

/** The networks a command acts on: its rows, or a pick among `which` from the palette. */
export async function pickNetworks(ctx: CommandContext, args: readonly unknown[], verb: string, which: (n: NetworkSummary) => boolean, many: boolean): Promise<NetworkSummary[]> {
  const rows = targetsOf(args);
  if (rows) return rows.networks.filter(which);
  const networks = await ctx.session.requireConnection().client.networks.list();
  const items = networks
    .filter(which)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((n) => ({ label: n.name, description: `${n.driver} · ${n.scope}`, value: n }));
  return pickValues(items, { verb, noun: 'networks', many });
}

export async function removeNetwork(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await pickNetworks(ctx, args, 'remove', (n) => !n.builtIn, true);
  if (targets.length === 0) return;
  const names = targets.map((t) => t.name);
  const question = targets.length === 1 ? `Remove network ${names[0]}?` : `Remove ${targets.length} networks (${names.join(', ')})?`;
  if (!(await confirmDestructive(question, 'A network with containers attached is refused by the engine.', 'Remove'))) return;
  const client = ctx.session.requireConnection().client;
  const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Removing ${targets.length === 1 ? names[0] : `${targets.length} networks`}…` }, () =>
    Promise.allSettled(targets.map((t) => client.networks.remove(t.id))),
  );
  const removed = targets.filter((_, i) => results[i]!.status === 'fulfilled').map((t) => t.name);
  if (removed.length > 0) reportRemoved('network', 'networks', removed);
  throwIfAnyFailed('remove', names, results);
}

/** A filter the engine applies to the prune (`label=…`), when given as the command's argument. */
export interface PruneOptions {
  filters?: Record<string, string[]>;
}

export function pruneOptions(value: unknown): PruneOptions {
  return typeof value === 'object' && value !== null && 'filters' in value ? (value as PruneOptions) : {};
}

/** Removes every network no container uses (the engine's own are kept); resolves with their names. */
export async function pruneNetworks(ctx: CommandContext, ...args: unknown[]): Promise<string[]> {
  const options = pruneOptions(args[0]);
  if (!(await confirmDestructive('Remove every network that no container uses?', 'The built-in networks are kept.', 'Prune'))) return [];
  const client = ctx.session.requireConnection().client;
  const removed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Pruning networks…' }, () => client.networks.prune(options.filters ?? {}));
  reportRemoved('network', 'networks', removed, removed.length === 0 ? ' unused' : '');
  return removed;
}
