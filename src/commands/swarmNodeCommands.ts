/** Node actions: drain, pause and activate; promote and demote; add and remove labels; remove a down node. */
import * as vscode from 'vscode';
import { changeNodeLabels, removeNode, setNodeAvailability, setNodeRole } from '../engine/swarmNodes';
import type { NodeAvailability, NodeRole, SwarmNode } from '../engine/swarmTypes';
import { parseNodeLabel } from '../explorer/swarm/swarmInputModel';
import type { CommandContext, CommandHandler } from './commandContext';
import { confirmDestructive } from './confirm';
import { eachSwarmObject, givenValue, pickSwarmNodes } from './swarmPick';

async function eachNode(ctx: CommandContext, nodes: readonly SwarmNode[], verb: string, action: (n: SwarmNode) => Promise<void>): Promise<void> {
  await eachSwarmObject(ctx, nodes, (n) => n.hostname, verb, action);
}

/** Drain, Pause or Activate: a handler per availability, offered only where it changes something. */
export function nodeAvailabilityCommand(availability: NodeAvailability): CommandHandler {
  const verb = { active: 'activate', pause: 'pause', drain: 'drain' }[availability];
  return async (ctx, ...args) => {
    const nodes = await pickSwarmNodes(ctx, args, verb, (n) => n.availability !== availability);
    if (nodes.length === 0) return;
    if (availability === 'drain') {
      const names = nodes.map((n) => n.hostname).join(', ');
      if (!(await confirmDestructive(`Drain ${names}?`, 'Its tasks stop there and start on other nodes.', 'Drain'))) return;
    }
    const client = ctx.session.requireConnection().client;
    await eachNode(ctx, nodes, verb, (n) => setNodeAvailability(client, n.id, availability));
  };
}

/** Promote or Demote. The swarm keeps working while a majority of managers is reachable: an odd count (1, 3, 5) is what to aim for. */
export function nodeRoleCommand(role: NodeRole): CommandHandler {
  const verb = role === 'manager' ? 'promote' : 'demote';
  return async (ctx, ...args) => {
    const nodes = await pickSwarmNodes(ctx, args, verb, (n) => n.role !== role);
    if (nodes.length === 0) return;
    const client = ctx.session.requireConnection().client;
    await eachNode(ctx, nodes, verb, (n) => setNodeRole(client, n.id, role));
  };
}

const isString = (v: unknown): v is string => typeof v === 'string';

export async function addNodeLabel(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const nodes = await pickSwarmNodes(ctx, args, 'label');
  if (nodes.length === 0) return;
  const text = givenValue(args, isString) ?? (await vscode.window.showInputBox({
    title: `Add a label to ${nodes.map((n) => n.hostname).join(', ')}`,
    prompt: 'key=value (placement constraints match it as node.labels.key)',
    validateInput: (t) => {
      const parsed = parseNodeLabel(t);
      return 'error' in parsed ? parsed.error : undefined;
    },
  }));
  if (text === undefined) return;
  const parsed = parseNodeLabel(text);
  if ('error' in parsed) throw new Error(`Cannot add the label: ${parsed.error}`);
  const client = ctx.session.requireConnection().client;
  await eachNode(ctx, nodes, 'label', (n) => changeNodeLabels(client, n.id, { add: { [parsed.key]: parsed.value } }));
}

export async function removeNodeLabel(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [node] = await pickSwarmNodes(ctx, args, 'remove a label from', (n) => Object.keys(n.labels).length > 0);
  if (!node) return;
  let keys = givenValue(args, (v): v is string[] => Array.isArray(v) && v.every(isString));
  if (!keys) {
    const picked = await vscode.window.showQuickPick(
      Object.entries(node.labels).map(([k, v]) => ({ label: k, description: v, value: k })),
      { title: `Remove labels from ${node.hostname}`, canPickMany: true },
    );
    keys = picked?.map((p) => p.value);
  }
  if (!keys || keys.length === 0) return;
  const client = ctx.session.requireConnection().client;
  await eachNode(ctx, [node], 'remove labels from', (n) => changeNodeLabels(client, n.id, { remove: keys }));
}

/** Removes nodes that are down (the engine refuses a node that is up: it must leave the swarm itself first). */
export async function removeSwarmNode(ctx: CommandContext, ...args: unknown[]): Promise<string[]> {
  const nodes = await pickSwarmNodes(ctx, args, 'remove', (n) => n.state !== 'ready' && n.role === 'worker');
  if (nodes.length === 0) return [];
  const names = nodes.map((n) => n.hostname);
  if (!(await confirmDestructive(`Remove ${names.join(', ')} from the swarm?`, 'It is down; if it comes back it must join again.', 'Remove'))) return [];
  const client = ctx.session.requireConnection().client;
  return eachSwarmObject(ctx, nodes, (n) => n.hostname, 'remove', (n) => removeNode(client, n.id), { one: 'node', many: 'nodes' });
}
