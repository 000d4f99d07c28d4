/**
 * The charts' memory: a fixed-size ring of ticks (15 minutes at 1 Hz), and per container one
 * Float64Array slot per tick and chart figure. A tick without a sample for a container stores NaN,
 * which the charts draw as a gap. Memory is bounded: capacity × figures × 8 bytes per container,
 * and a container with nothing left in the window is dropped. Used by the host (to refill a
 * webview that was hidden and rebuilt) and by the webview (to draw). Pure.
 */
import { FigureIndex, type Figure, type FigureRow } from './protocol';

/** The figures the charts draw; the table reads the latest tick's full row instead. */
export const CHART_FIGURES = ['cpuPercent', 'memoryUsed', 'netRxRate', 'netTxRate', 'blockReadRate', 'blockWriteRate', 'pids'] as const satisfies readonly Figure[];
export type ChartFigure = (typeof CHART_FIGURES)[number];
export const ChartIndex = Object.fromEntries(CHART_FIGURES.map((f, i) => [f, i])) as { readonly [F in ChartFigure]: number };
const SOURCE = CHART_FIGURES.map((f) => FigureIndex[f]);
const WIDTH = CHART_FIGURES.length;

/** 15 minutes at one tick a second, and a little room for timer drift. */
export const HISTORY_CAPACITY = 15 * 60 + 30;

interface Series {
  values: Float64Array;
  /** The append count when this container last had a value. */
  lastSeen: number;
}

export interface HistorySnapshot {
  times: number[];
  series: Record<string, FigureRow[]>;
}

export class StatsHistory {
  private readonly times: Float64Array;
  private readonly series = new Map<string, Series>();
  private next = 0;
  private count = 0;
  private appended = 0;

  constructor(readonly capacity = HISTORY_CAPACITY) {
    if (!Number.isSafeInteger(capacity) || capacity < 2) throw new RangeError(`capacity must be an integer ≥ 2, not ${capacity}`);
    this.times = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Ticks from oldest (0) to newest (length − 1). */
  private slot(index: number): number {
    return (this.next - this.count + index + this.capacity) % this.capacity;
  }

  time(index: number): number {
    return index >= 0 && index < this.count ? this.times[this.slot(index)]! : NaN;
  }

  /** The newest tick's time, or NaN when empty. */
  get lastTime(): number {
    return this.time(this.count - 1);
  }

  /** A chart figure of a container at a tick; NaN where there was no sample. */
  value(id: string, figure: number, index: number): number {
    const s = this.series.get(id);
    return s && index >= 0 && index < this.count ? s.values[this.slot(index) * WIDTH + figure]! : NaN;
  }

  /**
   * Adds one figure of a container, ticks `from` to the newest, into `sums` (index 0 = tick
   * `from`), and counts in `present` the ticks that had a value: the charts' inner loop, kept
   * free of per-point calls.
   */
  addInto(id: string, figure: number, from: number, sums: Float64Array, present: Uint16Array): void {
    const s = this.series.get(id);
    if (!s) return;
    const values = s.values;
    let slot = this.slot(Math.max(0, from));
    for (let i = Math.max(0, from); i < this.count; i++) {
      const v = values[slot * WIDTH + figure]!;
      if (v === v) {
        sums[i - from] += v;
        present[i - from]++;
      }
      if (++slot === this.capacity) slot = 0;
    }
  }

  has(id: string): boolean {
    return this.series.has(id);
  }

  ids(): string[] {
    return [...this.series.keys()];
  }

  /** Appends one tick: the containers in `rows` get their figures, every other one a gap. */
  append(time: number, rows: Readonly<Record<string, FigureRow>>): void {
    const last = this.lastTime;
    // Times only go forward, so the window can be found by binary search.
    const at = Number.isFinite(last) && time <= last ? last + 1 : time;
    const slot = this.next;
    this.times[slot] = at;
    for (const [id, row] of Object.entries(rows)) {
      let s = this.series.get(id);
      if (!s) {
        s = { values: new Float64Array(this.capacity * WIDTH).fill(NaN), lastSeen: this.appended };
        this.series.set(id, s);
      }
      s.lastSeen = this.appended;
      for (let f = 0; f < WIDTH; f++) s.values[slot * WIDTH + f] = row[SOURCE[f]!] ?? NaN;
    }
    for (const [id, s] of this.series) {
      if (s.lastSeen === this.appended) continue;
      if (this.appended - s.lastSeen >= this.capacity) {
        this.series.delete(id);
        continue;
      }
      s.values.fill(NaN, slot * WIDTH, slot * WIDTH + WIDTH);
    }
    this.next = (slot + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
    this.appended++;
  }

  /** The index of the first tick at or after `time` (length when none). */
  firstIndexAtOrAfter(time: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.time(mid) < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  forget(id: string): void {
    this.series.delete(id);
  }

  clear(): void {
    this.series.clear();
    this.next = 0;
    this.count = 0;
  }

  /** Plain arrays for a message: per container one array per chart figure, null for gaps. */
  snapshot(): HistorySnapshot {
    const times = Array.from({ length: this.count }, (_, i) => this.time(i));
    const series: Record<string, FigureRow[]> = {};
    for (const id of this.series.keys()) {
      series[id] = CHART_FIGURES.map((_, f) => times.map((__, i) => {
        const v = this.value(id, f, i);
        return Number.isNaN(v) ? null : v;
      }));
    }
    return { times, series };
  }

  /** Replaces the contents with a snapshot (the webview, after the host refills it). */
  load(snapshot: HistorySnapshot): void {
    this.clear();
    const start = Math.max(0, snapshot.times.length - this.capacity);
    for (let i = start; i < snapshot.times.length; i++) {
      const rows: Record<string, FigureRow> = {};
      for (const [id, figures] of Object.entries(snapshot.series)) {
        if (!figures.some((values) => values[i] !== null && values[i] !== undefined)) continue;
        const row: FigureRow = [];
        CHART_FIGURES.forEach((_, f) => (row[SOURCE[f]!] = figures[f]?.[i] ?? null));
        rows[id] = row;
      }
      this.append(snapshot.times[i]!, rows);
    }
  }
}
