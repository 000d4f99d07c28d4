/** Containers: listing and lifecycle, each call through the one request wrapper. */
import type Dockerode from 'dockerode';
import type { EngineRequests, RequestOptions } from './requests';
import { toContainerSummary, type RawContainer } from './containerMapping';
import { EngineError } from './errors';
import type { ContainerSummary } from './types';

/** Stop and restart wait for the container's own grace period (10 s by default) before the engine kills it. */
const GRACE_MS = 15_000;

export class ContainersClient {
  constructor(private readonly engine: EngineRequests) {}

  /**
   * Containers in every state: all of them, or only `ids` (one cheap request for the few an event
   * names). Never asks for sizes: `size=true` makes listings take seconds.
   */
  list(options?: RequestOptions & { ids?: readonly string[] }): Promise<ContainerSummary[]> {
    const filters = options?.ids ? { filters: JSON.stringify({ id: options.ids }) } : {};
    return this.engine.request('List containers', async (d, abortSignal) => {
      const raw = (await d.listContainers({ all: true, size: false, ...filters, abortSignal } as Dockerode.ContainerListOptions)) as unknown as RawContainer[];
      return raw.map(toContainerSummary);
    }, options);
  }

  start(id: string, options?: RequestOptions): Promise<void> {
    return this.lifecycle('Start container', id, (c, abortSignal) => c.start({ abortSignal }), options);
  }

  stop(id: string, options?: RequestOptions): Promise<void> {
    return this.lifecycle('Stop container', id, (c, abortSignal) => c.stop({ abortSignal }), { timeoutMs: this.engine.requestTimeoutMs + GRACE_MS, ...options });
  }

  restart(id: string, options?: RequestOptions): Promise<void> {
    return this.lifecycle('Restart container', id, (c, abortSignal) => c.restart({ abortSignal }), { timeoutMs: this.engine.requestTimeoutMs + GRACE_MS, ...options });
  }

  pause(id: string, options?: RequestOptions): Promise<void> {
    return this.lifecycle('Pause container', id, (c, abortSignal) => c.pause({ abortSignal }), options);
  }

  unpause(id: string, options?: RequestOptions): Promise<void> {
    return this.lifecycle('Unpause container', id, (c, abortSignal) => c.unpause({ abortSignal }), options);
  }

  /** `force` kills a running container first; `volumes` also removes its anonymous volumes. */
  remove(id: string, opts: { force?: boolean; volumes?: boolean } = {}, options?: RequestOptions): Promise<void> {
    return this.engine.request('Remove container', async (d, abortSignal) => {
      await d.getContainer(id).remove({ force: opts.force ?? false, v: opts.volumes ?? false, abortSignal } as object);
    }, options);
  }

  /** Lifecycle calls treat 304 (already in that state) as success: the user got what they asked for. */
  private async lifecycle(
    operation: string,
    id: string,
    call: (container: Dockerode.Container, abortSignal: AbortSignal) => Promise<unknown>,
    options?: RequestOptions,
  ): Promise<void> {
    try {
      await this.engine.request(operation, (d, abortSignal) => call(d.getContainer(id), abortSignal), options);
    } catch (error) {
      if (error instanceof EngineError && error.kind === 'notModified') return;
      throw error;
    }
  }
}
