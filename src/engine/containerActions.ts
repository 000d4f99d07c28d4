/** Kill with a signal, rename and prune: the container calls beyond the lifecycle. Pure. */
import type { EngineClient, RequestOptions } from './client';

/** Signals offered by "Kill…", most useful first. */
export const KILL_SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;

export function killContainer(client: EngineClient, id: string, signal: string, options?: RequestOptions): Promise<void> {
  return client.request(`Kill container with ${signal}`, async (d, abortSignal) => {
    await d.getContainer(id).kill({ signal, abortSignal } as object);
  }, options);
}

export function renameContainer(client: EngineClient, id: string, name: string, options?: RequestOptions): Promise<void> {
  return client.request('Rename container', async (d, abortSignal) => {
    await d.getContainer(id).rename({ name, abortSignal } as object);
  }, options);
}

/** The engine's own rule for container names. */
export function validContainerName(name: string): boolean {
  return /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name);
}

export interface PruneResult {
  removedIds: string[];
  bytesReclaimed: number;
}

/** Removes every stopped container (or only those with `label`, e.g. a test's own). */
export function pruneContainers(client: EngineClient, opts: { label?: string } = {}, options?: RequestOptions): Promise<PruneResult> {
  return client.request('Prune stopped containers', async (d, abortSignal) => {
    const filters = opts.label ? { filters: JSON.stringify({ label: [opts.label] }) } : {};
    const raw = (await d.pruneContainers({ ...filters, abortSignal } as object)) as { ContainersDeleted?: string[] | null; SpaceReclaimed?: number };
    return { removedIds: raw.ContainersDeleted ?? [], bytesReclaimed: raw.SpaceReclaimed ?? 0 };
  }, { timeoutMs: 120_000, ...options });
}
