/**
 * Everything that lives only as long as one engine connection: event subscriptions, caches,
 * streams. The session makes one per connection and disposes it when it drops that connection
 * (an engine switch, a settings change, deactivation), so nobody writes their own teardown.
 */
import type { Disposable } from './emitter';
import type { EngineConnection } from './engineConnection';

export class ConnectionScope implements Disposable {
  private readonly owned: Disposable[] = [];
  private disposedValue = false;

  constructor(readonly connection: EngineConnection) {}

  get disposed(): boolean {
    return this.disposedValue;
  }

  /** Ties `disposable` to this connection; added after the end it is disposed at once. */
  add<T extends Disposable>(disposable: T): T {
    if (this.disposedValue) disposable.dispose();
    else this.owned.push(disposable);
    return disposable;
  }

  /** Runs `teardown` when the connection goes. */
  onDispose(teardown: () => void): void {
    this.add({ dispose: teardown });
  }

  /** Disposes in reverse order of adding, so what was set up last goes first; one failure does not stop the rest. */
  dispose(): void {
    if (this.disposedValue) return;
    this.disposedValue = true;
    for (const d of this.owned.splice(0).reverse()) {
      try {
        d.dispose();
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
