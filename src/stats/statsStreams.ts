/**
 * One `/containers/{id}/stats` stream per container the panel shows, and nothing else: `want()`
 * opens what is newly wanted and aborts what no longer is, so a stream lives exactly as long as
 * its container is on screen. A stream that fails while wanted is retried with capped backoff;
 * one that starts sending the engine's zero-time samples (the container stopped) is closed and
 * not retried — the container's next start makes it wanted again. Pure: no vscode.
 */
import { Emitter, type Disposable } from '../engine/emitter';
import { classifyError } from '../engine/errors';
import { backoffDelay, type BackoffOptions } from '../engine/eventStream';
import { LineSplitter } from '../engine/jsonLines';
import { isEmptySample, parseStatsSample, ratePerSecond, statsFigures, type EnginePlatform, type StatsFigures } from '../engine/statsMath';
import type { FigureRow, StreamStatus } from '../shared/protocol';

export interface StatsSource {
  open(id: string, signal: AbortSignal): Promise<NodeJS.ReadableStream>;
}

/** A container's latest figures and when they arrived (the 2 s rule counts from arrival, as the CLI's timer does). */
export interface Reading {
  row: FigureRow;
  receivedAt: number;
}

export interface StreamChange {
  id: string;
  status: StreamStatus;
  message?: string;
}

export interface StatsStreamsOptions {
  platform: () => EnginePlatform;
  now?: () => number;
  /** A value goes blank after this long without a sample (docker stats: 2 s). */
  staleMs?: number;
  backoff?: BackoffOptions;
  log?: (message: string) => void;
}

interface Stream {
  abort: AbortController;
  status: StreamStatus;
  message?: string;
  attempt: number;
  retry?: ReturnType<typeof setTimeout>;
  /** Set while the engine's response is open. */
  response?: NodeJS.ReadableStream;
  previous?: StatsFigures;
  latest?: Reading;
}

export const STALE_MS = 2000;
const RETRY: BackoffOptions = { initialMs: 1000, maxMs: 5000 };

function destroy(stream: NodeJS.ReadableStream | undefined): void {
  (stream as (NodeJS.ReadableStream & { destroy?: () => void }) | undefined)?.destroy?.();
}

/** The wire row for one sample: FIGURES' order; rates against the previous sample of the same stream. */
export function figureRow(f: StatsFigures, previous: StatsFigures | undefined, platform: EnginePlatform): FigureRow {
  const rate = (pick: (x: StatsFigures) => number): number | null => {
    if (!previous) return null;
    const r = ratePerSecond(pick(previous), pick(f), previous.readAt, f.readAt);
    return r === undefined ? null : Math.round(r);
  };
  const windows = platform === 'windows';
  return [
    f.cpuPercent,
    f.memoryUsed,
    windows ? null : f.memoryLimit,
    windows ? null : f.memoryPercent,
    f.netRx,
    f.netTx,
    f.blockRead,
    f.blockWrite,
    windows ? null : f.pids,
    rate((x) => x.netRx),
    rate((x) => x.netTx),
    rate((x) => x.blockRead),
    rate((x) => x.blockWrite),
  ];
}

export class StatsStreams implements Disposable {
  private readonly streams = new Map<string, Stream>();
  private readonly changeEmitter = new Emitter<StreamChange>();
  readonly onChange = this.changeEmitter.event;
  private readonly now: () => number;
  private readonly staleMs: number;
  private disposed = false;

  constructor(
    private readonly source: StatsSource,
    private readonly options: StatsStreamsOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.staleMs = options.staleMs ?? STALE_MS;
  }

  /** Streams exactly these containers from now on. */
  want(ids: Iterable<string>): void {
    const wanted = new Set(ids);
    for (const [id, stream] of this.streams) {
      if (wanted.has(id)) continue;
      this.close(stream);
      this.streams.delete(id);
    }
    for (const id of wanted) if (!this.streams.has(id) && !this.disposed) this.open(id, { abort: new AbortController(), status: 'opening', attempt: 0 });
  }

  get wanted(): string[] {
    return [...this.streams.keys()];
  }

  /** How many engine responses are open right now (tests count them against the engine side). */
  get openCount(): number {
    return [...this.streams.values()].filter((s) => s.response !== undefined).length;
  }

  status(id: string): { status: StreamStatus; message?: string } | undefined {
    const s = this.streams.get(id);
    return s && { status: s.status, ...(s.message ? { message: s.message } : {}) };
  }

  /** The latest reading, unless it is older than the 2 s rule allows. */
  latest(id: string): Reading | undefined {
    const latest = this.streams.get(id)?.latest;
    return latest && this.now() - latest.receivedAt <= this.staleMs ? latest : undefined;
  }

  /** Marks live streams whose samples stopped coming as silent (called once per tick). */
  checkSilence(): void {
    for (const [id, s] of this.streams) {
      if (s.status === 'live' && !this.latest(id)) this.setStatus(id, s, 'silent');
    }
  }

  /** Opens a wanted stream again when it had stopped or failed: its container started again. */
  reopen(id: string): void {
    const s = this.streams.get(id);
    if (!s || this.disposed || (s.status !== 'stopped' && s.status !== 'failed')) return;
    this.close(s);
    s.attempt = 0;
    this.open(id, s);
  }

  /** Reopens failed streams now instead of after their backoff (the engine came back). */
  retryNow(): void {
    for (const [id, s] of this.streams) {
      if (s.status !== 'failed') continue;
      clearTimeout(s.retry);
      s.attempt = 0;
      this.open(id, s);
    }
  }

  private setStatus(id: string, s: Stream, status: StreamStatus, message?: string): void {
    if (s.status === status && s.message === message) return;
    s.status = status;
    s.message = message;
    this.changeEmitter.fire({ id, status, ...(message ? { message } : {}) });
  }

  private close(s: Stream): void {
    clearTimeout(s.retry);
    s.abort.abort();
    destroy(s.response);
    s.response = undefined;
  }

  private open(id: string, s: Stream): void {
    s.abort = new AbortController();
    s.previous = undefined;
    const signal = s.abort.signal;
    this.streams.set(id, s);
    this.setStatus(id, s, 'opening');
    this.source.open(id, signal).then(
      (response) => {
        if (signal.aborted || this.streams.get(id) !== s) return destroy(response);
        s.response = response;
        this.read(id, s, response, signal);
      },
      (error: unknown) => {
        if (!signal.aborted && this.streams.get(id) === s) this.fail(id, s, error);
      },
    );
  }

  private read(id: string, s: Stream, response: NodeJS.ReadableStream, signal: AbortSignal): void {
    const splitter = new LineSplitter();
    let done = false;
    const finish = (error?: unknown): void => {
      if (done) return;
      done = true;
      if (s.response === response) s.response = undefined;
      destroy(response);
      if (signal.aborted || this.streams.get(id) !== s || s.status === 'stopped') return;
      this.fail(id, s, error ?? new Error('The engine ended the stats stream.'));
    };
    response.on('data', (chunk: Buffer | string) => {
      for (const line of splitter.push(chunk)) {
        if (done) return;
        const sample = parseStatsSample(line);
        if (!sample) {
          this.options.log?.(`stats ${id.slice(0, 12)}: ignored a line that is not a stats sample`);
          continue;
        }
        if (isEmptySample(sample)) {
          // The engine streams zero-time samples for a stopped container, forever: close it.
          this.setStatus(id, s, 'stopped');
          s.latest = undefined;
          finish();
          return;
        }
        const platform = this.options.platform();
        const figures = statsFigures(sample, platform);
        s.latest = { row: figureRow(figures, s.previous, platform), receivedAt: this.now() };
        s.previous = figures;
        s.attempt = 0;
        this.setStatus(id, s, 'live');
      }
    });
    response.on('error', (error: unknown) => finish(error));
    response.on('end', () => finish());
    response.on('close', () => finish());
  }

  private fail(id: string, s: Stream, error: unknown): void {
    const classified = classifyError(error);
    const delay = backoffDelay(s.attempt++, this.options.backoff ?? RETRY);
    this.options.log?.(`stats ${id.slice(0, 12)}: ${classified.message}; retrying in ${delay} ms`);
    this.setStatus(id, s, 'failed', classified.userMessage);
    clearTimeout(s.retry);
    s.retry = setTimeout(() => {
      if (this.streams.get(id) === s && !this.disposed) this.open(id, s);
    }, delay);
  }

  dispose(): void {
    this.disposed = true;
    for (const s of this.streams.values()) this.close(s);
    this.streams.clear();
    this.changeEmitter.dispose();
  }
}
