/** The Networks view's model: networks with the containers attached to them, and which events change them. Pure. */
import type { ContainerSummary, EngineEvent, NetworkCreateSpec, NetworkSummary } from '../../engine/types';
import { checkAddress, checkCidr, checkName, inSubnet } from '../shared/inputModel';
import type { ModelNode } from '../shared/treeModel';

export interface NetworksSnapshot {
  networks: readonly NetworkSummary[];
  /** Every container, for who is attached where (a network listing does not say). */
  containers: readonly ContainerSummary[];
}

/** A container on a network, with its addresses there. */
export interface NetworkAttachment {
  network: NetworkSummary;
  container: ContainerSummary;
  ipv4: string | undefined;
  ipv6: string | undefined;
  aliases: readonly string[];
}

/**
 * Container actions that change who is attached or at which address. The network's own `connect`
 * comes while the container is still starting, before it has its address: its `start` brings it.
 */
const CONTAINER_ACTIONS = new Set(['create', 'start', 'die', 'destroy', 'rename']);

export function networkAffectedBy(event: EngineEvent): boolean {
  if (event.type === 'network') return true;
  return event.type === 'container' && CONTAINER_ACTIONS.has(event.action);
}

/** The containers attached to `network`, by name. */
export function attachmentsOf(network: NetworkSummary, containers: readonly ContainerSummary[]): NetworkAttachment[] {
  const attached: NetworkAttachment[] = [];
  for (const container of containers) {
    const endpoint = container.networks.find((n) => n.networkId === network.id) ?? container.networks.find((n) => !n.networkId && n.name === network.name);
    if (endpoint) attached.push({ network, container, ipv4: endpoint.ipv4, ipv6: endpoint.ipv6, aliases: endpoint.aliases });
  }
  return attached.sort((a, b) => a.container.name.localeCompare(b.container.name));
}

/** Networks by name (user networks first, then the built-in ones, when shown), each with its containers. */
export function networksTree(snapshot: NetworksSnapshot, showBuiltIn: boolean): ModelNode[] {
  return [...snapshot.networks]
    .filter((n) => showBuiltIn || !n.builtIn)
    .sort((a, b) => Number(a.builtIn) - Number(b.builtIn) || a.name.localeCompare(b.name))
    .map((network) => ({
      kind: 'network',
      key: network.id,
      resource: network,
      children: attachmentsOf(network, snapshot.containers).map((a) => ({ kind: 'networkContainer', key: a.container.id, resource: a })),
    }));
}

/** Drivers a network can be created with here; overlay only when the engine is in a swarm. */
export function creatableDrivers(swarmActive: boolean): string[] {
  return ['bridge', 'macvlan', 'ipvlan', ...(swarmActive ? ['overlay'] : [])];
}

/** What is wrong with a Create Network request, before the engine is asked; undefined when nothing is. */
export function checkNetworkSpec(spec: NetworkCreateSpec): string | undefined {
  const name = checkName(spec.name, 'network');
  if (name) return name;
  if (spec.driver.trim() === '') return 'The network needs a driver (bridge, macvlan, ipvlan, overlay).';
  if (spec.subnet) {
    const subnet = checkCidr(spec.subnet);
    if (subnet) return subnet;
  }
  if ((spec.gateway || spec.ipRange) && !spec.subnet) return 'A gateway or IP range needs a subnet.';
  if (spec.gateway) {
    const gateway = checkAddress(spec.gateway);
    if (gateway) return gateway;
    if (spec.subnet && inSubnet(spec.gateway, spec.subnet) === false) return `The gateway ${spec.gateway} is not in ${spec.subnet}.`;
  }
  if (spec.ipRange) {
    const range = checkCidr(spec.ipRange);
    if (range) return range;
    const base = spec.ipRange.split('/')[0] ?? '';
    if (spec.subnet && inSubnet(base, spec.subnet) === false) return `The IP range ${spec.ipRange} is not in ${spec.subnet}.`;
  }
  return undefined;
}
