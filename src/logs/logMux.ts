/**
 * Interleaves what several followed containers say into one view's records, as `docker compose
 * logs -f` does: each line keeps its source (a compose service, or the one container), each source
 * has a stable colour, and restarts, recreates and removals become marked lines. Pure.
 */
import type { LogLine } from '../engine/logStream';
import type { DriverState, LogRecord, LogSource } from './logRecord';

/** Cyan, yellow, green, magenta, blue and their bright forms: readable on dark and light themes. */
const PALETTE = [6, 3, 2, 5, 4, 14, 11, 10, 13, 12];

/** The same name always gets the same colour (FNV-1a over its UTF-16 units). */
export function sourceColor(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return PALETTE[hash % PALETTE.length]!;
}

/** The name a compose container's lines carry: the service, and its replica number when past 1. */
export function composeSourceName(service: string, containerNumber: string | undefined): string {
  return containerNumber && containerNumber !== '1' ? `${service}-${containerNumber}` : service;
}

export class LogMux {
  readonly sources: LogSource[] = [];
  readonly drivers: DriverState[] = [];
  private ended = false;

  constructor(
    private readonly write: (record: LogRecord) => void,
    /** Told when a source or a driver is added, so the view can redraw its header. */
    private readonly onSourcesChanged: () => void = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The source's index, added on first use. Colours follow the service, so replicas share one. */
  source(name: string, colorKey: string = name): number {
    const found = this.sources.findIndex((s) => s.name === name);
    if (found >= 0) return found;
    this.sources.push({ name, color: sourceColor(colorKey) });
    this.onSourcesChanged();
    return this.sources.length - 1;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  line(source: number, line: LogLine): void {
    this.emit({ kind: line.stream, source, timestamp: line.timestamp, text: line.text });
  }

  driver(source: number, driver: string, readable: boolean): void {
    const existing = this.drivers.find((d) => d.source === source);
    if (existing) Object.assign(existing, { driver, readable });
    else this.drivers.push({ source, driver, readable });
    this.onSourcesChanged();
  }

  /** The container started again: a marked line with the time it started. */
  restarted(source: number, startedAt: string): void {
    this.marker(source, `restarted at ${displayTime(startedAt, this.now())}`, startedAt);
  }

  /** A new container took the service's place (compose recreate, scale, up). */
  replaced(source: number, containerId: string, at: Date, known: boolean): void {
    const what = known ? 'recreated' : 'started';
    this.marker(source, `${what}: container ${containerId.slice(0, 12)} at ${displayTime(at.toISOString(), at)}`, at.toISOString());
  }

  /** One source stopped for good (removed, or unreadable) while the view goes on. */
  sourceEnded(source: number, reason: string): void {
    this.marker(source, reason, this.now().toISOString());
  }

  info(text: string, source = -1): void {
    this.emit({ kind: 'info', source, timestamp: this.now().toISOString(), text });
  }

  /** The view's last line; anything after it is dropped. */
  end(reason: string): void {
    if (this.ended) return;
    this.emit({ kind: 'end', source: -1, timestamp: this.now().toISOString(), text: reason });
    this.ended = true;
  }

  private marker(source: number, text: string, timestamp: string): void {
    this.emit({ kind: 'marker', source, timestamp, text });
  }

  private emit(record: LogRecord): void {
    if (!this.ended) this.write(record);
  }
}

/** `2026-11-30 05:21:48 UTC`: whole seconds, the engine's own clock; `now` when the time does not parse. */
export function displayTime(iso: string, now: Date): string {
  const parsed = Date.parse(iso);
  const date = Number.isFinite(parsed) ? new Date(parsed) : now;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
