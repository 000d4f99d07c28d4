/**
 * Swarm endpoints through the engine client's one request wrapper (timeout, cancellation, error
 * classification). dockerode's swarm helpers differ in how they take options and drop some (the
 * `version` query next to a JSON body), so these calls speak the Engine API directly through its
 * modem, with the exact query and body the API documents.
 */
import type Dockerode from 'dockerode';
import type { EngineRequests, RequestOptions } from './requests';
import { EngineError } from './errors';

/** The one request wrapper of the engine client: all a swarm call needs. */
export type SwarmRequests = Pick<EngineRequests, 'request'>;

export interface ApiCall {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  /** Status codes that mean success (default 200, 201, 204). */
  ok?: readonly number[];
}

interface Modem {
  dial(options: object, callback: (error: unknown, data: unknown) => void): void;
}

/** One Engine API call; resolves with the parsed JSON answer (or undefined for an empty one). */
export function swarmCall<T>(engine: SwarmRequests, operation: string, call: ApiCall, options?: RequestOptions): Promise<T> {
  return engine.request(operation, (docker: Dockerode, abortSignal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      const modem = (docker as unknown as { modem: Modem }).modem;
      const statusCodes: Record<number, boolean> = {};
      for (const code of call.ok ?? [200, 201, 204]) statusCodes[code] = true;
      const hasQuery = call.query !== undefined && Object.keys(call.query).length > 0;
      const hasBody = call.body !== undefined;
      modem.dial(
        {
          // docker-modem appends `_query` as the query string to a path ending in `?`, and sends
          // `_body` as the JSON body of a POST (else the whole options object would be the body).
          path: hasQuery ? `${call.path}?` : call.path,
          method: call.method,
          options: { ...(hasQuery ? { _query: call.query } : {}), ...(call.method === 'POST' ? { _body: hasBody ? call.body : {} } : {}) },
          statusCodes,
          abortSignal,
          allowEmpty: hasBody,
        },
        (error, data) => (error ? reject(error) : resolve(data as T)),
      );
    }), options);
}

/** The object changed between the read and the update (its version moved on): read it again and retry. */
export function outOfSequence(error: unknown): boolean {
  return error instanceof EngineError && /out of sequence/i.test(error.message);
}

/** The engine answers 503 to swarm calls on a node that is not a manager of an active swarm. */
export function notAManager(error: unknown): boolean {
  return error instanceof EngineError && error.statusCode === 503;
}

/** Engine ids and names go into URL paths: keep them to what the engine itself allows in ids and names. */
export function pathSegment(idOrName: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(idOrName)) {
    throw new EngineError('engine', `"${idOrName}" is not a swarm object id or name.`, 'Pick the object from the Swarm view.');
  }
  return encodeURIComponent(idOrName);
}
