/**
 * Create Network: name, driver (bridge, macvlan, ipvlan; overlay when the engine is in a swarm),
 * subnet, gateway, IP range, internal/attachable, labels and driver options — asked step by step,
 * or given whole as the command's argument (a keybinding, another extension, a test).
 */
import * as vscode from 'vscode';
import type { EngineClient } from '../engine/client';
import type { NetworkCreateSpec } from '../engine/types';
import { checkNetworkSpec, creatableDrivers } from '../explorer/networks/networksModel';
import { checkAddress, checkCidr, checkName } from '../explorer/shared/inputModel';
import { askChoice, askFlags, askKeyValues, askText, type Step } from './ask';
import type { CommandContext } from './commandContext';

function isSpec(value: unknown): value is NetworkCreateSpec {
  return typeof value === 'object' && value !== null && typeof (value as NetworkCreateSpec).name === 'string' && typeof (value as NetworkCreateSpec).driver === 'string';
}

const DRIVER_DETAIL: Record<string, string> = {
  bridge: 'A private network on this host (the usual choice)',
  macvlan: 'Containers appear on the host’s network with their own MAC address (driver option parent=eth0)',
  ipvlan: 'Containers share the host interface’s MAC address (driver option parent=eth0)',
  overlay: 'Spans the swarm’s nodes',
};

async function askSpec(client: EngineClient): Promise<NetworkCreateSpec | undefined> {
  const steps = 8;
  const at = (step: number): Step => ({ title: 'Create Network', step, steps });
  const name = await askText(at(1), 'Name of the network', { check: (t) => checkName(t, 'network') });
  if (name === undefined) return undefined;
  const swarm = await client.system.swarmActive().catch(() => false);
  const driver = await askChoice(at(2), 'Driver', creatableDrivers(swarm).map((d) => ({ value: d, label: d, detail: DRIVER_DETAIL[d] ?? '' })));
  if (driver === undefined) return undefined;
  const subnet = await askText(at(3), 'Subnet in CIDR form, e.g. 172.28.0.0/16', { optional: true, placeHolder: 'Leave empty: the engine picks one', check: checkCidr });
  if (subnet === undefined) return undefined;
  let gateway = '';
  let ipRange = '';
  if (subnet.trim() !== '') {
    const g = await askText(at(4), `Gateway inside ${subnet.trim()}`, { optional: true, placeHolder: 'Leave empty: the engine picks the first address', check: checkAddress });
    if (g === undefined) return undefined;
    const r = await askText(at(5), `Range inside ${subnet.trim()} to give containers addresses from`, { optional: true, check: checkCidr });
    if (r === undefined) return undefined;
    [gateway, ipRange] = [g.trim(), r.trim()];
  }
  const flags = await askFlags(at(6), 'Options (none is fine)', [
    { value: 'internal', label: 'Internal', detail: 'No access to the outside world' },
    { value: 'attachable', label: 'Attachable', detail: 'Standalone containers can join (overlay networks)' },
  ]);
  if (flags === undefined) return undefined;
  const labels = await askKeyValues(at(7), 'Labels', 'key=value, key=value');
  if (labels === undefined) return undefined;
  const options = await askKeyValues(at(8), 'Driver options', driver === 'bridge' ? 'com.docker.network.driver.mtu=1400' : 'parent=eth0');
  if (options === undefined) return undefined;
  return {
    name,
    driver,
    ...(subnet.trim() ? { subnet: subnet.trim() } : {}),
    ...(gateway ? { gateway } : {}),
    ...(ipRange ? { ipRange } : {}),
    internal: flags.has('internal'),
    attachable: flags.has('attachable'),
    labels,
    options,
  };
}

/** Resolves with the new network's id (undefined when cancelled). */
export async function createNetwork(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const client = ctx.session.requireConnection().client;
  const spec = isSpec(args[0]) ? args[0] : await askSpec(client);
  if (!spec) return undefined;
  const problem = checkNetworkSpec(spec);
  if (problem) throw new Error(`Cannot create network ${spec.name}: ${problem}`);
  const id = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Creating network ${spec.name}…` }, () => client.networks.create(spec));
  vscode.window.setStatusBarMessage(`$(check) Created network ${spec.name}`, 5000);
  return id;
}
