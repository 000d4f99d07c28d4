/**
 * A log view in the editor area: a webview panel over a spool file. The host follows the logs
 * into the spool and answers the webview's window and search requests; the webview only ever
 * holds the lines it draws. Closing the panel ends the streams and deletes the spool.
 */
import { newNonce, webviewPage } from '../webviewHost/webviewPage';
import * as vscode from 'vscode';
import type { EngineClient } from '../engine/client';
import { LogFollowSession, scopeTitle, type LogScope } from './logFollowSession';
import { LogMux } from './logMux';
import type { LogSource } from './logRecord';
import { parseViewMessage, sinceSeconds, type HostMessage, type SinceChoice, type ViewMessage } from './logProtocol';
import { LogSpool } from './logSpool';

/** How often, at most, the webview hears that lines arrived. */
const COUNT_INTERVAL_MS = 100;
export const LOG_VIEW_TYPE = 'berth.logs';

export interface LogPanelOptions {
  tail: number | 'all';
  extensionUri: vscode.Uri;
}

export class LogPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private since: SinceChoice = 'tail';
  private spool!: LogSpool;
  private mux!: LogMux;
  private session!: LogFollowSession;
  private ready = false;
  private countTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private readonly closedEmitter = new vscode.EventEmitter<void>();
  /** Fires once the panel is closed and its streams are told to end. */
  readonly onDidClose = this.closedEmitter.event;

  constructor(
    private readonly client: EngineClient,
    readonly scope: LogScope,
    private readonly options: LogPanelOptions,
  ) {
    const roots = [vscode.Uri.joinPath(options.extensionUri, 'media'), vscode.Uri.joinPath(options.extensionUri, 'dist')];
    this.panel = vscode.window.createWebviewPanel(LOG_VIEW_TYPE, `Logs: ${scopeTitle(scope)}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: roots,
      enableFindWidget: false,
    });
    this.panel.webview.html = this.html();
    this.panel.webview.onDidReceiveMessage((m: unknown) => this.receive(parseViewMessage(m)));
    this.panel.onDidDispose(() => this.dispose());
    this.start();
  }

  /** Log and event streams open now (0 once closed and settled). */
  get openStreams(): number {
    return this.session.openStreams;
  }

  get spoolPath(): string {
    return this.spool.path;
  }

  get lineCount(): number {
    return this.spool.lineCount;
  }

  /** The spooled lines `start`…, as records (for tests and the bench). */
  readLines(start: number, count: number): ReturnType<LogSpool['readLines']> {
    return this.spool.readLines(start, count);
  }

  get isEnded(): boolean {
    return this.mux.isEnded;
  }

  /** The view's sources (containers, compose services or swarm tasks), indexed by a record's `source`. */
  get sources(): readonly LogSource[] {
    return this.mux.sources;
  }

  private start(): void {
    this.spool = new LogSpool();
    this.mux = new LogMux(
      (record) => {
        this.spool.append(record);
        this.scheduleCount();
      },
      () => this.postHeader(),
    );
    const since = sinceSeconds(this.since, new Date());
    const tail = this.since === 'tail' ? this.options.tail : 'all';
    this.session = new LogFollowSession(this.client, this.scope, { tail, ...(since ? { since } : {}) }, this.mux);
    void this.session.run().then(() => this.scheduleCount());
  }

  private stop(): void {
    this.session.dispose();
    this.spool.dispose();
  }

  private receive(message: ViewMessage | undefined): void {
    if (!message || this.disposed) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.postHeader();
        this.postCount();
        return;
      case 'window':
        this.post({ type: 'lines', requestId: message.requestId, start: message.start, lines: this.spool.readLines(message.start, message.count).map((l) => ({ ...l.record, truncated: l.truncated })) });
        return;
      case 'search': {
        const spool = this.spool;
        void spool.search(message.query).then(
          (result) => spool === this.spool && this.post({ type: 'searchResult', requestId: message.requestId, query: message.query, ...result }),
          () => undefined,
        );
        return;
      }
      case 'since':
        this.startFrom(message.since);
        return;
    }
  }

  /** Starts the view again from another point ("From" in the toolbar): a new spool, new streams. */
  startFrom(since: SinceChoice): void {
    if (since === this.since || this.disposed) return;
    this.since = since;
    this.stop();
    this.post({ type: 'reset' });
    this.start();
    this.postHeader();
    this.postCount();
  }

  private postHeader(): void {
    if (!this.mux) return;
    this.post({ type: 'header', title: scopeTitle(this.scope), sources: this.mux.sources, drivers: this.mux.drivers, since: this.since, tail: this.options.tail });
  }

  private scheduleCount(): void {
    if (this.countTimer || this.disposed) return;
    this.countTimer = setTimeout(() => {
      this.countTimer = undefined;
      this.postCount();
    }, COUNT_INTERVAL_MS);
  }

  private postCount(): void {
    this.post({ type: 'count', total: this.spool.lineCount, ended: this.mux.isEnded });
  }

  private post(message: HostMessage): void {
    if (this.ready && !this.disposed) void this.panel.webview.postMessage(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    const sources = {
      cspSource: webview.cspSource,
      nonce: newNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.options.extensionUri, 'dist', 'logsView.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.options.extensionUri, 'media', 'logs.css')).toString(),
    };
    return webviewPage(sources, 'Logs', LOG_VIEW_BODY);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.countTimer);
    this.stop();
    this.panel.dispose();
    this.closedEmitter.fire();
    this.closedEmitter.dispose();
  }
}

/** The log view's fixed markup: its toolbar and the virtual-scrolling viewport. */
const LOG_VIEW_BODY = `<header id="toolbar">
  <span id="title"></span>
  <label>From <select id="since" aria-label="How far back">
    <option value="tail">last lines (berth.logs.tail)</option>
    <option value="5m">last 5 minutes</option>
    <option value="1h">last hour</option>
    <option value="24h">last 24 hours</option>
    <option value="all">everything</option>
  </select></label>
  <label><input type="checkbox" id="timestamps"> Timestamps</label>
  <button id="follow" type="button" title="Pause or resume following new lines">Pause</button>
  <input id="search" type="search" placeholder="Search (Enter)" aria-label="Search the logs">
  <button id="prev" type="button" title="Previous match">↑</button>
  <button id="next" type="button" title="Next match">↓</button>
  <span id="matches"></span>
  <span id="driver"></span>
  <span id="status"></span>
</header>
<main id="viewport" tabindex="0"><div id="spacer"></div><div id="rows"></div></main>`;
