/** Service actions: scale, update the image (a rolling update), roll back, force restart, logs, inspect, remove. */
import * as vscode from 'vscode';
import { forceRestartService, inspectServiceJson, removeService, rollbackService, scaleService, updateServiceImage } from '../engine/swarmServices';
import type { SwarmService } from '../engine/swarmTypes';
import type { LogPanel } from '../logs/logPanel';
import { openLogView } from '../logs/showLogs';
import type { CommandContext } from './commandContext';
import { confirmDestructive } from './confirm';
import { showInspect } from './inspect';
import { eachSwarmObject, givenValue, pickSwarmServices } from './swarmPick';

const isNumber = (v: unknown): v is number => typeof v === 'number';
const isString = (v: unknown): v is string => typeof v === 'string';

/** Runs `action` on each service, then re-reads the view; one message names the services that failed. */
async function eachService(ctx: CommandContext, services: readonly SwarmService[], verb: string, action: (s: SwarmService) => Promise<void>): Promise<void> {
  await eachSwarmObject(ctx, services, (s) => s.name, verb, action);
}

export async function scaleSwarmService(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [service] = await pickSwarmServices(ctx, args, 'scale', false, (s) => s.mode === 'replicated');
  if (!service) return;
  const given = givenValue(args, isNumber);
  const text = given !== undefined ? String(given) : await vscode.window.showInputBox({
    title: `Scale ${service.name}`,
    prompt: `Replicas (now ${service.replicas ?? 0})`,
    value: String(service.replicas ?? 1),
    validateInput: (t) => (/^\d{1,4}$/.test(t.trim()) ? undefined : 'A whole number, 0 or more.'),
  });
  if (text === undefined) return;
  const client = ctx.session.requireConnection().client;
  await eachService(ctx, [service], 'scale', (s) => scaleService(client, s.id, Number(text.trim())));
}

/** Points the service at a new image; the engine rolls it out by the service's own update config. */
export async function updateSwarmServiceImage(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [service] = await pickSwarmServices(ctx, args, 'update', false);
  if (!service) return;
  const u = service.updateConfig;
  const image = givenValue(args, isString) ?? (await vscode.window.showInputBox({
    title: `Update ${service.name}`,
    prompt: `New image. The engine replaces ${u ? `${u.parallelism || 'all'} task(s) at a time, ${u.delayMs / 1000}s apart, ${u.order}; on failure it will ${u.failureAction}` : 'its tasks as its update config says'}.`,
    value: service.image,
    validateInput: (t) => (t.trim() !== '' && !/\s/.test(t.trim()) ? undefined : 'An image reference, e.g. nginx:1.27.'),
  }));
  if (!image) return;
  const client = ctx.session.requireConnection().client;
  await eachService(ctx, [service], 'update', (s) => updateServiceImage(client, s.id, image));
  vscode.window.setStatusBarMessage(`$(sync~spin) Rolling ${service.name} out to ${image.trim()}: the Swarm view follows its tasks`, 8000);
}

export async function rollbackSwarmService(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const services = await pickSwarmServices(ctx, args, 'roll back', true);
  if (services.length === 0) return;
  const client = ctx.session.requireConnection().client;
  await eachService(ctx, services, 'roll back', (s) => rollbackService(client, s.id));
}

export async function restartSwarmService(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const services = await pickSwarmServices(ctx, args, 'restart', true);
  if (services.length === 0) return;
  const client = ctx.session.requireConnection().client;
  await eachService(ctx, services, 'restart', (s) => forceRestartService(client, s.id));
}

export async function inspectSwarmService(ctx: CommandContext, ...args: unknown[]): Promise<vscode.TextEditor | undefined> {
  const [service] = await pickSwarmServices(ctx, args, 'inspect', false);
  if (!service) return undefined;
  return showInspect(await inspectServiceJson(ctx.session.requireConnection().client, service.id));
}

/** Follows the service's logs from every node in the log view, each line under its task; returns the view. */
export async function swarmServiceLogs(ctx: CommandContext, ...args: unknown[]): Promise<LogPanel | undefined> {
  const [service] = await pickSwarmServices(ctx, args, 'show logs of', false);
  return service ? openLogView(ctx, { kind: 'swarmService', id: service.id, name: service.name }) : undefined;
}

export async function removeSwarmService(ctx: CommandContext, ...args: unknown[]): Promise<string[]> {
  const services = await pickSwarmServices(ctx, args, 'remove', true);
  if (services.length === 0) return [];
  const names = services.map((s) => s.name);
  const question = services.length === 1 ? `Remove service ${names[0]}?` : `Remove ${services.length} services (${names.join(', ')})?`;
  if (!(await confirmDestructive(question, 'Its tasks stop on every node.', 'Remove'))) return [];
  const client = ctx.session.requireConnection().client;
  return eachSwarmObject(ctx, services, (s) => s.name, 'remove', (s) => removeService(client, s.id), { one: 'service', many: 'services' });
}

