/** Volumes: list, inspect, create, remove, prune and their sizes, through the one request wrapper. */
import { engineDate } from './containerMapping';
import { dial } from './dial';
import type { EngineRequests, RequestOptions } from './requests';
import type { VolumeCreateSpec, VolumeSummary, VolumeUsage } from './types';

/** The subset of a volume in `GET /volumes` that Berth reads. */
export interface RawVolume {
  Name: string;
  Driver?: string;
  Mountpoint?: string;
  Scope?: string;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
  CreatedAt?: string;
  UsageData?: { Size?: number; RefCount?: number } | null;
}

export function toVolumeSummary(raw: RawVolume): VolumeSummary {
  return {
    name: raw.Name,
    driver: raw.Driver ?? 'local',
    mountpoint: raw.Mountpoint ?? '',
    scope: raw.Scope ?? 'local',
    labels: raw.Labels ?? {},
    options: raw.Options ?? {},
    created: engineDate(raw.CreatedAt),
    anonymous: /^[0-9a-f]{64}$/.test(raw.Name),
  };
}

/** Sizes by volume name from a `/system/df` answer. */
export function volumeUsage(raw: readonly RawVolume[]): Map<string, VolumeUsage> {
  return new Map(raw.map((v) => [v.Name, { size: v.UsageData?.Size !== undefined && v.UsageData.Size >= 0 ? v.UsageData.Size : undefined, refCount: v.UsageData?.RefCount ?? 0 }]));
}

/** What a prune removed. */
export interface PruneReport {
  removed: string[];
  bytesReclaimed: number;
}

const path = (name: string): string => `/volumes/${encodeURIComponent(name)}`;

export class VolumesClient {
  constructor(private readonly engine: EngineRequests) {}

  list(options?: RequestOptions): Promise<VolumeSummary[]> {
    return this.engine.request('List volumes', async (d, abortSignal) => {
      const raw = await dial<{ Volumes?: RawVolume[] | null }>(d, { path: '/volumes', method: 'GET', abortSignal, statusCodes: { 200: true, 500: 'server error' } });
      return (raw.Volumes ?? []).map(toVolumeSummary);
    }, options);
  }

  inspect(name: string, options?: RequestOptions): Promise<unknown> {
    return this.engine.request('Inspect volume', (d, abortSignal) => dial<unknown>(d, { path: path(name), method: 'GET', abortSignal, statusCodes: { 200: true, 404: 'no such volume', 500: 'server error' } }), options);
  }

  /** Creates the volume; resolves with its name (the engine's, when none was given). */
  create(spec: VolumeCreateSpec, options?: RequestOptions): Promise<string> {
    const body = { ...(spec.name ? { Name: spec.name } : {}), Driver: spec.driver, DriverOpts: { ...spec.options }, Labels: { ...spec.labels } };
    return this.engine.request(`Create volume${spec.name ? ` ${spec.name}` : ''}`, async (d, abortSignal) => {
      const created = await dial<RawVolume>(d, { path: '/volumes/create', method: 'POST', abortSignal, options: body, statusCodes: { 200: true, 201: true, 500: 'server error' } });
      return created.Name;
    }, options);
  }

  /** Refused by the engine (409) while a container uses it. */
  remove(name: string, options?: RequestOptions): Promise<void> {
    return this.engine.request('Remove volume', async (d, abortSignal) => {
      await dial<unknown>(d, { path: path(name), method: 'DELETE', abortSignal, statusCodes: { 204: true, 404: 'no such volume', 409: 'volume is in use', 500: 'server error' } });
    }, options);
  }

  /**
   * Removes the volumes no container uses (only those matching `filters`). Engines from API 1.42
   * on prune only anonymous volumes unless asked for all; `all` asks.
   */
  prune(filters: Record<string, string[]> = {}, options?: RequestOptions): Promise<PruneReport> {
    return this.engine.request('Prune volumes', async (d, abortSignal) => {
      const query = Object.keys(filters).length > 0 ? { filters: JSON.stringify(filters) } : {};
      const raw = await dial<{ VolumesDeleted?: string[] | null; SpaceReclaimed?: number }>(d, { path: '/volumes/prune?', method: 'POST', abortSignal, options: query, statusCodes: { 200: true, 500: 'server error' } });
      return { removed: raw.VolumesDeleted ?? [], bytesReclaimed: raw.SpaceReclaimed ?? 0 };
    }, { timeoutMs: 120_000, ...options });
  }

  /** Every volume's size and use count, from `/system/df` (which walks every volume: slow on big engines). */
  usage(options?: RequestOptions): Promise<Map<string, VolumeUsage>> {
    return this.engine.request('Measure volumes', async (d, abortSignal) => {
      const raw = await dial<{ Volumes?: RawVolume[] | null }>(d, { path: '/system/df', method: 'GET', abortSignal, statusCodes: { 200: true, 500: 'server error' } });
      return volumeUsage(raw.Volumes ?? []);
    }, { timeoutMs: 120_000, ...options });
  }
}
