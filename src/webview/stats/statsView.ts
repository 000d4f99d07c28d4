/**
 * The stats webview: says `ready`, then draws what the host sends — `state` (containers, picks,
 * engine), `history` (the ring buffer after the panel was hidden) and one `tick` a second. View
 * choices (window, grouping, sort) and the picks are kept with setState, so a hidden-and-shown or
 * reloaded panel comes back as it was while the host holds no stream open for it meanwhile.
 */
import { type FigureRow, type Grouping, type HostMessage, type PanelContainer, type PersistedState, type WebviewMessage } from '../../shared/protocol';
import { StatsHistory } from '../../shared/statsHistory';
import { latestFigures, seriesSpecs, type SeriesSpec } from '../../shared/statsSeries';
import { StatsCharts } from './charts';
import { Controls } from './controls';
import { StatsTable, type TableRow } from './table';
import { onThemeChange, readTheme, seriesStyle } from './theme';

export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}

type HostState = Extract<HostMessage, { type: 'state' }>;

/** A value goes blank when no sample came for this long (docker stats's rule). */
const STALE_MS = 2000;

const STATUS_TEXT: Record<string, string> = {
  live: 'live',
  opening: 'starting…',
  silent: 'no sample for 2 s',
  stopped: 'stopped',
  removed: 'removed',
  failed: 'no stream',
  idle: 'paused',
};

export class StatsView {
  private host: HostState | undefined;
  private readonly history = new StatsHistory();
  private lastTick: { time: number; rows: Record<string, FigureRow>; receivedAt: number } | undefined;
  private theme = readTheme();
  private themeChanged = true;
  private readonly colours = new Map<string, number>();
  private renderQueued = false;
  private readonly renderMs: number[] = [];
  private readonly charts: StatsCharts;
  private readonly table: StatsTable;
  private readonly controls: Controls;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: VsCodeApi,
    private prefs: PersistedState,
  ) {
    this.controls = new Controls(root, {
      pause: (paused) => this.api.postMessage({ type: 'pause', paused }),
      window: (minutes) => this.setPrefs({ windowMinutes: minutes }),
      grouping: (grouping: Grouping) => this.setPrefs({ grouping }),
      pick: (id) => this.api.postMessage({ type: 'pick', ids: [id], picked: true }),
    });
    this.charts = new StatsCharts(root);
    this.table = new StatsTable(
      root,
      (column) => this.setPrefs({ sort: { column, descending: this.prefs.sort.column === column ? !this.prefs.sort.descending : column !== 'name' && column !== 'status' } }),
      (members) => this.api.postMessage({ type: 'pick', ids: members, picked: false }),
    );
  }

  start(): void {
    window.addEventListener('message', (event: MessageEvent<HostMessage>) => this.receive(event.data));
    onThemeChange(() => {
      this.theme = readTheme();
      this.themeChanged = true;
      this.queueRender();
    });
    // Blank the table when ticks stop coming (the last container stopped, the engine went away).
    setInterval(() => {
      if (this.lastTick && !this.host?.paused && Date.now() - this.lastTick.receivedAt > STALE_MS) this.queueRender();
    }, 1000);
    this.api.postMessage({ type: 'ready' });
  }

  private receive(message: HostMessage): void {
    switch (message?.type) {
      case 'state':
        this.host = message;
        this.setPrefs({ picked: message.picked, follow: message.follow, paused: message.paused });
        this.root.setAttribute('aria-busy', 'false');
        break;
      case 'history':
        this.history.load(message);
        break;
      case 'tick':
        this.history.append(message.time, message.rows);
        this.lastTick = { time: message.time, rows: message.rows, receivedAt: Date.now() };
        break;
      case 'reportRender':
        this.reportRender();
        return;
      default:
        return;
    }
    this.queueRender();
  }

  private setPrefs(change: Partial<PersistedState>): void {
    this.prefs = { ...this.prefs, ...change };
    this.api.setState(this.prefs);
    this.queueRender();
  }

  private queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      const started = performance.now();
      this.render();
      this.renderMs.push(performance.now() - started);
      if (this.renderMs.length > 600) this.renderMs.shift();
    });
  }

  private render(): void {
    const host = this.host;
    if (!host) return;
    const specs = seriesSpecs(host.containers, host.picked, this.prefs.grouping);
    for (const spec of specs) if (!this.colours.has(spec.key)) this.colours.set(spec.key, this.colours.size);
    const now = this.lastTick?.time ?? Date.now();
    this.controls.render(host, this.prefs);
    this.charts.render(specs, this.colours, this.history, this.prefs.windowMinutes * 60_000, now, host.tickMs * 2.5, this.theme, this.themeChanged);
    this.themeChanged = false;
    this.root.dataset.theme = this.theme.kind;
    this.table.render(this.tableRows(host, specs), this.prefs.sort, host.platform);
  }

  private tableRows(host: HostState, specs: readonly SeriesSpec[]): TableRow[] {
    const byId = new Map(host.containers.map((c) => [c.id, c]));
    const tick = this.lastTick;
    const fresh = tick && (host.paused || Date.now() - tick.receivedAt <= STALE_MS) ? tick.rows : {};
    return specs.map((spec) => {
      const members = spec.members.map((id) => byId.get(id)).filter((c): c is PanelContainer => c !== undefined);
      const figures = latestFigures(spec, fresh, host.engineMemory);
      const { text, kind } = statusOf(members, figures !== undefined);
      return { key: spec.key, label: spec.label, colour: seriesStyle(this.theme, this.colours.get(spec.key) ?? 0).stroke, members: spec.members, figures, status: text, statusKind: kind };
    });
  }

  private reportRender(): void {
    const sorted = [...this.renderMs].sort((a, b) => a - b);
    const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
    this.api.postMessage({ type: 'renderReport', renders: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1] ?? 0 });
    // The next report covers only what comes after this one.
    this.renderMs.length = 0;
  }
}

/** A series' status in words: one container's own, or how many of a group's are live. */
function statusOf(members: readonly PanelContainer[], hasValues: boolean): { text: string; kind: string } {
  if (members.length === 1) {
    const c = members[0]!;
    const kind = c.status === 'live' && !hasValues ? 'silent' : c.status;
    const text = kind === 'stopped' ? c.state : kind === 'failed' && c.message ? c.message : (STATUS_TEXT[kind] ?? kind);
    return { text: c.state === 'paused' && kind === 'live' ? 'live (container paused)' : text, kind };
  }
  const live = members.filter((c) => c.status === 'live').length;
  return { text: `${live} of ${members.length} live`, kind: live > 0 ? 'live' : (members[0]?.status ?? 'stopped') };
}
