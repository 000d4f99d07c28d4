/** The engine itself: what it runs on and with. */
import { dial } from './dial';
import type { EngineRequests, RequestOptions } from './requests';

/** The subset of `GET /info` Berth reads. */
export interface RawInfo {
  Swarm?: { LocalNodeState?: string } | null;
}

export class SystemClient {
  constructor(private readonly engine: EngineRequests) {}

  /** `GET /info`. */
  rawInfo(options?: RequestOptions): Promise<RawInfo> {
    return this.engine.request('Read engine info', (d, abortSignal) => dial<RawInfo>(d, { path: '/info', method: 'GET', abortSignal, statusCodes: { 200: true, 500: 'server error' } }), options);
  }

  /** Whether this engine is a swarm node (overlay networks need one). */
  async swarmActive(options?: RequestOptions): Promise<boolean> {
    return (await this.rawInfo(options)).Swarm?.LocalNodeState === 'active';
  }
}
