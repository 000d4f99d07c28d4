/** Maps the engine's network JSON to NetworkSummary, and checks what Create Network sends. Pure. */
import { engineDate } from './containerMapping';
import type { NetworkCreateSpec, NetworkSubnet, NetworkSummary } from './types';

/** The subset of `GET /networks` that Berth reads. */
export interface RawNetwork {
  Id: string;
  Name?: string;
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  EnableIPv6?: boolean;
  Created?: string;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string; IPRange?: string }[] | null } | null;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

const PREDEFINED = new Set(['bridge', 'host', 'none']);

/** The engine's own networks: `bridge`, `host`, `none`, and swarm's `ingress` and `docker_gwbridge`. */
export function isBuiltInNetwork(raw: Pick<RawNetwork, 'Name' | 'Driver' | 'Ingress' | 'Options'>): boolean {
  if (raw.Ingress) return true;
  if (raw.Name === 'docker_gwbridge') return true;
  if (!PREDEFINED.has(raw.Name ?? '')) return false;
  // A user network can't take these names, but check the driver too: `none` is the null driver.
  return raw.Driver === 'bridge' || raw.Driver === 'host' || raw.Driver === 'null';
}

export function toNetworkSummary(raw: RawNetwork): NetworkSummary {
  const subnets: NetworkSubnet[] = (raw.IPAM?.Config ?? []).map((c) => ({ subnet: c.Subnet || undefined, gateway: c.Gateway || undefined, ipRange: c.IPRange || undefined }));
  return {
    id: raw.Id,
    name: raw.Name ?? raw.Id.slice(0, 12),
    driver: raw.Driver ?? '',
    scope: raw.Scope ?? 'local',
    internal: raw.Internal === true,
    attachable: raw.Attachable === true,
    ingress: raw.Ingress === true,
    ipv6: raw.EnableIPv6 === true,
    subnets,
    options: raw.Options ?? {},
    labels: raw.Labels ?? {},
    created: engineDate(raw.Created),
    builtIn: isBuiltInNetwork(raw),
  };
}

/** What `POST /networks/create` takes. */
export function networkCreateBody(spec: NetworkCreateSpec): Record<string, unknown> {
  const config = spec.subnet || spec.gateway || spec.ipRange ? [{ ...(spec.subnet ? { Subnet: spec.subnet } : {}), ...(spec.gateway ? { Gateway: spec.gateway } : {}), ...(spec.ipRange ? { IPRange: spec.ipRange } : {}) }] : [];
  return {
    Name: spec.name,
    Driver: spec.driver,
    CheckDuplicate: true,
    Internal: spec.internal === true,
    Attachable: spec.attachable === true,
    Labels: { ...spec.labels },
    Options: { ...spec.options },
    IPAM: { Driver: 'default', Config: config },
  };
}
