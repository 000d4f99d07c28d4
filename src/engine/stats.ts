/**
 * The engine calls the stats panel makes, through the client's one request wrapper: a container's
 * stats stream, and the engine's total memory. The stream has no request timeout (it is meant to
 * stay open) but must answer with headers within `headersTimeoutMs`, so a hung engine is noticed.
 */
import type { EngineClient } from './client';
import { EngineError } from './errors';

export function openStatsStream(client: EngineClient, id: string, signal: AbortSignal, headersTimeoutMs: number): Promise<NodeJS.ReadableStream> {
  const waiting = new AbortController();
  const timer = setTimeout(() => waiting.abort(), headersTimeoutMs);
  const both = AbortSignal.any([signal, waiting.signal]);
  return client
    .request('Read container stats', (d, abortSignal) => d.getContainer(id).stats({ stream: true, abortSignal } as object) as unknown as Promise<NodeJS.ReadableStream>, {
      signal: both,
      timeoutMs: 0,
    })
    .catch((error: unknown) => {
      if (waiting.signal.aborted && !signal.aborted) {
        throw new EngineError('timeout', `Read container stats: the Docker engine at ${client.endpoint.host} did not answer within ${headersTimeoutMs / 1000} s.`, 'Berth tries again by itself.');
      }
      throw error;
    })
    .finally(() => clearTimeout(timer));
}

/** `MemTotal` from `/info`; undefined when the engine does not say. */
export function engineMemory(client: EngineClient, signal?: AbortSignal): Promise<number | undefined> {
  return client.request(
    'Read engine info',
    async (d, abortSignal) => {
      // dockerode's typings omit the options argument of info(); the runtime takes it.
      const info = (await (d as unknown as { info(opts: { abortSignal: AbortSignal }): Promise<{ MemTotal?: unknown }> }).info({ abortSignal }));
      return typeof info.MemTotal === 'number' && info.MemTotal > 0 ? info.MemTotal : undefined;
    },
    signal ? { signal } : {},
  );
}
