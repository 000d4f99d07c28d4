/** A pull's or push's stream of per-layer messages, summed up into one line of progress. Pure. */
import type { ProgressEvent } from './types';

export interface ProgressSummary {
  layers: number;
  done: number;
  current: number;
  total: number;
  /** The last status line, e.g. `Digest: sha256:…` or `Pulling from team/app`. */
  last: string;
}

const DONE = /^(Pull complete|Already exists|Pushed|Layer already exists|Mounted from)/;

/** Keeps each layer's latest state; `summary()` sums them. */
export class ProgressTracker {
  private readonly layers = new Map<string, { done: boolean; current: number; total: number }>();
  private last = '';

  add(event: ProgressEvent): void {
    this.last = event.id && !DONE.test(event.status) ? `${event.status} ${event.id.slice(0, 12)}` : event.status;
    if (!event.id || !/^[0-9a-f]{12,}$/.test(event.id)) return;
    const layer = this.layers.get(event.id) ?? { done: false, current: 0, total: 0 };
    if (DONE.test(event.status)) layer.done = true;
    if (event.total !== undefined && event.total > 0) layer.total = event.total;
    if (event.current !== undefined) layer.current = event.current;
    this.layers.set(event.id, layer);
  }

  summary(): ProgressSummary {
    let done = 0;
    let current = 0;
    let total = 0;
    for (const l of this.layers.values()) {
      if (l.done) done++;
      total += l.total;
      current += l.done ? l.total : Math.min(l.current, l.total);
    }
    return { layers: this.layers.size, done, current, total, last: this.last };
  }
}

/** Parses one line of a pull/push stream; throws the engine's error message when the line is one. */
export function parseProgressLine(line: string): ProgressEvent | undefined {
  let raw: { id?: unknown; status?: unknown; error?: unknown; errorDetail?: { message?: unknown }; progressDetail?: { current?: unknown; total?: unknown } };
  try {
    raw = JSON.parse(line) as typeof raw;
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const error = typeof raw.errorDetail?.message === 'string' ? raw.errorDetail.message : typeof raw.error === 'string' ? raw.error : undefined;
  if (error !== undefined) throw new Error(error);
  return {
    id: typeof raw.id === 'string' ? raw.id : undefined,
    status: typeof raw.status === 'string' ? raw.status : '',
    current: typeof raw.progressDetail?.current === 'number' ? raw.progressDetail.current : undefined,
    total: typeof raw.progressDetail?.total === 'number' ? raw.progressDetail.total : undefined,
  };
}
