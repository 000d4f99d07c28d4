/** What every engine call takes, and what a resource client (containers, images, …) needs from EngineClient. */
import type Dockerode from 'dockerode';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Overrides the client's default timeout; 0 means none. */
  timeoutMs?: number;
}

/** The one request wrapper (timeout, cancellation, error classification) and the default timeout it applies. */
export interface EngineRequests {
  request<T>(operation: string, call: (docker: Dockerode, signal: AbortSignal) => Promise<T>, options?: RequestOptions): Promise<T>;
  readonly requestTimeoutMs: number;
}
