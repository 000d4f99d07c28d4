/** Networks: list, inspect, create, remove, connect, disconnect and prune, through the one request wrapper. */
import type Dockerode from 'dockerode';
import { dial } from './dial';
import { networkCreateBody, toNetworkSummary, type RawNetwork } from './networkMapping';
import type { EngineRequests, RequestOptions } from './requests';
import type { NetworkCreateSpec, NetworkSummary } from './types';

export class NetworksClient {
  constructor(private readonly engine: EngineRequests) {}

  list(options?: RequestOptions): Promise<NetworkSummary[]> {
    return this.engine.request('List networks', async (d, abortSignal) => {
      const raw = (await d.listNetworks({ abortSignal } as Dockerode.NetworkListOptions)) as unknown as RawNetwork[];
      return raw.map(toNetworkSummary);
    }, options);
  }

  /** The engine's whole JSON for the network, for a person to read. */
  inspect(id: string, options?: RequestOptions): Promise<unknown> {
    return this.engine.request('Inspect network', (d, abortSignal) =>
      dial<unknown>(d, { path: `/networks/${encodeURIComponent(id)}?`, method: 'GET', abortSignal, statusCodes: { 200: true, 404: 'no such network', 500: 'server error' } }),
    options);
  }

  /** Creates the network; resolves with its id. */
  create(spec: NetworkCreateSpec, options?: RequestOptions): Promise<string> {
    return this.engine.request(`Create network ${spec.name}`, async (d, abortSignal) => {
      const network = await d.createNetwork({ ...networkCreateBody(spec), abortSignal } as unknown as Dockerode.NetworkCreateOptions);
      return network.id;
    }, options);
  }

  remove(id: string, options?: RequestOptions): Promise<void> {
    return this.engine.request('Remove network', async (d, abortSignal) => {
      await d.getNetwork(id).remove({ abortSignal } as object);
    }, options);
  }

  /** Attaches a container, with optional aliases and a fixed IPv4 address (user-defined networks with a subnet only). */
  connect(networkId: string, containerId: string, opts: { aliases?: readonly string[]; ipv4?: string } = {}, options?: RequestOptions): Promise<void> {
    const endpoint = {
      ...(opts.aliases && opts.aliases.length > 0 ? { Aliases: [...opts.aliases] } : {}),
      ...(opts.ipv4 ? { IPAMConfig: { IPv4Address: opts.ipv4 } } : {}),
    };
    return this.engine.request('Connect container to network', async (d, abortSignal) => {
      await d.getNetwork(networkId).connect({ Container: containerId, EndpointConfig: endpoint, abortSignal } as object);
    }, options);
  }

  disconnect(networkId: string, containerId: string, options?: RequestOptions): Promise<void> {
    return this.engine.request('Disconnect container from network', async (d, abortSignal) => {
      await d.getNetwork(networkId).disconnect({ Container: containerId, Force: true, abortSignal } as object);
    }, options);
  }

  /** Removes every unused network that is not the engine's own (only those matching `filters`, e.g. a label); resolves with their names. */
  prune(filters: Record<string, string[]> = {}, options?: RequestOptions): Promise<string[]> {
    return this.engine.request('Prune networks', async (d, abortSignal) => {
      const query = Object.keys(filters).length > 0 ? { filters: JSON.stringify(filters) } : {};
      const result = await dial<{ NetworksDeleted?: string[] | null }>(d, { path: '/networks/prune?', method: 'POST', abortSignal, options: query, statusCodes: { 200: true, 500: 'server error' } });
      return result.NetworksDeleted ?? [];
    }, options);
  }
}
