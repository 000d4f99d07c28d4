/**
 * The five charts (CPU, memory, network, block I/O, PIDs), one uPlot each, all series in every
 * chart. Network and block I/O are mirrored: received / read above the axis, sent / written below,
 * one colour per series. A chart is rebuilt only when its series or the theme change; otherwise
 * each tick is one setData. Each chart's aria-label says the latest values in words.
 */
import uPlot from 'uplot';
import { bytesSize, humanRate } from '../../shared/dockerFormat';
import { ChartIndex, type StatsHistory } from '../../shared/statsHistory';
import { chartColumns, type SeriesSpec } from '../../shared/statsSeries';
import { seriesStyle, type Theme } from './theme';

interface ChartDef {
  id: string;
  title: string;
  caption: string;
  figures: { index: number; sign: 1 | -1 }[];
  /** A value in the readout and the description. */
  format: (value: number) => string;
  /** A y-axis label: short. */
  tick: (value: number) => string;
  /** Steps for the y axis: binary for memory, so the lines fall on 256 MiB rather than 268.4 MB. */
  incrs: number[];
}

const steps = (base: number): number[] => [1, 2, 5].flatMap((m) => Array.from({ length: 7 }, (_, k) => m * base ** k)).sort((a, b) => a - b);
const DECIMAL_STEPS = [1, 2, 5].flatMap((m) => Array.from({ length: 13 }, (_, k) => m * 10 ** k)).sort((a, b) => a - b);
const BINARY_STEPS = [...new Set([...steps(1024), ...[1, 2, 4, 8, 16, 32, 64, 128, 256, 512].flatMap((m) => [m * 1024, m * 1024 ** 2, m * 1024 ** 3])])].sort((a, b) => a - b);
const PERCENT_STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 400, 800, 1600, 3200];

/** "40 MiB", "1.5 kB/s": three significant digits at most, a space before the unit. */
function compact(value: number, base: number, units: readonly string[]): string {
  let v = Math.abs(value);
  let i = 0;
  while (v >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  return `${Number(v.toPrecision(3))} ${units[i]}`;
}
const BIN = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
const DEC = ['B/s', 'kB/s', 'MB/s', 'GB/s', 'TB/s'];

/** A rate chart with one figure above the axis and its counterpart below. */
function mirroredRate(id: string, title: string, caption: string, up: number, down: number): ChartDef {
  return {
    id,
    title,
    caption,
    figures: [{ index: up, sign: 1 }, { index: down, sign: -1 }],
    format: (v) => humanRate(Math.abs(v)),
    tick: (v) => compact(v, 1000, DEC),
    incrs: DECIMAL_STEPS,
  };
}

const percent = (v: number): string => `${v.toFixed(Math.abs(v) < 10 ? 1 : 0)}%`;
const CHARTS: ChartDef[] = [
  { id: 'cpu', title: 'CPU', caption: '100% = one CPU, as docker stats', figures: [{ index: ChartIndex.cpuPercent, sign: 1 }], format: percent, tick: (v) => `${Number(v.toPrecision(3))}%`, incrs: PERCENT_STEPS },
  { id: 'memory', title: 'Memory', caption: 'used, without inactive file cache', figures: [{ index: ChartIndex.memoryUsed, sign: 1 }], format: bytesSize, tick: (v) => compact(v, 1024, BIN), incrs: BINARY_STEPS },
  mirroredRate('network', 'Network', '▲ received  ▼ sent, per second', ChartIndex.netRxRate, ChartIndex.netTxRate),
  mirroredRate('block', 'Block I/O', '▲ read  ▼ written, per second', ChartIndex.blockReadRate, ChartIndex.blockWriteRate),
  { id: 'pids', title: 'PIDs', caption: 'processes and threads', figures: [{ index: ChartIndex.pids, sign: 1 }], format: (v) => String(Math.round(v)), tick: (v) => String(v), incrs: DECIMAL_STEPS },
];

const HEIGHT = 140;
/** Every chart's y axis is as wide, so the plots line up. */
const Y_AXIS_WIDTH = 76;

/** Formatters made once: building one per label costs more than drawing the chart. */
const CLOCK = {
  seconds: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
  minutes: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
};

/** Clock time on the x axis, one line: seconds only where the window is short enough to need them. */
function timeTicks(windowMs: () => number): uPlot.Axis.Values {
  return (_u, ticks) => {
    const clock = windowMs() <= 5 * 60_000 ? CLOCK.seconds : CLOCK.minutes;
    return ticks.map((t) => clock.format(t * 1000));
  };
}

/** A y range that starts at zero (or is symmetric around it for mirrored charts) with a little headroom. */
function yRange(mirrored: boolean): uPlot.Range.Function {
  return (_u, min, max) => {
    const top = Math.max(max ?? 0, 0);
    const bottom = Math.min(min ?? 0, 0);
    if (!mirrored) return [0, top > 0 ? top * 1.1 : 1];
    const span = Math.max(top, -bottom, 1);
    return [-span * 1.1, span * 1.1];
  };
}

class Chart {
  private plot: uPlot | undefined;
  private builtFor = '';
  private readonly plotHost: HTMLElement;
  private readonly readout: HTMLElement;
  private specs: readonly SeriesSpec[] = [];
  private windowMs = 5 * 60_000;
  /** Off screen (scrolled away): not drawn until it shows again. */
  private onScreen = true;
  private pending: (() => void) | undefined;
  private pendingRebuild = false;

  constructor(
    private readonly def: ChartDef,
    parent: HTMLElement,
  ) {
    const figure = document.createElement('figure');
    figure.className = 'chart';
    figure.dataset.chart = def.id;
    const caption = document.createElement('figcaption');
    const title = document.createElement('span');
    title.className = 'chart-title';
    title.textContent = def.title;
    const note = document.createElement('span');
    note.className = 'chart-note';
    note.textContent = def.caption;
    this.readout = document.createElement('span');
    this.readout.className = 'chart-readout';
    caption.append(title, note, this.readout);
    this.plotHost = document.createElement('div');
    this.plotHost.className = 'chart-plot';
    this.plotHost.setAttribute('role', 'img');
    figure.append(caption, this.plotHost);
    parent.append(figure);
    new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: HEIGHT })).observe(this.plotHost);
    new IntersectionObserver((entries) => {
      this.onScreen = entries.some((e) => e.isIntersecting);
      if (this.onScreen && this.pending) {
        const draw = this.pending;
        this.pending = undefined;
        draw();
      }
    }).observe(figure);
  }

  private width(): number {
    return Math.max(200, this.plotHost.clientWidth);
  }

  private build(specs: readonly SeriesSpec[], colours: ReadonlyMap<string, number>, theme: Theme): void {
    this.plot?.destroy();
    const mirrored = this.def.figures.length > 1;
    const series: uPlot.Series[] = [{}];
    for (const figure of this.def.figures) {
      for (const spec of specs) {
        const style = seriesStyle(theme, colours.get(spec.key) ?? 0);
        series.push({
          label: spec.label,
          stroke: style.stroke,
          // Whole-pixel lines: a fractional width makes software rasterizing (no GPU) several times slower.
          width: 1,
          ...(style.dash ? { dash: style.dash } : {}),
          // The mirrored half (sent, written) is drawn a little lighter.
          ...(figure.sign < 0 ? { alpha: 0.7 } : {}),
          spanGaps: false,
          points: { show: false },
        });
      }
    }
    const axis = (extra: uPlot.Axis): uPlot.Axis => ({
      stroke: theme.muted,
      font: theme.font,
      grid: { stroke: theme.grid, width: 1 },
      ticks: { stroke: theme.grid, width: 1, size: 4 },
      ...extra,
    });
    this.plot = new uPlot(
      {
        width: this.width(),
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { size: 6 } },
        scales: { x: { time: true }, y: { range: yRange(mirrored) } },
        axes: [
          axis({ values: timeTicks(() => this.windowMs), size: 28, space: 70 }),
          axis({ values: (_u, ticks) => ticks.map((t) => this.def.tick(t)), size: Y_AXIS_WIDTH, incrs: this.def.incrs, space: 28 }),
        ],
        series,
        hooks: { setCursor: [(u) => this.showReadout(u)] },
      },
      [[]],
      this.plotHost,
    );
  }

  /** The values under the pointer: its time and the largest few series. */
  private showReadout(u: uPlot): void {
    const i = u.cursor.idx;
    if (i === null || i === undefined || u.data[0][i] === undefined) {
      this.readout.textContent = '';
      return;
    }
    const at = new Date(u.data[0][i]! * 1000).toLocaleTimeString();
    const values = this.specs.map((spec, s) => ({ label: spec.label, v: u.data[s + 1]?.[i] })).filter((x): x is { label: string; v: number } => typeof x.v === 'number');
    values.sort((a, b) => Math.abs(b.v) - Math.abs(a.v));
    this.readout.textContent = `${at}  ${values.slice(0, 3).map((x) => `${x.label} ${this.def.format(x.v)}`).join(' · ')}`;
  }

  render(specs: readonly SeriesSpec[], colours: ReadonlyMap<string, number>, history: StatsHistory, windowMs: number, now: number, gapMs: number, theme: Theme, themeChanged: boolean): void {
    if (!this.onScreen) {
      const rebuild = themeChanged || this.pendingRebuild;
      this.pendingRebuild = rebuild;
      this.pending = () => {
        this.pendingRebuild = false;
        this.render(specs, colours, history, windowMs, now, gapMs, theme, rebuild);
      };
      return;
    }
    const key = specs.map((s) => `${s.key}:${colours.get(s.key)}`).join('|');
    if (!this.plot || key !== this.builtFor || themeChanged) {
      this.build(specs, colours, theme);
      this.builtFor = key;
    }
    this.specs = specs;
    this.windowMs = windowMs;
    const data: (number | null)[][] = [];
    let x: number[] = [];
    for (const figure of this.def.figures) {
      const columns = chartColumns(history, specs, figure.index, windowMs, now, gapMs, figure.sign);
      x = columns.x;
      data.push(...columns.ys);
    }
    const plot = this.plot!;
    plot.batch(() => {
      plot.setData([x, ...data] as uPlot.AlignedData);
      plot.setScale('x', { min: (now - windowMs) / 1000, max: now / 1000 });
    });
    this.plotHost.dataset.points = String(x.length);
    this.describe(specs, data);
  }

  /** The latest value of every series in words, for screen readers (and the UI test). */
  private describe(specs: readonly SeriesSpec[], data: (number | null)[][]): void {
    const latest = specs.map((spec, s) => {
      const ys = data[s] ?? [];
      for (let i = ys.length - 1; i >= 0; i--) if (ys[i] !== null) return `${spec.label} ${this.def.format(ys[i]!)}`;
      return `${spec.label} no sample`;
    });
    this.plotHost.setAttribute('aria-label', `${this.def.title}: ${latest.length > 0 ? latest.join(', ') : 'nothing shown'}`);
  }
}

export class StatsCharts {
  private readonly charts: Chart[];

  constructor(parent: HTMLElement) {
    const grid = document.createElement('section');
    grid.className = 'charts';
    grid.setAttribute('aria-label', 'Charts');
    parent.append(grid);
    this.charts = CHARTS.map((def) => new Chart(def, grid));
  }

  render(specs: readonly SeriesSpec[], colours: ReadonlyMap<string, number>, history: StatsHistory, windowMs: number, now: number, gapMs: number, theme: Theme, themeChanged: boolean): void {
    for (const chart of this.charts) chart.render(specs, colours, history, windowMs, now, gapMs, theme, themeChanged);
  }
}
