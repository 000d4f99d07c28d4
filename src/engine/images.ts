/** Images: list, history, inspect, tag, remove, prune, pull and push, each call through the one request wrapper. */
import type Dockerode from 'dockerode';
import { dial } from './dial';
import { EngineError } from './errors';
import { parseImageRef, toImageLayer, toImageSummary, withDefaultTag, type RawHistory, type RawImage } from './imageMapping';
import { LineSplitter } from './jsonLines';
import { parseProgressLine } from './pullProgress';
import { authHeader, registryHost, type RegistryAuth } from './registryAuth';
import type { EngineRequests, RequestOptions } from './requests';
import type { ImageLayer, ImageSummary, ProgressEvent } from './types';

const image = (ref: string): string => `/images/${encodeURIComponent(ref)}`;

/** What a remove or prune took away: the tags it untagged and the images it deleted. */
export interface ImageRemoval {
  untagged: string[];
  deleted: string[];
  bytesReclaimed: number;
}

type RawRemoval = { Untagged?: string; Deleted?: string }[] | null;

function removal(raw: RawRemoval, bytesReclaimed = 0): ImageRemoval {
  const items = raw ?? [];
  return { untagged: items.flatMap((i) => (i.Untagged ? [i.Untagged] : [])), deleted: items.flatMap((i) => (i.Deleted ? [i.Deleted] : [])), bytesReclaimed };
}

/** A registry's refusal, with what to do about it. */
function registryError(operation: string, message: string, ref: string): EngineError {
  const registry = parseImageRef(ref).registry;
  const login = /no basic auth credentials|unauthorized|authentication required|denied/i.test(message);
  const next = login
    ? `Log in first: docker login ${registryHost(registry) === 'docker.io' ? '' : registry}`.trim() + ' (Berth uses the credentials docker login stores).'
    : /connection refused|no such host|timeout|i\/o timeout/i.test(message)
      ? `Check that ${registry} is reachable from the engine.`
      : '';
  return new EngineError('engine', `${operation} ${ref}: ${message}`, next);
}

/** The error a pull or push stream ends with (`no basic auth credentials`, `manifest unknown`). */
class StreamError extends Error {}

/** Reads a pull/push stream to its end, reporting each message; rejects with the stream's own error. */
function followProgress(stream: NodeJS.ReadableStream, onProgress: (event: ProgressEvent) => void, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const splitter = new LineSplitter();
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', abort);
      if (error) reject(error);
      else resolve();
    };
    const abort = (): void => {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      finish(signal.reason ?? new Error('cancelled'));
    };
    signal.addEventListener('abort', abort, { once: true });
    stream.on('data', (chunk: Buffer | string) => {
      try {
        for (const line of splitter.push(chunk)) {
          const event = parseProgressLine(line);
          if (event) onProgress(event);
        }
      } catch (error) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        finish(new StreamError(error instanceof Error ? error.message : String(error)));
      }
    });
    stream.on('end', () => finish());
    stream.on('error', (error) => finish(error));
  });
}

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

  /** Every top-level image (not intermediate build layers), tagged or not. */
  list(options?: RequestOptions): Promise<ImageSummary[]> {
    return this.engine.request('List images', async (d, abortSignal) => {
      const raw = await dial<RawImage[]>(d, { path: '/images/json?', method: 'GET', abortSignal, options: { digests: true }, statusCodes: { 200: true, 500: 'server error' } });
      return raw.map(toImageSummary);
    }, options);
  }

  /** The image's layers, newest first. It never changes for an image id. */
  history(id: string, options?: RequestOptions): Promise<ImageLayer[]> {
    return this.engine.request('Read image history', async (d, abortSignal) => {
      const raw = await dial<RawHistory[]>(d, { path: `${image(id)}/history`, method: 'GET', abortSignal, statusCodes: { 200: true, 404: 'no such image', 500: 'server error' } });
      return raw.map(toImageLayer);
    }, options);
  }

  inspect(id: string, options?: RequestOptions): Promise<unknown> {
    return this.engine.request('Inspect image', (d, abortSignal) => dial<unknown>(d, { path: `${image(id)}/json`, method: 'GET', abortSignal, statusCodes: { 200: true, 404: 'no such image', 500: 'server error' } }), options);
  }

  /** Gives image `id` the reference `target` (`repo[:tag]`, `:latest` when no tag). */
  tag(id: string, target: string, options?: RequestOptions): Promise<void> {
    const { repository, tag } = parseImageRef(withDefaultTag(target));
    return this.engine.request(`Tag image as ${target}`, async (d, abortSignal) => {
      await dial<unknown>(d, { path: `${image(id)}/tag?`, method: 'POST', abortSignal, options: { _query: { repo: repository, tag: tag ?? 'latest' }, _body: {} }, statusCodes: { 200: true, 201: true, 400: 'bad parameter', 404: 'no such image', 409: 'conflict', 500: 'server error' } });
    }, options);
  }

  /**
   * Removes a reference (or an image by id). The image itself goes with its last reference;
   * `force` removes it from every reference and from stopped containers' hold.
   */
  remove(ref: string, force = false, options?: RequestOptions): Promise<ImageRemoval> {
    return this.engine.request(`Remove image ${ref}`, async (d, abortSignal) =>
      removal(await dial<RawRemoval>(d, { path: `${image(ref)}?`, method: 'DELETE', abortSignal, options: { force }, statusCodes: { 200: true, 404: 'no such image', 409: 'conflict', 500: 'server error' } })),
    options);
  }

  /** Removes dangling images, or with `all` every image no container uses (only those matching `filters`). */
  prune(all: boolean, filters: Record<string, string[]> = {}, options?: RequestOptions): Promise<ImageRemoval> {
    const query = { filters: JSON.stringify({ ...filters, dangling: [all ? 'false' : 'true'] }) };
    return this.engine.request('Prune images', async (d, abortSignal) => {
      const raw = await dial<{ ImagesDeleted?: RawRemoval; SpaceReclaimed?: number }>(d, { path: '/images/prune?', method: 'POST', abortSignal, options: { _query: query, _body: {} }, statusCodes: { 200: true, 500: 'server error' } });
      return removal(raw.ImagesDeleted ?? null, raw.SpaceReclaimed ?? 0);
    }, { timeoutMs: 300_000, ...options });
  }

  /** Pulls `ref` (`:latest` when it names no tag), reporting progress; cancelled through `signal`. No time limit. */
  pull(ref: string, auth: RegistryAuth | undefined, onProgress: (event: ProgressEvent) => void, signal: AbortSignal): Promise<void> {
    const full = withDefaultTag(ref);
    const { repository, tag, digest } = parseImageRef(full);
    return this.engine.request(`Pull ${full}`, async (d, abortSignal) => {
        const stream = await dial<NodeJS.ReadableStream>(d, {
          path: '/images/create?',
          method: 'POST',
          abortSignal,
          isStream: true,
          headers: { 'X-Registry-Auth': authHeader(auth) },
          options: { _query: { fromImage: repository, tag: digest ?? tag ?? 'latest' }, _body: {} },
          statusCodes: { 200: true, 404: 'repository does not exist or needs a login', 500: 'server error' },
        });
        await followProgress(stream, onProgress, abortSignal).catch((error: unknown) => {
          throw error instanceof StreamError ? registryError('Pull', error.message, full) : error;
        });
      }, { signal, timeoutMs: 0 });
  }

  /** Pushes `ref` to its registry, reporting progress; cancelled through `signal`. */
  push(ref: string, auth: RegistryAuth | undefined, onProgress: (event: ProgressEvent) => void, signal: AbortSignal): Promise<void> {
    const full = withDefaultTag(ref);
    const { repository, tag } = parseImageRef(full);
    return this.engine.request(`Push ${full}`, async (d, abortSignal) => {
        const stream = await dial<NodeJS.ReadableStream>(d, {
          path: `${image(repository)}/push?`,
          method: 'POST',
          abortSignal,
          isStream: true,
          // Without the header the engine answers 400, even for a registry that needs no login.
          headers: { 'X-Registry-Auth': authHeader(auth) },
          options: { _query: { tag: tag ?? 'latest' }, _body: {} },
          statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
        });
        await followProgress(stream, onProgress, abortSignal).catch((error: unknown) => {
          throw error instanceof StreamError ? registryError('Push', error.message, full) : error;
        });
      }, { signal, timeoutMs: 0 });
  }
}
