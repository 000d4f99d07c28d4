/** Per-service compose commands: up, restart, rebuild, scale and logs of one service. */
import * as vscode from 'vscode';
import { ComposeVerbs } from '../compose/composeCli';
import { refuseNamesComposeRejects } from '../compose/composeNames';
import type { CommandContext } from './commandContext';
import { composeServiceRebuildWithBerth } from './composeBuild';
import { runComposeVerb } from './composeProject';
import { requireTrust, resolveComposeTarget, type ResolvedComposeTarget } from './composeTarget';

type ServiceTarget = ResolvedComposeTarget & { service: string };

async function resolveService(ctx: CommandContext, args: unknown[], title: string): Promise<ServiceTarget | undefined> {
  requireTrust(title);
  const resolved = await resolveComposeTarget(ctx, args);
  if (!resolved) return undefined;
  const service = resolved.service ?? (await vscode.window.showInputBox({ title: `${title}: which service?`, placeHolder: 'service name' }));
  if (!service) return undefined;
  refuseNamesComposeRejects(resolved.target, [service]);
  return { ...resolved, service };
}

/** A service verb: resolve the service, optionally ask for more, run. */
function serviceCommand(title: string, args: (service: string, extra: string) => string[], ask?: (service: string) => Thenable<string | undefined>) {
  return async (ctx: CommandContext, ...invocation: unknown[]): Promise<number | undefined> => {
    const resolved = await resolveService(ctx, invocation, title);
    if (!resolved) return undefined;
    const extra = ask ? await ask(resolved.service) : '';
    if (extra === undefined) return undefined;
    return runComposeVerb(ctx, resolved, title, args(resolved.service, extra));
  };
}

const askReplicas = (service: string): Thenable<string | undefined> =>
  vscode.window.showInputBox({
    title: `Scale ${service}`,
    prompt: 'Number of containers',
    value: '2',
    validateInput: (v) => (/^\d{1,3}$/.test(v.trim()) ? undefined : 'A whole number from 0 to 999'),
  });

export const composeServiceUp = serviceCommand('Compose Up Service', (s) => ComposeVerbs.up([s]));
export const composeServiceRestart = serviceCommand('Compose Restart Service', (s) => ComposeVerbs.restart([s]));
export const composeServiceScale = serviceCommand('Compose Scale Service', (s, n) => ComposeVerbs.scale(s, Number(n.trim())), askReplicas);

/** Builds the service's image through Berth's build runner (progress, diagnostics), then recreates its containers. */
export async function composeServiceRebuild(ctx: CommandContext, ...invocation: unknown[]): Promise<number | undefined> {
  const title = 'Compose Rebuild Service';
  const resolved = await resolveService(ctx, invocation, title);
  return resolved ? composeServiceRebuildWithBerth(ctx, resolved, title) : undefined;
}

export async function composeServiceLogs(ctx: CommandContext, ...invocation: unknown[]): Promise<void> {
  const resolved = await resolveService(ctx, invocation, 'Compose Service Logs');
  if (!resolved) return;
  await ctx.compose.openTerminal(resolved.target, ComposeVerbs.logs([resolved.service]), `Logs: ${resolved.target.label} / ${resolved.service}`);
}
