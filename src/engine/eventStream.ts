/**
 * One `/events` subscription per engine, shared by every view. It never gives up: when the
 * stream ends or fails it reconnects with capped exponential backoff, resuming with `since`
 * so no change is missed, and says so through its state so views can re-list once.
 */
import { Emitter, type Disposable } from './emitter';
import { EngineError, classifyError } from './errors';
import { LineSplitter } from './jsonLines';
import type { EngineEvent } from './types';

export type EventStreamState =
  | { kind: 'connecting' }
  | { kind: 'connected'; resumed: boolean }
  | { kind: 'lost'; error: EngineError; retryInMs: number }
  | { kind: 'stopped' };

export interface EventSource {
  events(since: string | undefined, signal: AbortSignal): Promise<NodeJS.ReadableStream>;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 5_000 };

/** Delay before reconnect attempt `attempt` (0-based): doubling from initialMs, capped at maxMs. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  return Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
}

/** `1700000000123456789` → `1700000000.123456789`, the form `since` takes. */
export function sinceFromTimeNano(timeNano: string): string | undefined {
  if (!/^\d{10,}$/.test(timeNano)) return undefined;
  return `${timeNano.slice(0, -9)}.${timeNano.slice(-9)}`;
}

interface RawEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number | string;
  // Pre-1.22 fields some proxies still send.
  status?: string;
  id?: string;
}

/** Parses one line of `/events`; undefined for anything that is not an event. */
export function parseEngineEvent(line: string): EngineEvent | undefined {
  let e: RawEvent;
  try {
    e = JSON.parse(line) as RawEvent;
  } catch {
    return undefined;
  }
  if (typeof e !== 'object' || e === null) return undefined;
  const action = e.Action ?? e.status;
  if (typeof action !== 'string' || action === '') return undefined;
  // timeNano exceeds 2^53: read its digits from the text, not from the parsed number.
  const exactNano = /"timeNano"\s*:\s*"?(\d+)/.exec(line)?.[1];
  const timeNano = exactNano ?? (typeof e.time === 'number' ? `${e.time}000000000` : '0');
  return {
    type: e.Type ?? 'container',
    action,
    id: e.Actor?.ID ?? e.id ?? '',
    attributes: e.Actor?.Attributes ?? {},
    timeNano,
  };
}

export class EngineEventStream implements Disposable {
  private readonly eventEmitter = new Emitter<EngineEvent>();
  private readonly stateEmitter = new Emitter<EventStreamState>();
  readonly onEvent = this.eventEmitter.event;
  readonly onState = this.stateEmitter.event;

  private current: EventStreamState = { kind: 'stopped' };
  private lastTimeNano: string | undefined;
  private attempt = 0;
  private everConnected = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private connection: AbortController | undefined;
  private disposed = false;

  constructor(
    private readonly source: EventSource,
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  get state(): EventStreamState {
    return this.current;
  }

  start(): void {
    if (this.current.kind === 'stopped' && !this.disposed) void this.connect();
  }

  /**
   * Connects again now (the user pressed Retry): skips the backoff wait, and gives up a connect
   * still waiting for an answer, which may be waiting on an engine that will never give one.
   */
  reconnectNow(): void {
    if (this.disposed || this.current.kind === 'connected') return;
    clearTimeout(this.retryTimer);
    this.connection?.abort();
    this.attempt = 0;
    void this.connect();
  }

  /**
   * The engine is gone although the stream has not ended yet (a stopping dockerd keeps serving
   * open streams until its containers have stopped): drop the stream and retry with backoff.
   */
  markLost(error: EngineError): void {
    if (this.disposed || this.current.kind !== 'connected') return;
    this.connection?.abort();
    this.lose(error);
  }

  private setState(state: EventStreamState): void {
    this.current = state;
    this.stateEmitter.fire(state);
  }

  private async connect(): Promise<void> {
    this.setState({ kind: 'connecting' });
    const connection = new AbortController();
    this.connection = connection;
    const since = this.lastTimeNano ? sinceFromTimeNano(this.lastTimeNano) : undefined;
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.source.events(since, connection.signal);
    } catch (error) {
      if (connection.signal.aborted || this.disposed) return;
      this.lose(classifyError(error));
      return;
    }
    if (connection.signal.aborted || this.disposed) {
      destroy(stream);
      return;
    }
    this.attempt = 0;
    const resumed = this.everConnected;
    this.everConnected = true;
    this.log(`event stream connected${since ? ` (since ${since})` : ''}`);
    this.setState({ kind: 'connected', resumed });

    const splitter = new LineSplitter({
      onDroppedLine: (limit) => this.log(`dropped an event line longer than ${limit} characters: that is not an event, the engine or something in between sent garbage`),
    });
    let ended = false;
    const end = (error?: unknown): void => {
      if (ended) return;
      ended = true;
      if (connection.signal.aborted || this.disposed) return;
      this.lose(error ? classifyError(error) : new EngineError('unreachable', 'The engine closed the event stream.', 'Berth reconnects by itself.'));
    };
    stream.on('data', (chunk: Buffer | string) => {
      for (const line of splitter.push(chunk)) {
        const event = parseEngineEvent(line);
        if (!event) {
          this.log(`ignored malformed event line: ${line.slice(0, 200)}`);
          continue;
        }
        this.lastTimeNano = event.timeNano;
        this.eventEmitter.fire(event);
      }
    });
    stream.on('error', (error: unknown) => end(error));
    stream.on('end', () => end());
    stream.on('close', () => end());
  }

  private lose(error: EngineError): void {
    const retryInMs = backoffDelay(this.attempt++, this.backoff);
    this.log(`event stream lost (${error.kind}: ${error.message}); retrying in ${retryInMs} ms`);
    this.setState({ kind: 'lost', error, retryInMs });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), retryInMs);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retryTimer);
    this.connection?.abort();
    this.current = { kind: 'stopped' };
    this.eventEmitter.dispose();
    this.stateEmitter.dispose();
  }
}

function destroy(stream: NodeJS.ReadableStream): void {
  (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
}
