/**
 * Security badges on container rows. A tree item has no badge of its own, so each container row
 * carries a `berth-container:/<id>` resource URI and this provider decorates it: one or two letters,
 * a colour for the worst finding, and a line per finding in the decoration's tooltip. VS Code asks
 * only for the rows it draws, and the cache reads inspect once per container start.
 */
import * as vscode from 'vscode';
import { inspectContainer } from '../../engine/inspect';
import type { ConnectionScope } from '../../engine/connectionScope';
import type { EngineSession } from '../../engineSession';
import { SecurityBadgeCache } from '../../inspect/securityBadgeCache';
import { badgeDecoration, type BadgeDecoration } from '../../inspect/securityBadges';
import { Config } from '../../config';
import { CONTAINER_ROW_SCHEME, containerRowUri } from './containerPresentation';

const SECURITY_BADGES_SETTING = 'berth.containers.securityBadges';

const COLOURS: Record<BadgeDecoration['severity'], vscode.ThemeColor | undefined> = {
  danger: new vscode.ThemeColor('list.errorForeground'),
  warning: new vscode.ThemeColor('list.warningForeground'),
  // Root alone is most containers: a letter, but no colour shouting over the others.
  note: undefined,
};

/** Starts bring new privileges; destroy frees the entry. */
const FORGET_ON = new Set(['start', 'destroy']);

export class SecurityDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private cache: SecurityBadgeCache | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(session: EngineSession) {
    this.disposables.push(
      this.changed,
      vscode.window.registerFileDecorationProvider(this),
      session.onEachConnection((scope) => this.attach(scope)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECURITY_BADGES_SETTING)) this.changed.fire(undefined);
      }),
    );
  }

  async provideFileDecoration(uri: vscode.Uri, token: vscode.CancellationToken): Promise<vscode.FileDecoration | undefined> {
    const cache = this.cache;
    if (uri.scheme !== CONTAINER_ROW_SCHEME || !cache || !Config.securityBadges()) return undefined;
    const id = uri.path.slice(1);
    const badges = cache.peek(id) ?? (await cache.load(id));
    if (token.isCancellationRequested) return undefined;
    const decoration = badgeDecoration(badges);
    if (!decoration) return undefined;
    return { badge: decoration.badge, tooltip: decoration.tooltip, color: COLOURS[decoration.severity], propagate: false };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** A cache per connection: ids mean nothing on another engine. */
  private attach(scope: ConnectionScope): void {
    const { connection } = scope;
    const cache = new SecurityBadgeCache((id) => inspectContainer(connection.client, id));
    this.cache = cache;
    scope.add(
      connection.events.onEvent((event) => {
        if (event.type !== 'container' || !FORGET_ON.has(event.action)) return;
        cache.forget(event.id);
        this.changed.fire(vscode.Uri.parse(containerRowUri(event.id), true));
      }),
    );
    scope.onDispose(() => {
      cache.clear();
      if (this.cache === cache) this.cache = undefined;
      this.changed.fire(undefined);
    });
    this.changed.fire(undefined);
  }
}
