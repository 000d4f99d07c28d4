/**
 * Connect a container to a network (with aliases and a fixed IPv4 address, both optional) and
 * disconnect it. From a network's row, a container's row under it, or the palette.
 */
import * as vscode from 'vscode';
import type { ContainerSummary, NetworkSummary } from '../engine/types';
import { isConnectable } from '../explorer/networks/networkPresentation';
import { checkAddress, inSubnet, parseList } from '../explorer/shared/inputModel';
import { throwIfAnyFailed } from './actionFailed';
import { askText } from './ask';
import type { CommandContext } from './commandContext';
import { pickValues } from './pick';
import { pickNetworks } from './removeNetwork';
import { targetsOf } from './targets';

/** What a keybinding, another extension or a test may pass instead of answering the questions. */
export interface ConnectOptions {
  container: string;
  aliases?: string[];
  ipv4?: string;
}

function isConnectOptions(value: unknown): value is ConnectOptions {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as ConnectOptions).container === 'string';
}

function checkIpv4(network: NetworkSummary, text: string): string | undefined {
  const problem = checkAddress(text);
  if (problem) return problem;
  const subnet = network.subnets.find((s) => s.subnet && !s.subnet.includes(':'))?.subnet;
  if (!subnet) return `${network.name} has no subnet of its own: only a user-defined network with a subnet takes a fixed address.`;
  return inSubnet(text, subnet) === false ? `${text.trim()} is not in ${subnet}.` : undefined;
}

async function askConnection(ctx: CommandContext, network: NetworkSummary): Promise<ConnectOptions | undefined> {
  const containers = await ctx.session.requireConnection().client.containers.list();
  const candidates = containers.filter((c) => !c.networks.some((n) => n.networkId === network.id || n.name === network.name));
  const [container] = await pickValues<ContainerSummary>(
    candidates.map((c) => ({ label: c.name, description: `${c.image} · ${c.state}`, value: c })),
    { verb: `connect to ${network.name}`, noun: 'containers', many: false },
  );
  if (!container) return undefined;
  const step = { title: `Connect ${container.name} to ${network.name}`, steps: 2 };
  const aliases = await askText({ ...step, step: 1 }, 'Aliases other containers on the network can use for it (space or comma separated)', { optional: true });
  if (aliases === undefined) return undefined;
  const ipv4 = await askText({ ...step, step: 2 }, 'A fixed IPv4 address on this network', { optional: true, placeHolder: 'Leave empty: the engine picks one', check: (t) => checkIpv4(network, t) });
  if (ipv4 === undefined) return undefined;
  return { container: container.id, aliases: parseList(aliases), ...(ipv4.trim() ? { ipv4: ipv4.trim() } : {}) };
}

export async function connectNetwork(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const given = isConnectOptions(args[1]) ? args[1] : undefined;
  const [network] = await pickNetworks(ctx, given ? [args[0]] : args, 'connect a container to', isConnectable, false);
  if (!network) return;
  const options = given ?? (await askConnection(ctx, network));
  if (!options) return;
  if (options.ipv4) {
    const problem = checkIpv4(network, options.ipv4);
    if (problem) throw new Error(`Cannot connect to ${network.name}: ${problem}`);
  }
  await ctx.session.requireConnection().client.networks.connect(network.id, options.container, { ...(options.aliases ? { aliases: options.aliases } : {}), ...(options.ipv4 ? { ipv4: options.ipv4 } : {}) });
  vscode.window.setStatusBarMessage(`$(check) Connected to ${network.name}`, 5000);
}

/** Disconnects the containers of the selected rows under networks; from the palette, asks which network and containers. */
export async function disconnectNetwork(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  let pairs = (targetsOf(args)?.attachments ?? []).map((a) => ({ network: a.network, container: a.container }));
  if (pairs.length === 0) {
    const [network] = await pickNetworks(ctx, [], 'disconnect a container from', isConnectable, false);
    if (!network) return;
    const containers = (await ctx.session.requireConnection().client.containers.list()).filter((c) => c.networks.some((n) => n.networkId === network.id));
    const picked = await pickValues(containers.map((c) => ({ label: c.name, description: c.state, value: c })), { verb: `disconnect from ${network.name}`, noun: 'containers', many: true });
    pairs = picked.map((container) => ({ network, container }));
  }
  if (pairs.length === 0) return;
  const client = ctx.session.requireConnection().client;
  const results = await Promise.allSettled(pairs.map((p) => client.networks.disconnect(p.network.id, p.container.id)));
  throwIfAnyFailed('disconnect', pairs.map((p) => `${p.container.name} from ${p.network.name}`), results);
  vscode.window.setStatusBarMessage(`$(check) Disconnected ${pairs.length === 1 ? pairs[0]!.container.name : `${pairs.length} containers`}`, 5000);
}
