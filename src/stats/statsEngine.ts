/** What the stats panel needs from one engine connection, as a small interface tests can see through. Pure. */
import type { Disposable } from '../engine/emitter';
import type { EngineConnection } from '../engine/engineConnection';
import { engineMemory, openStatsStream } from '../engine/stats';
import type { EnginePlatform } from '../engine/statsMath';
import type { ContainerSummary, EngineEvent } from '../engine/types';

export interface StatsEngine {
  /** All containers, or only `ids` (the ones an event named). */
  listContainers(ids?: readonly string[]): Promise<ContainerSummary[]>;
  openStats(id: string, signal: AbortSignal): Promise<NodeJS.ReadableStream>;
  engineMemory(): Promise<number | undefined>;
  platform(): EnginePlatform;
  onEvent(listener: (event: EngineEvent) => void): Disposable;
  /** Fires when the engine (re)connected: re-list, reopen failed streams. */
  onDidResync(listener: () => void): Disposable;
}

export function statsEngineOf(connection: EngineConnection, headersTimeoutMs: number): StatsEngine {
  const client = connection.client;
  return {
    listContainers: (ids) => client.containers.list(ids ? { ids } : {}),
    openStats: (id, signal) => openStatsStream(client, id, signal, headersTimeoutMs),
    engineMemory: () => engineMemory(client),
    platform: () => (connection.state.kind === 'connected' && connection.state.version?.os === 'windows' ? 'windows' : 'linux'),
    onEvent: (listener) => connection.events.onEvent(listener),
    onDidResync: (listener) => connection.onDidResync(listener),
  };
}
