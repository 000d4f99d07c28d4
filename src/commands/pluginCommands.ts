/**
 * Plugins: install (shows the privileges the plugin asks for and asks before granting them),
 * enable, disable, inspect and remove (asks first).
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { dockerConfigDir } from '../engine/dockerContext';
import { parseImageRef, withDefaultTag } from '../engine/imageMapping';
import { registryAuthFor } from '../engine/registryAuth';
import type { PluginSummary } from '../engine/systemMapping';
import { describePrivileges } from '../explorer/system/systemPresentation';
import type { CommandContext } from './commandContext';
import { confirmDestructive } from './confirm';
import { showInspect } from './inspect';
import { pickValues } from './pick';
import { targetsOf } from './targets';

async function pickPlugins(ctx: CommandContext, args: readonly unknown[], verb: string, which: (p: PluginSummary) => boolean): Promise<PluginSummary[]> {
  const rows = targetsOf(args);
  if (rows) return rows.plugins.filter(which);
  const plugins = await ctx.session.requireConnection().client.system.plugins();
  return pickValues(plugins.filter(which).map((p) => ({ label: p.name, description: p.enabled ? 'enabled' : 'disabled', value: p })), { verb, noun: 'plugins', many: false });
}

/** What a caller may pass instead of answering: `grant` agrees to whatever privileges the plugin asks for. */
export interface InstallOptions {
  remote: string;
  name?: string;
  grant?: boolean;
  enable?: boolean;
}

export async function installPlugin(ctx: CommandContext, ...args: unknown[]): Promise<PluginSummary | undefined> {
  const given = typeof args[0] === 'object' && args[0] !== null && typeof (args[0] as InstallOptions).remote === 'string' ? (args[0] as InstallOptions) : undefined;
  const remote =
    given?.remote ??
    (await vscode.window.showInputBox({ title: 'Install Plugin', prompt: 'Plugin to install: [registry/]repository[:tag]', placeHolder: 'vieux/sshfs:latest', validateInput: (v) => (v.trim() === '' || /\s/.test(v.trim()) ? 'A plugin reference, without spaces.' : undefined) }));
  if (!remote) return undefined;
  const full = withDefaultTag(remote.trim());
  const client = ctx.session.requireConnection().client;
  const auth = await registryAuthFor(parseImageRef(full).registry, dockerConfigDir(process.env, os.homedir()));
  const privileges = await client.system.pluginPrivileges(full, auth);
  if (!given?.grant) {
    const answer = await vscode.window.showWarningMessage(`Install ${full}, granting what it asks for?`, { modal: true, detail: describePrivileges(privileges) }, 'Grant and Install');
    if (answer !== 'Grant and Install') return undefined;
  }
  const name = given?.name ?? full;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Installing ${full}…` }, () => client.system.installPlugin(full, name, privileges, auth));
  if (given?.enable ?? true) await client.system.enablePlugin(name);
  return (await client.system.plugins()).find((p) => p.name === name || p.name === `${name}:latest`);
}

export async function enablePlugin(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [p] = await pickPlugins(ctx, args, 'enable', (x) => !x.enabled);
  if (p) await ctx.session.requireConnection().client.system.enablePlugin(p.name);
}

export async function disablePlugin(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [p] = await pickPlugins(ctx, args, 'disable', (x) => x.enabled);
  if (p) await ctx.session.requireConnection().client.system.disablePlugin(p.name);
}

export async function removePlugin(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const [p] = await pickPlugins(ctx, args, 'remove', () => true);
  if (!p) return undefined;
  if (!(await confirmDestructive(`Remove plugin ${p.name}?`, p.enabled ? 'It is enabled: it is stopped first.' : '', 'Remove'))) return undefined;
  await ctx.session.requireConnection().client.system.removePlugin(p.name, p.enabled);
  void vscode.window.showInformationMessage(`Removed plugin ${p.name}.`);
  return p.name;
}

export async function inspectPlugin(ctx: CommandContext, ...args: unknown[]): Promise<vscode.TextEditor | undefined> {
  const [p] = await pickPlugins(ctx, args, 'inspect', () => true);
  return p ? showInspect(await ctx.session.requireConnection().client.system.inspectPlugin(p.name)) : undefined;
}
