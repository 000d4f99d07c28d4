/**
 * The one narrow door to the engine. Every call goes through `request()`, which adds a per-call
 * deadline, caller cancellation and error classification. The deadline ends when the call
 * resolves: for a stream that is when the engine answered with headers, so the quiet event
 * stream may then stay open for as long as it likes (docker-modem's socket idle timeout would
 * kill it).
 *
 * dockerode is loaded on first use, not at activation.
 */
import type Dockerode from 'dockerode';
import { Emitter } from './emitter';
import type { EngineEndpoint } from './endpoint';
import { EngineError, classifyError, nothingListens } from './errors';
import { createTransport, type ModemTransport } from './transport';
import { toContainerSummary, type RawContainer } from './containerMapping';
import type { ContainerSummary, EngineVersion } from './types';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Overrides the client's default timeout; 0 means none. */
  timeoutMs?: number;
}

export interface EngineClientOptions {
  requestTimeoutMs: number;
}

/** dockerode's typings omit the options argument of these two calls; the runtime takes it. */
interface WithAbortableCalls {
  ping(opts: { abortSignal: AbortSignal }): Promise<unknown>;
  version(opts: { abortSignal: AbortSignal }): Promise<{ Version?: string; ApiVersion?: string; Os?: string; Arch?: string }>;
}

/** setTimeout fires at once for anything longer (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class EngineClient {
  private dockerode: Dockerode | undefined;
  private transport: ModemTransport | undefined;
  private readonly disposed = new AbortController();
  private readonly nothingListensEmitter = new Emitter<EngineError>();
  /**
   * Fires when a request finds nothing listening (ENOENT, ECONNREFUSED): the engine is gone,
   * even while an event stream it opened earlier still flows (a stopping dockerd serves it on).
   */
  readonly onNothingListens = this.nothingListensEmitter.event;

  constructor(
    readonly endpoint: EngineEndpoint,
    private readonly options: EngineClientOptions,
  ) {}

  /** Loaded lazily: requiring dockerode costs more than Berth's whole activation budget. */
  private docker(): Dockerode {
    if (!this.dockerode) {
      this.transport = createTransport(this.endpoint);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const DockerodeClass = require('dockerode') as typeof Dockerode;
      this.dockerode = new DockerodeClass(this.transport.options);
    }
    return this.dockerode;
  }

  /** Runs one engine call with timeout, cancellation and error classification. */
  async request<T>(operation: string, call: (docker: Dockerode, signal: AbortSignal) => Promise<T>, options: RequestOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs;
    const deadline = new AbortController();
    const signals = [this.disposed.signal, deadline.signal];
    if (options.signal) signals.push(options.signal);
    const signal = AbortSignal.any(signals);
    if (signal.aborted) throw this.abortError(operation, false, timeoutMs);
    // A timer, not AbortSignal.timeout: the deadline must end with the call (see above).
    const timer = timeoutMs > 0 ? setTimeout(() => deadline.abort(), Math.min(timeoutMs, MAX_TIMER_MS)) : undefined;
    try {
      return await call(this.docker(), signal);
    } catch (error) {
      if (signal.aborted) throw this.abortError(operation, deadline.signal.aborted, timeoutMs);
      const classified = classifyError(error, this.endpoint, operation);
      if (nothingListens(error)) this.nothingListensEmitter.fire(classified);
      throw classified;
    } finally {
      clearTimeout(timer);
    }
  }

  private abortError(operation: string, timedOut: boolean, timeoutMs: number): EngineError {
    if (timedOut) {
      return new EngineError('timeout', `${operation}: the Docker engine at ${this.endpoint.host} did not answer within ${timeoutMs / 1000} s.`, 'It may be overloaded or the host may be wrong; raise berth.requestTimeout for slow remote engines.');
    }
    return new EngineError('cancelled', `${operation}: cancelled.`, '');
  }

  ping(options?: RequestOptions): Promise<void> {
    return this.request('Ping', async (d, abortSignal) => {
      await (d as unknown as WithAbortableCalls).ping({ abortSignal });
    }, options);
  }

  version(options?: RequestOptions): Promise<EngineVersion> {
    return this.request('Read engine version', async (d, abortSignal) => {
      const v = await (d as unknown as WithAbortableCalls).version({ abortSignal });
      return { version: v.Version ?? '?', apiVersion: v.ApiVersion ?? '?', os: v.Os ?? '', arch: v.Arch ?? '' };
    }, options);
  }

  /**
   * Containers in every state: all of them, or only `ids` (one cheap request for the few an event
   * names). Never asks for sizes: `size=true` makes listings take seconds.
   */
  listContainers(options?: RequestOptions & { ids?: readonly string[] }): Promise<ContainerSummary[]> {
    const filters = options?.ids ? { filters: JSON.stringify({ id: options.ids }) } : {};
    return this.request('List containers', async (d, abortSignal) => {
      const raw = (await d.listContainers({ all: true, size: false, ...filters, abortSignal } as Dockerode.ContainerListOptions)) as unknown as RawContainer[];
      return raw.map(toContainerSummary);
    }, options);
  }

  /** Local image references (`repo:tag`), untagged ones left out. */
  listImageNames(options?: RequestOptions): Promise<string[]> {
    return this.request('List images', async (d, abortSignal) => {
      const raw = (await d.listImages({ abortSignal } as Dockerode.ListImagesOptions)) as { RepoTags?: string[] | null }[];
      const names = raw.flatMap((i) => i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
      return [...new Set(names)].sort();
    }, options);
  }

  startContainer(id: string, options?: RequestOptions): Promise<void> {
    return this.lifecycle('Start container', id, (c, abortSignal) => c.start({ abortSignal }), options);
  }

  stopContainer(id: string, options?: RequestOptions): Promise<void> {
    // Stop waits for the container's own grace period (10 s by default) before the engine kills it.
    return this.lifecycle('Stop container', id, (c, abortSignal) => c.stop({ abortSignal }), { timeoutMs: this.options.requestTimeoutMs + 15_000, ...options });
  }

  restartContainer(id: string, options?: RequestOptions): Promise<void> {
    return this.lifecycle('Restart container', id, (c, abortSignal) => c.restart({ abortSignal }), { timeoutMs: this.options.requestTimeoutMs + 15_000, ...options });
  }

  pauseContainer(id: string, options?: RequestOptions): Promise<void> {
    return this.lifecycle('Pause container', id, (c, abortSignal) => c.pause({ abortSignal }), options);
  }

  unpauseContainer(id: string, options?: RequestOptions): Promise<void> {
    return this.lifecycle('Unpause container', id, (c, abortSignal) => c.unpause({ abortSignal }), options);
  }

  /** `force` kills a running container first; `volumes` also removes its anonymous volumes. */
  removeContainer(id: string, opts: { force?: boolean; volumes?: boolean } = {}, options?: RequestOptions): Promise<void> {
    return this.request('Remove container', async (d, abortSignal) => {
      await d.getContainer(id).remove({ force: opts.force ?? false, v: opts.volumes ?? false, abortSignal } as object);
    }, options);
  }

  /**
   * Opens the `/events` stream; resolves once the engine has answered with headers, which must
   * come within the request timeout (an engine that accepts and never answers is not connected).
   */
  events(since: string | undefined, signal: AbortSignal): Promise<NodeJS.ReadableStream> {
    return this.request('Watch engine events', (d, abortSignal) => d.getEvents({ ...(since ? { since } : {}), abortSignal } as object), { signal });
  }

  /** Lifecycle calls treat 304 (already in that state) as success: the user got what they asked for. */
  private async lifecycle(
    operation: string,
    id: string,
    call: (container: Dockerode.Container, abortSignal: AbortSignal) => Promise<unknown>,
    options?: RequestOptions,
  ): Promise<void> {
    try {
      await this.request(operation, (d, abortSignal) => call(d.getContainer(id), abortSignal), options);
    } catch (error) {
      if (error instanceof EngineError && error.kind === 'notModified') return;
      throw error;
    }
  }

  dispose(): void {
    this.disposed.abort();
    this.transport?.dispose();
    this.nothingListensEmitter.dispose();
  }
}
