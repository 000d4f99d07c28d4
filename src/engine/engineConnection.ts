/**
 * One live engine: its client, its single event stream and the connection state the UI shows.
 * The event stream is the heartbeat — no polling: while it is connected the engine is up,
 * when it drops the state says why, and its reconnects bring the state back.
 */
import type { EngineEndpoint } from './endpoint';
import { Emitter, type Disposable } from './emitter';
import { CONNECTION_KINDS, EngineError } from './errors';
import { EngineClient } from './client';
import { EngineEventStream, type BackoffOptions } from './eventStream';
import { watchSocketFile } from './socketWatch';
import type { EngineVersion } from './types';

export type EngineFailureKind = 'unreachable' | 'permission' | 'tls' | 'hostKey' | 'timeout' | 'failed';

export type EngineState =
  | { kind: 'connecting' }
  | { kind: 'connected'; version: EngineVersion | undefined }
  | { kind: EngineFailureKind; error: EngineError };

export function failureKind(error: EngineError): EngineFailureKind {
  return CONNECTION_KINDS.has(error.kind) ? (error.kind as EngineFailureKind) : 'failed';
}

export interface EngineConnectionOptions {
  requestTimeoutMs: number;
  backoff?: BackoffOptions;
  log?: (message: string) => void;
}

export class EngineConnection implements Disposable {
  readonly client: EngineClient;
  readonly events: EngineEventStream;
  private readonly stateEmitter = new Emitter<EngineState>();
  private readonly resyncEmitter = new Emitter<void>();
  /** Fires on every state change. */
  readonly onDidChangeState = this.stateEmitter.event;
  /** Fires when views should re-list everything: the first connect and every reconnect. */
  readonly onDidResync = this.resyncEmitter.event;
  private current: EngineState = { kind: 'connecting' };
  private readonly subscriptions: Disposable[] = [];

  constructor(
    readonly endpoint: EngineEndpoint,
    options: EngineConnectionOptions,
  ) {
    const log = options.log ?? (() => undefined);
    this.client = new EngineClient(endpoint, { requestTimeoutMs: options.requestTimeoutMs });
    this.events = new EngineEventStream(this.client, options.backoff, log);
    this.subscriptions.push(
      this.events.onState((s) => {
        if (s.kind === 'connecting') {
          // Keep showing the last failure while retrying, so the view does not flicker.
          if (this.current.kind === 'connected') this.setState({ kind: 'connecting' });
        } else if (s.kind === 'connected') {
          this.setState({ kind: 'connected', version: undefined });
          this.resyncEmitter.fire();
          void this.readVersion();
        } else if (s.kind === 'lost') {
          this.setState({ kind: failureKind(s.error), error: s.error });
        }
      }),
      // A stopping engine keeps its open event stream going for seconds: any sign that nothing
      // listens any more counts as soon as it shows.
      this.client.onNothingListens((error) => this.events.markLost(error)),
    );
    if (endpoint.transport === 'unix' && endpoint.socketPath) this.subscriptions.push(this.watchSocket(endpoint.socketPath));
  }

  private watchSocket(socketPath: string): Disposable {
    return watchSocketFile(socketPath, (present) => {
      if (!present) {
        this.events.markLost(
          new EngineError('unreachable', `The Docker engine's socket ${socketPath} was removed: the engine is stopping or has stopped.`, 'Start Docker again (on Linux: sudo systemctl start docker); Berth reconnects by itself when it is back.'),
        );
      } else if (this.events.state.kind === 'lost') {
        this.events.reconnectNow();
      }
    });
  }

  get state(): EngineState {
    return this.current;
  }

  start(): void {
    this.events.start();
  }

  /** Reconnect now instead of waiting for the backoff. */
  retry(): void {
    this.events.reconnectNow();
  }

  private async readVersion(): Promise<void> {
    try {
      const version = await this.client.version();
      if (this.current.kind === 'connected') this.setState({ kind: 'connected', version });
    } catch {
      // The event stream reports outages; a missing version is cosmetic.
    }
  }

  private setState(state: EngineState): void {
    this.current = state;
    this.stateEmitter.fire(state);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.events.dispose();
    this.client.dispose();
    this.stateEmitter.dispose();
    this.resyncEmitter.dispose();
  }
}
