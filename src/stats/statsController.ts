/**
 * The stats panel's host side, without VS Code: it lists containers, keeps one stats stream per
 * container the webview shows — only while the webview is visible, ready and not paused — and
 * once per tick posts one batch with every shown container's latest figures. Stream lifetime
 * follows what is shown: unpicking, a stop, a removal, hiding, pausing or closing the panel
 * ends streams at once. The webview hears nothing before its `ready`. Pure: no vscode.
 */
import { Emitter, type Disposable } from '../engine/emitter';
import type { EngineEvent } from '../engine/types';
import type { EngineStatus, FigureRow, HostMessage, WebviewMessage } from '../shared/protocol';
import { StatsHistory } from '../shared/statsHistory';
import type { StatsEngine } from './statsEngine';
import { StatsSelection, type StatsTarget } from './statsSelection';
import { StatsStreams } from './statsStreams';

/** Container actions after which the listing is read again. */
const CONTAINER_ACTIONS = new Set(['create', 'start', 'restart', 'die', 'stop', 'kill', 'pause', 'unpause', 'destroy', 'rename', 'update']);

export interface StatsControllerOptions {
  tickMs?: number;
  now?: () => number;
  log?: (message: string) => void;
  /** How long events are gathered before the containers they name are listed again. */
  relistDelayMs?: number;
}

export class StatsController implements Disposable {
  private engine: StatsEngine | undefined;
  private engineSubscriptions: Disposable[] = [];
  private streams: StatsStreams | undefined;
  private readonly selection: StatsSelection;
  private readonly history = new StatsHistory();
  private engineStatus: EngineStatus = { kind: 'connecting' };
  private engineMemoryBytes = 0;
  private visible = true;
  private ready = false;
  private paused = false;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private stateTimer: ReturnType<typeof setTimeout> | undefined;
  private relistTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly relistIds = new Set<string>();
  private disposed = false;
  private readonly postedEmitter = new Emitter<HostMessage>();
  private readonly renderEmitter = new Emitter<Extract<WebviewMessage, { type: 'renderReport' }>>();
  /** Every message posted to the webview (tests and the benchmark count them). */
  readonly onDidPost = this.postedEmitter.event;
  readonly onRenderReport = this.renderEmitter.event;
  private readonly tickMs: number;
  private readonly now: () => number;

  constructor(
    private readonly post: (message: HostMessage) => void,
    target: StatsTarget,
    private readonly options: StatsControllerOptions = {},
  ) {
    this.tickMs = options.tickMs ?? 1000;
    this.now = options.now ?? Date.now;
    this.selection = new StatsSelection(target);
    this.paused = target.kind === 'restore' && target.paused;
  }

  /** How many stats responses are open now. */
  get openStreams(): number {
    return this.streams?.openCount ?? 0;
  }

  /** Serves another engine, or none (all streams end; the picked containers are forgotten). */
  attach(engine: StatsEngine | undefined): void {
    for (const d of this.engineSubscriptions) d.dispose();
    this.engineSubscriptions = [];
    this.streams?.dispose();
    this.streams = undefined;
    this.history.clear();
    if (this.engine && engine !== this.engine) this.selection.reset(this.selection.currentTarget());
    this.engine = engine;
    if (!engine) return this.refresh();
    const streams = new StatsStreams({ open: (id, signal) => engine.openStats(id, signal) }, { platform: () => engine.platform(), now: this.now, log: this.options.log });
    this.streams = streams;
    this.engineSubscriptions.push(
      streams.onChange(() => this.queueState()),
      engine.onEvent((e) => this.onEngineEvent(e)),
      engine.onDidResync(() => {
        this.streams?.retryNow();
        void this.relistAll();
      }),
    );
    void engine.engineMemory().then(
      (bytes) => {
        this.engineMemoryBytes = bytes ?? 0;
        this.queueState();
      },
      () => undefined,
    );
    void this.relistAll();
  }

  setEngineStatus(status: EngineStatus): void {
    this.engineStatus = status;
    this.queueState();
  }

  /** Hidden: the webview is torn down, so streams end; it says `ready` again when shown. */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (!visible) this.ready = false;
    else void this.relistAll();
    this.refresh();
  }

  show(target: StatsTarget): void {
    this.selection.show(target);
    void this.relistAll();
  }

  handle(message: WebviewMessage): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.postNow(this.stateMessage());
        this.postNow({ type: 'history', ...this.history.snapshot() });
        break;
      case 'pick':
        this.selection.pick(message.ids, message.picked);
        for (const id of message.ids) if (!message.picked) this.history.forget(id);
        break;
      case 'pause':
        this.paused = message.paused;
        break;
      case 'renderReport':
        this.renderEmitter.fire(message);
        return;
    }
    this.refresh();
  }

  private sampling(): boolean {
    return this.visible && this.ready && !this.paused && this.engine !== undefined;
  }

  /** Opens and closes streams to match what is shown, starts or stops the tick, and tells the webview. */
  private refresh(): void {
    if (this.disposed) return;
    const wanted = this.sampling() ? this.selection.sampled() : [];
    this.streams?.want(wanted);
    for (const id of wanted) this.streams?.reopen(id);
    if (wanted.length > 0 && !this.tickTimer) this.tickTimer = setInterval(() => this.tick(), this.tickMs);
    if (wanted.length === 0 && this.tickTimer) {
      clearInterval(this.tickTimer);
      this.tickTimer = undefined;
    }
    this.queueState();
  }

  private tick(): void {
    const streams = this.streams;
    if (!streams) return;
    streams.checkSilence();
    const rows: Record<string, FigureRow> = {};
    for (const id of streams.wanted) {
      const reading = streams.latest(id);
      if (reading) rows[id] = reading.row;
    }
    const time = this.now();
    this.history.append(time, rows);
    this.postNow({ type: 'tick', time, rows });
  }

  private onEngineEvent(event: EngineEvent): void {
    if (event.type !== 'container' || !CONTAINER_ACTIONS.has(event.action) || !/^[0-9a-f]{64}$/.test(event.id)) return;
    if (!this.visible) return; // Listed again when shown.
    this.relistIds.add(event.id);
    this.relistTimer ??= setTimeout(() => void this.relistNamed(), this.options.relistDelayMs ?? 50);
  }

  private async relistNamed(): Promise<void> {
    this.relistTimer = undefined;
    const ids = [...this.relistIds];
    this.relistIds.clear();
    const engine = this.engine;
    if (!engine || ids.length === 0) return;
    try {
      const list = await engine.listContainers(ids);
      if (engine !== this.engine) return;
      this.selection.update(ids, list);
      this.refresh();
    } catch (error) {
      this.options.log?.(`stats: listing changed containers failed: ${(error as Error).message}`);
    }
  }

  private async relistAll(): Promise<void> {
    const engine = this.engine;
    if (!engine || !this.visible) return;
    try {
      const list = await engine.listContainers();
      if (engine !== this.engine || this.disposed) return;
      this.selection.setAll(list);
      this.refresh();
    } catch (error) {
      this.options.log?.(`stats: listing containers failed: ${(error as Error).message}`);
    }
  }

  private stateMessage(): HostMessage {
    const streams = this.streams;
    const sampling = this.sampling();
    return {
      type: 'state',
      engine: this.engineStatus,
      platform: this.engine?.platform() ?? 'linux',
      engineMemory: this.engineMemoryBytes,
      containers: this.selection.panelContainers((id) => (sampling && streams?.status(id)) || { status: sampling ? 'opening' : 'idle' }),
      picked: this.selection.pickedIds,
      follow: this.selection.followRule,
      paused: this.paused,
      tickMs: this.tickMs,
    };
  }

  /** State changes come in bursts (30 streams opening): one message per burst. */
  private queueState(): void {
    if (!this.ready || this.stateTimer || this.disposed) return;
    this.stateTimer = setTimeout(() => {
      this.stateTimer = undefined;
      if (this.ready && !this.disposed) this.postNow(this.stateMessage());
    }, 50);
  }

  private postNow(message: HostMessage): void {
    if (!this.ready || this.disposed) return;
    this.post(message);
    this.postedEmitter.fire(message);
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.tickTimer);
    clearTimeout(this.stateTimer);
    clearTimeout(this.relistTimer);
    for (const d of this.engineSubscriptions) d.dispose();
    this.streams?.dispose();
    this.postedEmitter.dispose();
    this.renderEmitter.dispose();
  }
}
