/**
 * Follows one container's logs across restarts: when the stream ends, Berth waits for the
 * container's next start (from the event stream, not a poll) and reattaches just after the last
 * line it had, with a marked break; when the container is removed it ends with a last line. Pure.
 */
import type Dockerode from 'dockerode';
import type { EngineClient } from './client';
import { EngineError } from './errors';
import { inspectContainer } from './inspect';
import { LogLineSplitter, sinceAfter, type LogLine } from './logStream';

export type LogFollowEvent =
  | { kind: 'line'; line: LogLine }
  /** The container started again (after a restart or a stop and start). */
  | { kind: 'break'; startedAt: string }
  /** Which log driver the container uses, and whether the engine can read it back. */
  | { kind: 'driver'; driver: string; readable: boolean }
  /** Following is over: the container was removed, the driver cannot be read, or the engine failed. */
  | { kind: 'end'; reason: string };

export interface LogFollowOptions {
  /** Lines to read from before following (`all` for everything). */
  tail: number | 'all';
  /** Only lines after this time (seconds since the epoch, as the API takes it). */
  since?: string;
}

/** Drivers that keep nothing the engine could send back. */
const UNREADABLE = new Set(['none']);

export class ContainerLogFollower {
  private readonly abort = new AbortController();
  private streams = 0;
  private lastTimestamp = '';

  constructor(
    private readonly client: EngineClient,
    private readonly containerId: string,
    private readonly options: LogFollowOptions,
    private readonly onEvent: (event: LogFollowEvent) => void,
  ) {}

  private ended = false;

  /** Streams open right now (logs and events): 0 once disposed. */
  get openStreams(): number {
    return this.streams;
  }

  /** Follows until disposed or the container is gone; never rejects (failures end with an `end` event). */
  async run(): Promise<void> {
    try {
      let inspect = await inspectContainer(this.client, this.containerId, { signal: this.abort.signal });
      const driver = String((inspect.HostConfig?.['LogConfig'] as { Type?: string } | undefined)?.Type ?? 'json-file');
      this.onEvent({ kind: 'driver', driver, readable: !UNREADABLE.has(driver) });
      if (UNREADABLE.has(driver)) {
        this.end(`This container's log driver is "${driver}": the engine keeps no logs to show. Run it with --log-driver json-file (or local) to read them here.`);
        return;
      }
      let first = true;
      for (;;) {
        await this.readOnce(inspect.Config?.['Tty'] === true, first);
        first = false;
        const next = await this.nextStart(inspect.State?.StartedAt ?? '');
        if (next === undefined) return;
        inspect = next;
        this.onEvent({ kind: 'break', startedAt: inspect.State?.StartedAt ?? new Date().toISOString() });
      }
    } catch (error) {
      if (this.abort.signal.aborted) return;
      if (error instanceof EngineError && error.kind === 'notFound') this.end('The container was removed.');
      else this.end(error instanceof EngineError ? error.userMessage : String(error));
    }
  }

  private async readOnce(tty: boolean, first: boolean): Promise<void> {
    const since = first ? this.options.since : sinceAfter(this.lastTimestamp) ?? this.options.since;
    const tail = first || !since ? this.options.tail : 'all';
    const stream = await this.client.request(
      'Read container logs',
      (d, abortSignal) =>
        d.getContainer(this.containerId).logs({ follow: true, stdout: true, stderr: true, timestamps: true, tail, ...(since ? { since } : {}), abortSignal } as Dockerode.ContainerLogsOptions & { follow: true }),
      { signal: this.abort.signal, timeoutMs: 0 },
    );
    const splitter = new LogLineSplitter(!tty, (line) => {
      if (line.timestamp) this.lastTimestamp = line.timestamp;
      this.onEvent({ kind: 'line', line });
    });
    await this.drain(stream, (chunk) => splitter.push(chunk));
    splitter.flush();
  }

  /** Resolves when `stream` ends (or the follower is disposed), counting it as open meanwhile. */
  private drain(stream: NodeJS.ReadableStream, onData: (chunk: Buffer) => void): Promise<void> {
    this.streams++;
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.abort.signal.removeEventListener('abort', stop);
        resolve();
      };
      const stop = (): void => (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
      this.abort.signal.addEventListener('abort', stop);
      stream.on('data', onData);
      stream.on('error', done);
      stream.on('close', () => {
        this.streams--;
        done();
      });
      stream.on('end', () => stop());
    });
  }

  /**
   * Waits for the container's next start after `startedAt`: the inspect that shows it, or
   * undefined when the container was removed or the follower disposed.
   */
  private async nextStart(startedAt: string): Promise<Awaited<ReturnType<typeof inspectContainer>> | undefined> {
    if (this.abort.signal.aborted) return undefined;
    // Subscribe first, then look: a start between the two is seen by one or the other.
    const since = String(Math.floor(Date.now() / 1000) - 1);
    const filters = JSON.stringify({ type: ['container'], container: [this.containerId], event: ['start', 'destroy'] });
    const events = await this.client.request('Watch the container', (d, abortSignal) => d.getEvents({ since, filters, abortSignal } as object), { signal: this.abort.signal, timeoutMs: 0 });
    let result: Awaited<ReturnType<typeof inspectContainer>> | undefined | 'wait' = 'wait';
    const check = async (): Promise<void> => {
      try {
        const inspect = await inspectContainer(this.client, this.containerId, { signal: this.abort.signal });
        if (inspect.State?.StartedAt && inspect.State.StartedAt !== startedAt && inspect.State.Status !== 'exited') result = inspect;
      } catch (error) {
        if (error instanceof EngineError && error.kind === 'notFound') {
          this.end('The container was removed.');
          result = undefined;
        } else if (!this.abort.signal.aborted) {
          throw error;
        }
      }
    };
    await check();
    if (result !== 'wait') {
      (events as NodeJS.ReadableStream & { destroy(): void }).destroy();
      return result;
    }
    let pending = Promise.resolve();
    await this.drain(events, () => {
      // Any start or destroy: look again (several events in one chunk make one look).
      pending = pending.then(check).then(() => {
        if (result !== 'wait') (events as NodeJS.ReadableStream & { destroy(): void }).destroy();
      });
    });
    await pending;
    return result === 'wait' ? undefined : result;
  }

  /** The last event: said once, however many looks (a removal seen by several checks) find the end. */
  private end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.onEvent({ kind: 'end', reason });
  }

  dispose(): void {
    this.abort.abort();
  }
}
