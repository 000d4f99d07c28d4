/**
 * THE ONE SANCTIONED POLL in Berth. The engine has no task events, and container events stay on
 * the node that runs the container: while a service's UpdateStatus says an update (or rollback)
 * is rolling out, its tasks change on other nodes without any event reaching this engine, so the
 * Swarm view re-lists that service and its tasks about once a second. It follows only what it is
 * given (swarmTreeModel.followedKeys: updates in progress, and tasks or a node's new role still
 * converging shortly after their service or node event), and stops when there is nothing left,
 * or when the view stops watching. Nothing else in Berth polls.
 */
import type { Disposable } from './emitter';

/** How often a service under a rolling update is re-listed. */
export const UPDATE_RELIST_INTERVAL_MS = 1_000;

export class ServiceUpdatePoll implements Disposable {
  private readonly updating = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  /**
   * @param relist re-lists the given services and their tasks; resolves with the ids of the ones
   *   whose update is still in progress afterwards.
   */
  constructor(
    private readonly relist: (serviceIds: readonly string[]) => Promise<readonly string[]>,
    private readonly intervalMs = UPDATE_RELIST_INTERVAL_MS,
  ) {}

  /** Services being updated now (after any listing): the poll follows exactly these. */
  track(updatingServiceIds: Iterable<string>): void {
    this.updating.clear();
    for (const id of updatingServiceIds) this.updating.add(id);
    this.schedule();
  }

  /** Whether the poll is waiting to re-list (for tests and the bench). */
  get active(): boolean {
    return this.timer !== undefined || this.running;
  }

  get services(): readonly string[] {
    return [...this.updating];
  }

  private schedule(): void {
    if (this.updating.size === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      return;
    }
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => void this.tick(), this.intervalMs);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.running = true;
    try {
      const asked = [...this.updating];
      const still = new Set(await this.relist(asked));
      // Services tracked meanwhile stay; the ones asked about stay only while still updating.
      for (const id of asked) if (!still.has(id)) this.updating.delete(id);
    } catch {
      // The engine did not answer: keep following; the event stream's own recovery re-lists on reconnect.
    } finally {
      this.running = false;
    }
    this.schedule();
  }

  /** Stops following every service (the view was hidden, or the engine switched). */
  stop(): void {
    this.updating.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.stop();
  }
}
