/**
 * Local image names for completions (FROM in a Dockerfile, image: in a compose file): read once
 * when first asked, re-read only after the engine says images changed. Never blocks the caller
 * and never polls; with no engine it simply has no names.
 */
import type { ConnectionScope } from './connectionScope';
import type { EngineConnection } from './engineConnection';

const IMAGE_ACTIONS = new Set(['pull', 'push', 'tag', 'untag', 'delete', 'import', 'load', 'save', 'build']);

export class LocalImageNames {
  private names: readonly string[] = [];
  private stale = true;
  private loading = false;
  private connection: EngineConnection | undefined;

  /** Follows the scope's engine until the scope ends. */
  attach(scope: ConnectionScope): void {
    const connection = scope.connection;
    this.connection = connection;
    this.names = [];
    this.stale = true;
    scope.add(connection.onDidResync(() => {
      this.stale = true;
    }));
    scope.add(connection.events.onEvent((e) => {
      if (e.type === 'image' && IMAGE_ACTIONS.has(e.action)) this.stale = true;
    }));
    scope.onDispose(() => {
      if (this.connection !== connection) return;
      this.connection = undefined;
      this.names = [];
    });
  }

  /** What is known now; starts a background refresh when that may be out of date. */
  get(): readonly string[] {
    if (this.stale && !this.loading && this.connection?.state.kind === 'connected') void this.refresh(this.connection);
    return this.names;
  }

  private async refresh(connection: EngineConnection): Promise<void> {
    this.loading = true;
    this.stale = false;
    try {
      const names = await connection.client.images.names();
      if (connection === this.connection) this.names = names;
    } catch {
      this.stale = true; // try again next time someone asks
    } finally {
      this.loading = false;
    }
  }
}
