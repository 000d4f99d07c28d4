/** The Volumes view's model: volumes with the containers that mount them, their sizes when measured, and which events change them. Pure. */
import type { ContainerSummary, EngineEvent, VolumeSummary, VolumeUsage } from '../../engine/types';
import type { ModelNode } from '../shared/treeModel';

/** Sizes as last measured (`/system/df` is slow: on request only), and when. */
export interface VolumeSizes {
  byName: ReadonlyMap<string, VolumeUsage>;
  measuredAt: Date;
}

export interface VolumesSnapshot {
  volumes: readonly VolumeSummary[];
  /** Every container, for who mounts what (a volume listing does not say). */
  containers: readonly ContainerSummary[];
  sizes: VolumeSizes | undefined;
}

/** A volume's row: the volume, who mounts it, and its size when measured. */
export interface VolumeEntry {
  volume: VolumeSummary;
  users: number;
  usage: VolumeUsage | undefined;
  measuredAt: Date | undefined;
}

/** A container that mounts a volume, and where. */
export interface VolumeMount {
  volume: VolumeSummary;
  container: ContainerSummary;
  destination: string;
  readOnly: boolean;
}

const CONTAINER_ACTIONS = new Set(['create', 'destroy', 'rename']);

export function volumeAffectedBy(event: EngineEvent): boolean {
  if (event.type === 'volume') return true;
  return event.type === 'container' && CONTAINER_ACTIONS.has(event.action);
}

export function mountsOf(volume: VolumeSummary, containers: readonly ContainerSummary[]): VolumeMount[] {
  const mounts: VolumeMount[] = [];
  for (const container of containers) {
    for (const m of container.mounts) {
      if (m.type === 'volume' && m.name === volume.name) mounts.push({ volume, container, destination: m.destination, readOnly: m.readOnly });
    }
  }
  return mounts.sort((a, b) => a.container.name.localeCompare(b.container.name) || a.destination.localeCompare(b.destination));
}

/** The names of the containers that mount each volume, by volume name. */
export function volumeUsers(containers: readonly ContainerSummary[]): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const c of containers) {
    for (const m of c.mounts) {
      if (m.type !== 'volume' || !m.name) continue;
      const names = users.get(m.name) ?? [];
      if (!names.includes(c.name)) names.push(c.name);
      users.set(m.name, names);
    }
  }
  return users;
}

/** Named volumes by name, then the anonymous ones; each with the containers that mount it. */
export function volumesTree(snapshot: VolumesSnapshot): ModelNode[] {
  return [...snapshot.volumes]
    .sort((a, b) => Number(a.anonymous) - Number(b.anonymous) || a.name.localeCompare(b.name))
    .map((volume) => {
      const mounts = mountsOf(volume, snapshot.containers);
      const entry: VolumeEntry = { volume, users: new Set(mounts.map((m) => m.container.id)).size, usage: snapshot.sizes?.byName.get(volume.name), measuredAt: snapshot.sizes?.measuredAt };
      return { kind: 'volume', key: volume.name, resource: entry, children: mounts.map((m) => ({ kind: 'volumeContainer', key: `${m.container.id}:${m.destination}`, resource: m })) };
    });
}

/** `1.42` ≥ `1.41`: API versions compare by their numbers. */
export function apiAtLeast(version: string, wanted: string): boolean {
  const [a1 = 0, a2 = 0] = version.split('.').map(Number);
  const [b1 = 0, b2 = 0] = wanted.split('.').map(Number);
  return a1 > b1 || (a1 === b1 && a2 >= b2);
}

/** Prune filters that remove every unused volume: from API 1.42 on the engine keeps named ones unless told `all`. */
export function volumePruneFilters(apiVersion: string, filters: Readonly<Record<string, string[]>> = {}): Record<string, string[]> {
  return apiAtLeast(apiVersion, '1.42') ? { ...filters, all: ['true'] } : { ...filters };
}
