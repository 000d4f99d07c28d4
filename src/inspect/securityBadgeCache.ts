/**
 * The security badges of each container, read from inspect once per start and kept by id. A refresh
 * of 500 rows must not cost 500 inspects: rows ask for what they show, a few inspects run at a time,
 * and a container's entry is dropped only when it starts again (new privileges are possible only
 * through a new start) or goes away. Pure: the loader is injected.
 */
import type { RawContainerInspect } from '../engine/inspect';
import { securityBadges, type SecurityBadge } from './securityBadges';

/** Inspects at once: enough to fill a screen of rows quickly, few enough not to queue the daemon. */
export const MAX_CONCURRENT_INSPECTS = 4;

export class SecurityBadgeCache {
  private readonly known = new Map<string, SecurityBadge[]>();
  private readonly pending = new Map<string, Promise<SecurityBadge[]>>();
  private readonly queue: Array<() => void> = [];
  private running = 0;
  /** Bumped by forget/clear, so an inspect that was in flight then does not refill the cache. */
  private readonly generation = new Map<string, number>();

  constructor(
    private readonly inspect: (id: string) => Promise<RawContainerInspect>,
    private readonly onLoaded: (id: string) => void = () => undefined,
    private readonly maxConcurrent = MAX_CONCURRENT_INSPECTS,
  ) {}

  /** The badges when already known; undefined means "not read yet" (call `load`). */
  peek(id: string): SecurityBadge[] | undefined {
    return this.known.get(id);
  }

  /** The badges, reading inspect at most once per container start. A failed read yields none, uncached. */
  load(id: string): Promise<SecurityBadge[]> {
    const cached = this.known.get(id);
    if (cached) return Promise.resolve(cached);
    const inFlight = this.pending.get(id);
    if (inFlight) return inFlight;
    const generation = this.generation.get(id) ?? 0;
    const promise = this.limited(() => this.inspect(id))
      .then(
        (raw) => {
          const badges = securityBadges(raw);
          if ((this.generation.get(id) ?? 0) === generation) {
            this.known.set(id, badges);
            this.onLoaded(id);
          }
          return badges;
        },
        // Removed between listing and inspect, or the engine went away: nothing to show, try again later.
        () => [] as SecurityBadge[],
      )
      .finally(() => {
        if (this.pending.get(id) === promise) this.pending.delete(id);
      });
    this.pending.set(id, promise);
    return promise;
  }

  /** The container started again or was removed: read it anew next time. */
  forget(id: string): void {
    this.known.delete(id);
    this.pending.delete(id);
    this.generation.set(id, (this.generation.get(id) ?? 0) + 1);
  }

  /** Another engine: nothing known carries over. */
  clear(): void {
    // Queued reads still run and settle (no caller is left waiting); their results are not kept.
    for (const id of new Set([...this.known.keys(), ...this.pending.keys()])) this.forget(id);
  }

  get size(): number {
    return this.known.size;
  }

  private limited<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        this.running++;
        work()
          .then(resolve, reject)
          .finally(() => {
            this.running--;
            this.queue.shift()?.();
          });
      };
      if (this.running < this.maxConcurrent) start();
      else this.queue.push(start);
    });
  }
}
