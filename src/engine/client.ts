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
import { ContainersClient } from './containers';
import { ImagesClient } from './images';
import { NetworksClient } from './networks';
import { SystemClient } from './system';
import { VolumesClient } from './volumes';
import type { EngineRequests, RequestOptions } from './requests';
import type { EngineVersion } from './types';

export type { EngineRequests, RequestOptions };

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

export class EngineClient implements EngineRequests {
  private dockerode: Dockerode | undefined;
  private transport: ModemTransport | undefined;
  private readonly disposed = new AbortController();
  private readonly nothingListensEmitter = new Emitter<EngineError>();
  /**
   * Fires when a request finds nothing listening (ENOENT, ECONNREFUSED): the engine is gone,
   * even while an event stream it opened earlier still flows (a stopping dockerd serves it on).
   */
  readonly onNothingListens = this.nothingListensEmitter.event;
  /** One client per kind of engine object, each on top of `request()`. */
  readonly containers: ContainersClient;
  readonly images: ImagesClient;
  readonly networks: NetworksClient;
  readonly volumes: VolumesClient;
  readonly system: SystemClient;

  constructor(
    readonly endpoint: EngineEndpoint,
    private readonly options: EngineClientOptions,
  ) {
    this.containers = new ContainersClient(this);
    this.images = new ImagesClient(this);
    this.networks = new NetworksClient(this);
    this.volumes = new VolumesClient(this);
    this.system = new SystemClient(this);
  }

  get requestTimeoutMs(): number {
    return this.options.requestTimeoutMs;
  }

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
   * Opens the `/events` stream; resolves once the engine has answered with headers, which must
   * come within the request timeout (an engine that accepts and never answers is not connected).
   */
  events(since: string | undefined, signal: AbortSignal): Promise<NodeJS.ReadableStream> {
    return this.request('Watch engine events', (d, abortSignal) => d.getEvents({ ...(since ? { since } : {}), abortSignal } as object), { signal });
  }

  dispose(): void {
    this.disposed.abort();
    this.transport?.dispose();
    this.nothingListensEmitter.dispose();
  }
}
