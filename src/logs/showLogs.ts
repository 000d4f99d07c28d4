/**
 * "Show Logs" on a container, a compose project or a compose service: from the Containers view's
 * context menu or from the palette (a quick pick). Each opens a LogPanel and returns it, so a test
 * or another extension can reach the view it opened.
 */
import * as vscode from 'vscode';
import type { CommandContext, CommandHandler } from '../commands/commandContext';
import { lifecycleStates } from '../commands/lifecycleStates';
import { pickContainers } from '../commands/pickContainers';
import { Config } from '../config';
import { targetsOf } from '../commands/targets';
import { Commands, ExtensionId, Views } from '../ids';
import type { LogScope } from './logFollowSession';
import { LogPanel } from './logPanel';

/** Opens a log view on the connected engine (a swarm service's Show Logs opens one too). */
export function openLogView(ctx: CommandContext, scope: LogScope): LogPanel {
  const client = ctx.session.requireConnection().client;
  const extensionUri = vscode.extensions.getExtension(ExtensionId)?.extensionUri;
  if (!extensionUri) throw new Error('Berth could not find its own files to draw the log view. Reinstall the extension.');
  return new LogPanel(client, scope, { tail: Config.logsTail(), extensionUri });
}

/** The compose projects (and their services) the engine has now, from the Containers view's model. */
function composeProjects(ctx: CommandContext): Map<string, Set<string>> {
  const projects = new Map<string, Set<string>>();
  for (const c of ctx.explorer.snapshot(Views.containers)) {
    if (c.composeProject === undefined) continue;
    const services = projects.get(c.composeProject) ?? new Set<string>();
    if (c.composeService !== undefined) services.add(c.composeService);
    projects.set(c.composeProject, services);
  }
  return projects;
}

async function pickProject(ctx: CommandContext): Promise<string | undefined> {
  const projects = [...composeProjects(ctx).keys()].sort();
  if (projects.length === 0) {
    void vscode.window.showInformationMessage('No compose project in the engine. Bring one up first (Compose Up).');
    return undefined;
  }
  return (await vscode.window.showQuickPick(projects.map((label) => ({ label })), { placeHolder: 'Compose project to show the logs of' }))?.label;
}

async function showContainerLogs(ctx: CommandContext, ...args: unknown[]): Promise<LogPanel | undefined> {
  const [container] = await pickContainers(ctx, args, { verb: 'show the logs of', states: lifecycleStates.showLogs });
  return container ? openLogView(ctx, { kind: 'container', id: container.id, name: container.name }) : undefined;
}

async function showProjectLogs(ctx: CommandContext, ...args: unknown[]): Promise<LogPanel | undefined> {
  const targets = targetsOf(args);
  if (targets && !targets.compose) throw new Error(`${targets.names[0] ?? 'This container'} does not belong to a compose project.`);
  const project = targets?.compose?.name ?? (await pickProject(ctx));
  return project !== undefined ? openLogView(ctx, { kind: 'project', project }) : undefined;
}

async function showServiceLogs(ctx: CommandContext, ...args: unknown[]): Promise<LogPanel | undefined> {
  const compose = targetsOf(args)?.compose;
  if (compose?.service !== undefined) return openLogView(ctx, { kind: 'project', project: compose.name, service: compose.service });
  const project = compose?.name ?? (await pickProject(ctx));
  if (project === undefined) return undefined;
  const services = [...(composeProjects(ctx).get(project) ?? [])].sort();
  const service = (await vscode.window.showQuickPick(services.map((label) => ({ label })), { placeHolder: `Service of ${project}` }))?.label;
  return service !== undefined ? openLogView(ctx, { kind: 'project', project, service }) : undefined;
}

/** The log commands, spread into the one registration table. */
export const logCommandHandlers = {
  [Commands.containerShowLogs]: showContainerLogs,
  [Commands.composeShowLogs]: showProjectLogs,
  [Commands.composeServiceShowLogs]: showServiceLogs,
} satisfies Record<string, CommandHandler>;
