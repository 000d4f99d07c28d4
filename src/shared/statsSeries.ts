/**
 * From picked containers to what the panel draws: one series per container, or a compose
 * project's containers summed per service or per project; chart columns for a time window with
 * gaps where samples are missing; and a series' latest figures for the table. Pure.
 */
import { FigureIndex, FIGURES, type FigureRow, type Grouping, type PanelContainer } from './protocol';
import type { StatsHistory } from './statsHistory';

export interface SeriesSpec {
  /** Stable across ticks: a container id, or `service:` / `project:` plus the compose names. */
  key: string;
  label: string;
  /** The container ids summed into this series. */
  members: string[];
}

const byLabel = (a: SeriesSpec, b: SeriesSpec): number => a.label.localeCompare(b.label) || a.key.localeCompare(b.key);

/** The series for the picked containers; containers outside compose are always their own. */
export function seriesSpecs(containers: readonly PanelContainer[], picked: readonly string[], grouping: Grouping): SeriesSpec[] {
  const wanted = new Set(picked);
  const groups = new Map<string, SeriesSpec>();
  for (const c of containers) {
    if (!wanted.has(c.id)) continue;
    let key = c.id;
    let label = c.name;
    if (grouping === 'project' && c.project !== undefined) {
      key = `project:${c.project}`;
      label = c.project;
    } else if (grouping === 'service' && c.project !== undefined) {
      key = `service:${JSON.stringify([c.project, c.service ?? ''])}`;
      label = `${c.project} / ${c.service ?? '?'}`;
    }
    const group = groups.get(key);
    if (group) group.members.push(c.id);
    else groups.set(key, { key, label, members: [c.id] });
  }
  return [...groups.values()].sort(byLabel);
}

/** Data for one chart: x in seconds (uPlot's unit), one y array per series, null for a gap. */
export interface ChartColumns {
  x: number[];
  ys: (number | null)[][];
}

/**
 * The window [now − windowMs, now] of one chart figure, members summed (null only when no member
 * had a sample). A tick further than `gapMs` from the previous one gets a null point in between,
 * so time when nothing was sampled (panel hidden or paused) shows as a gap, not a straight line.
 */
export function chartColumns(history: StatsHistory, specs: readonly SeriesSpec[], figure: number, windowMs: number, now: number, gapMs: number, sign = 1): ChartColumns {
  const from = history.firstIndexAtOrAfter(now - windowMs);
  const n = history.length - from;
  const x: number[] = [];
  /** Where a gap goes: before tick i when it came too long after the one before. */
  const gapBefore: boolean[] = [];
  let previous = NaN;
  for (let i = 0; i < n; i++) {
    const t = history.time(from + i);
    gapBefore.push(t - previous > gapMs);
    if (gapBefore[i]) x.push((previous + gapMs / 2) / 1000);
    previous = t;
    x.push(t / 1000);
  }
  const sums = new Float64Array(n);
  const present = new Uint16Array(n);
  const ys = specs.map((spec) => {
    sums.fill(0);
    present.fill(0);
    for (const id of spec.members) history.addInto(id, figure, from, sums, present);
    const y: (number | null)[] = [];
    for (let i = 0; i < n; i++) {
      if (gapBefore[i]) y.push(null);
      y.push(present[i]! > 0 ? sign * sums[i]! : null);
    }
    return y;
  });
  return { x, ys };
}

/**
 * A series' latest figures: a single container's row as the engine's sample gave it (docker
 * stats's numbers), or the members' sum. A summed memory limit is capped at the engine's memory,
 * since containers without a limit each report all of it.
 */
export function latestFigures(spec: SeriesSpec, rows: Readonly<Record<string, FigureRow>>, engineMemory: number): FigureRow | undefined {
  const present = spec.members.map((id) => rows[id]).filter((r): r is FigureRow => r !== undefined);
  if (present.length === 0) return undefined;
  if (spec.members.length === 1) return present[0];
  const sum: FigureRow = FIGURES.map((_, f) => {
    let total: number | null = null;
    for (const row of present) if (row[f] !== null && row[f] !== undefined) total = (total ?? 0) + row[f]!;
    return total;
  });
  const used = sum[FigureIndex.memoryUsed] ?? 0;
  let limit = sum[FigureIndex.memoryLimit] ?? 0;
  if (engineMemory > 0 && limit > engineMemory) limit = engineMemory;
  sum[FigureIndex.memoryLimit] = limit;
  sum[FigureIndex.memoryPercent] = limit > 0 ? (used / limit) * 100 : 0;
  return sum;
}
