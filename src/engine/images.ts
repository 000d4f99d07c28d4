/** Images, each call through the one request wrapper. */
import type Dockerode from 'dockerode';
import type { EngineRequests, RequestOptions } from './requests';

export class ImagesClient {
  constructor(private readonly engine: EngineRequests) {}

  /** Local image references (`repo:tag`), untagged ones left out. */
  names(options?: RequestOptions): Promise<string[]> {
    return this.engine.request('List images', async (d, abortSignal) => {
      const raw = (await d.listImages({ abortSignal } as Dockerode.ListImagesOptions)) as { RepoTags?: string[] | null }[];
      const names = raw.flatMap((i) => i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
      return [...new Set(names)].sort();
    }, options);
  }
}
