/**
 * The VS Code side of "Berth: Show Stats": one webview panel, wired to a StatsController. The
 * panel owns everything it starts: closing it ends every stream, its subscriptions and its timer.
 * Only `media/` is reachable from the webview, and every message it sends is validated.
 */
import * as vscode from 'vscode';
import type { EngineState } from '../engine/engineConnection';
import type { EngineSession } from '../engineSession';
import { Config } from '../config';
import { parseWebviewMessage, type EngineStatus } from '../shared/protocol';
import { StatsController } from './statsController';
import { statsEngineOf } from './statsEngine';
import { newNonce, statsHtml } from './statsHtml';
import type { StatsTarget } from './statsSelection';

export function engineStatus(state: EngineState): EngineStatus {
  if (state.kind === 'connected' || state.kind === 'connecting') return { kind: state.kind };
  return { kind: 'unreachable', message: state.error.userMessage };
}

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')] };
}

export class StatsPanel implements vscode.Disposable {
  readonly controller: StatsController;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    session: EngineSession,
    extensionUri: vscode.Uri,
    target: StatsTarget,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const webview = panel.webview;
    webview.options = panelOptions(extensionUri);
    const media = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', file)).toString();
    webview.html = statsHtml({ cspSource: webview.cspSource, nonce: newNonce(), scriptUri: media('stats.js'), styleUri: media('stats.css') });
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'berth.svg');

    this.controller = new StatsController((message) => void webview.postMessage(message), target, { log: (m) => log.debug(m) });
    const attach = (): void => {
      const connection = session.connection;
      this.controller.attach(connection ? statsEngineOf(connection, Config.requestTimeoutMs()) : undefined);
    };
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseWebviewMessage(raw);
        if (message) this.controller.handle(message);
        else log.warn(`stats panel: ignored a message that is not part of the protocol: ${JSON.stringify(raw)?.slice(0, 200)}`);
      }),
      panel.onDidChangeViewState((e) => this.controller.setVisible(e.webviewPanel.visible)),
      session.onDidChangeConnection(() => attach()),
      session.onDidChangeState((state) => this.controller.setEngineStatus(engineStatus(state))),
      panel.onDidDispose(() => this.dispose()),
    );
    session.ensureStarted();
    this.controller.setEngineStatus(engineStatus(session.state));
    attach();
  }

  show(target: StatsTarget): void {
    this.controller.show(target);
    this.panel.reveal(undefined, false);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.controller.dispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    this.log.debug('stats panel closed: every stats stream ended');
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }
}
