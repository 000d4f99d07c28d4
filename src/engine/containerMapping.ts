/** Maps the engine's raw container JSON to ContainerSummary. Pure, so it is unit-tested on real payloads. */
import {
  COMPOSE_PROJECT_LABEL,
  COMPOSE_SERVICE_LABEL,
  type ContainerHealth,
  type ContainerMount,
  type ContainerNetwork,
  type ContainerState,
  type ContainerSummary,
  type ContainerTimes,
  type PortBinding,
} from './types';

/** The subset of `GET /containers/json` that Berth reads. */
export interface RawContainer {
  Id: string;
  Names?: string[] | null;
  Image?: string;
  ImageID?: string;
  Command?: string;
  Created?: number;
  State?: string;
  Status?: string;
  Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type?: string }[] | null;
  Labels?: Record<string, string> | null;
  NetworkSettings?: { Networks?: Record<string, RawEndpoint | null> | null } | null;
  Mounts?: { Type?: string; Name?: string; Source?: string; Destination?: string; RW?: boolean }[] | null;
}

interface RawEndpoint {
  NetworkID?: string;
  IPAddress?: string;
  GlobalIPv6Address?: string;
  Aliases?: string[] | null;
}

const STATES: ReadonlySet<string> = new Set(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);

export function containerState(raw: string | undefined): ContainerState {
  const state = (raw ?? '').toLowerCase();
  // Unknown future states read as exited rather than running: never offer a wrong Stop.
  return STATES.has(state) ? (state as ContainerState) : 'exited';
}

/** The health the engine writes into Status: `(healthy)`, `(unhealthy)`, `(health: starting)`. */
export function containerHealth(status: string | undefined): ContainerHealth | undefined {
  const match = /\((healthy|unhealthy|health: starting)\)/.exec(status ?? '');
  if (!match) return undefined;
  return match[1] === 'health: starting' ? 'starting' : (match[1] as ContainerHealth);
}

/** The exit code in `Exited (137) 5 minutes ago`; undefined for any other status. */
export function containerExitCode(status: string | undefined): number | undefined {
  const match = /^Exited \((-?\d+)\)/.exec(status ?? '');
  return match ? Number(match[1]) : undefined;
}

/** An engine timestamp, or undefined for its "never" (`0001-01-01T00:00:00Z`) and for garbage. */
export function engineDate(text: string | undefined): Date | undefined {
  if (!text || text.startsWith('0001-')) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** When an inspected container last started and stopped. */
export function containerTimes(inspect: { State?: { StartedAt?: string; FinishedAt?: string }; RestartCount?: number }): ContainerTimes {
  return { startedAt: engineDate(inspect.State?.StartedAt), finishedAt: engineDate(inspect.State?.FinishedAt), restartCount: inspect.RestartCount ?? 0 };
}

function portProtocol(type: string | undefined): PortBinding['protocol'] {
  return type === 'udp' || type === 'sctp' ? type : 'tcp';
}

/** Ports de-duplicated (the engine lists IPv4 and IPv6 bindings separately) and sorted. */
export function containerPorts(raw: RawContainer['Ports']): PortBinding[] {
  const seen = new Set<string>();
  const ports: PortBinding[] = [];
  for (const p of raw ?? []) {
    const protocol = portProtocol(p.Type);
    const wildcard = p.IP === '0.0.0.0' || p.IP === '::';
    const key = `${p.PrivatePort}/${protocol}/${p.PublicPort ?? ''}/${wildcard ? '*' : p.IP ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ports.push({
      privatePort: p.PrivatePort,
      protocol,
      ...(p.PublicPort !== undefined && p.PublicPort !== 0 ? { publicPort: p.PublicPort } : {}),
      ...(p.IP ? { hostIp: p.IP } : {}),
    });
  }
  return ports.sort((a, b) => a.privatePort - b.privatePort || (a.publicPort ?? 0) - (b.publicPort ?? 0));
}

export function containerNetworks(raw: RawContainer['NetworkSettings']): ContainerNetwork[] {
  return Object.entries(raw?.Networks ?? {})
    .map(([name, e]) => ({
      name,
      networkId: e?.NetworkID ?? '',
      ipv4: e?.IPAddress || undefined,
      ipv6: e?.GlobalIPv6Address || undefined,
      aliases: e?.Aliases ?? [],
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function containerMounts(raw: RawContainer['Mounts']): ContainerMount[] {
  return (raw ?? []).map((m) => ({
    type: m.Type ?? 'volume',
    name: m.Name || undefined,
    source: m.Source ?? '',
    destination: m.Destination ?? '',
    readOnly: m.RW === false,
  }));
}

export function toContainerSummary(raw: RawContainer): ContainerSummary {
  const labels = raw.Labels ?? {};
  const name = (raw.Names?.[0] ?? raw.Id.slice(0, 12)).replace(/^\//, '');
  return {
    id: raw.Id,
    name,
    image: raw.Image ?? '',
    imageId: raw.ImageID ?? '',
    command: raw.Command ?? '',
    created: new Date((raw.Created ?? 0) * 1000),
    state: containerState(raw.State),
    status: raw.Status ?? '',
    health: containerHealth(raw.Status),
    exitCode: containerExitCode(raw.Status),
    ports: containerPorts(raw.Ports),
    networks: containerNetworks(raw.NetworkSettings),
    mounts: containerMounts(raw.Mounts),
    labels,
    composeProject: labels[COMPOSE_PROJECT_LABEL] || undefined,
    composeService: labels[COMPOSE_SERVICE_LABEL] || undefined,
  };
}
