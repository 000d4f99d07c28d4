/**
 * A raw engine call through docker-modem, for the few calls whose dockerode wrapper drops the
 * abort signal (so the request's timeout could not end them). Errors come back as dockerode's do,
 * so classifyError reads them the same way.
 */
import type Dockerode from 'dockerode';

export interface DialOptions {
  path: string;
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  abortSignal: AbortSignal;
  /** Status code → true (success) or the message for that failure. */
  statusCodes: Record<number, true | string>;
  /** Query parameters (GET) or the JSON body (POST). */
  options?: Record<string, unknown>;
  /** Extra headers, e.g. X-Registry-Auth. */
  headers?: Record<string, string>;
  /** Resolve with the response stream instead of the parsed body. */
  isStream?: boolean;
}

interface Modem {
  dial(options: DialOptions, callback: (error: unknown, data: unknown) => void): void;
}

export function dial<T>(docker: Dockerode, options: DialOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    (docker.modem as unknown as Modem).dial(options, (error, data) => (error ? reject(error) : resolve(data as T)));
  });
}
