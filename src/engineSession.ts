/**
 * The VS Code side of "which engine, and is it up": resolves the endpoint from settings,
 * env and docker contexts, owns the one EngineConnection, and replaces it when the user
 * switches engine. Everything that lives only while an engine is connected hangs off the
 * connection's scope (`onEachConnection`), which ends with it.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { Config } from './config';
import { ContextKeys } from './ids';
import type { EngineEndpoint } from './engine/endpoint';
import { ConnectionScope } from './engine/connectionScope';
import { EngineError } from './engine/errors';
import { EngineConnection, type EngineState } from './engine/engineConnection';
import { resolveEndpoint } from './engine/resolveEndpoint';

/** What "Switch Engine" stores for this workspace only. */
export type EngineChoice = { host: string } | { context: string };
const CHOICE_KEY = 'berth.engineChoice';

export class EngineSession implements vscode.Disposable {
  private connectionValue: EngineConnection | undefined;
  private scope: ConnectionScope | undefined;
  private readonly attachers = new Set<(scope: ConnectionScope) => void>();
  private stateValue: EngineState = { kind: 'connecting' };
  private started = false;
  private readonly stateEmitter = new vscode.EventEmitter<EngineState>();
  private readonly connectionEmitter = new vscode.EventEmitter<EngineConnection | undefined>();
  readonly onDidChangeState = this.stateEmitter.event;
  readonly onDidChangeConnection = this.connectionEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly workspaceState: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.stateEmitter,
      this.connectionEmitter,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (Config.affectsEngine(e) && this.started) this.reconnect();
      }),
      // Once trusted, the workspace's own berth.host and berth.context count (Config ignores them before).
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        if (this.started) this.reconnect();
      }),
    );
    void vscode.commands.executeCommand('setContext', ContextKeys.engineState, 'connecting');
  }

  get state(): EngineState {
    return this.stateValue;
  }

  get connection(): EngineConnection | undefined {
    return this.connectionValue;
  }

  get engineChoice(): EngineChoice | undefined {
    return this.workspaceState.get<EngineChoice>(CHOICE_KEY);
  }

  /**
   * Calls `attach` with the scope of the current connection and of every later one. What `attach`
   * adds to the scope is disposed when that connection goes (engine switch, settings change).
   */
  onEachConnection(attach: (scope: ConnectionScope) => void): vscode.Disposable {
    this.attachers.add(attach);
    if (this.scope) attach(this.scope);
    return new vscode.Disposable(() => this.attachers.delete(attach));
  }

  /** Connects on first need (a visible view, a command), so activation stays cheap. */
  ensureStarted(): void {
    if (this.started) return;
    this.started = true;
    this.reconnect();
  }

  /** The connection, or an EngineError that says why there is none. */
  requireConnection(): EngineConnection {
    this.ensureStarted();
    const state = this.stateValue;
    if (!this.connectionValue) {
      throw state.kind !== 'connecting' && state.kind !== 'connected'
        ? state.error
        : new EngineError('unreachable', 'Berth is not connected to a Docker engine.', 'Start Docker or switch engine.');
    }
    return this.connectionValue;
  }

  async switchEngine(choice: EngineChoice | undefined): Promise<void> {
    await this.workspaceState.update(CHOICE_KEY, choice);
    this.started = true;
    this.reconnect();
  }

  /** Skips the backoff wait; re-resolves the endpoint if resolving failed before. */
  retry(): void {
    if (!this.connectionValue) {
      this.started = true;
      this.reconnect();
    } else {
      this.connectionValue.retry();
    }
  }

  private resolve(): EngineEndpoint {
    return resolveEndpoint({
      workspaceChoice: this.engineChoice,
      hostSetting: Config.host(),
      contextSetting: Config.context(),
      env: process.env,
      home: os.homedir(),
      platform: process.platform,
    });
  }

  private reconnect(): void {
    this.teardown();
    let endpoint: EngineEndpoint;
    try {
      endpoint = this.resolve();
    } catch (error) {
      const message = (error as Error).message;
      this.log.error(`cannot resolve the Docker engine: ${message}`);
      this.setState({ kind: 'failed', error: new EngineError('unknown', message, 'Fix berth.host, DOCKER_HOST or the docker context, or use "Berth: Switch Engine".') });
      this.connectionEmitter.fire(undefined);
      return;
    }
    this.log.info(`engine: ${endpoint.host} (from ${endpoint.source}${endpoint.source === 'context' ? ` "${endpoint.contextName}"` : ''})`);
    const connection = new EngineConnection(endpoint, {
      requestTimeoutMs: Config.requestTimeoutMs(),
      log: (m) => this.log.debug(m),
    });
    const scope = new ConnectionScope(connection);
    scope.add(connection);
    scope.add(connection.onDidChangeState((s) => this.setState(s)));
    this.connectionValue = connection;
    this.scope = scope;
    this.setState({ kind: 'connecting' });
    this.connectionEmitter.fire(connection);
    for (const attach of this.attachers) {
      try {
        attach(scope);
      } catch (error) {
        this.log.error(`attaching to the engine failed: ${String(error)}`);
      }
    }
    connection.start();
  }

  private setState(state: EngineState): void {
    const changedKind = state.kind !== this.stateValue.kind;
    this.stateValue = state;
    if (changedKind) {
      if (state.kind !== 'connected' && state.kind !== 'connecting') this.log.warn(state.error.userMessage);
      void vscode.commands.executeCommand('setContext', ContextKeys.engineState, state.kind);
    }
    this.stateEmitter.fire(state);
  }

  private teardown(): void {
    this.scope?.dispose();
    this.scope = undefined;
    this.connectionValue = undefined;
  }

  dispose(): void {
    this.teardown();
    for (const d of this.disposables) d.dispose();
  }
}
