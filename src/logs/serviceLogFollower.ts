/**
 * Follows a swarm service's logs into a log view: one `GET /services/{id}/logs` stream that the
 * engine feeds from every node, the tasks that replace others included. Each line shows under its
 * task (slot and node); a task not seen before is looked up (one task and node listing) while the
 * stream waits, so lines keep their order. The service's removal, seen on the event stream or when
 * the log stream ends, is the view's last line. Pure (no vscode).
 */
import type { EngineClient } from '../engine/client';
import { EngineError } from '../engine/errors';
import { LogLineSplitter, type LogLine } from '../engine/logStream';
import { listNodes } from '../engine/swarmNodes';
import { followServiceLogs, listTasks, serviceUsesTty } from '../engine/swarmServices';
import type { SwarmNode, SwarmTask } from '../engine/swarmTypes';
import type { LogMux } from './logMux';
import { NODE_ID_ATTR, splitServiceLogDetails, TASK_ID_ATTR, taskSource } from './serviceLogLines';

export const SERVICE_REMOVED = 'The service was removed.';

type Destroyable = NodeJS.ReadableStream & { destroy(): void };

export class ServiceLogFollower {
  private readonly abort = new AbortController();
  private readonly tasks = new Map<string, SwarmTask>();
  private readonly nodes = new Map<string, SwarmNode>();
  /** Task id → the view's source index. */
  private readonly sources = new Map<string, number>();
  private streams = 0;
  private name: string;
  /** Lines split from the stream and not yet written to the view. */
  private pending: LogLine[] = [];
  private emitting: Promise<void> | undefined;

  constructor(
    private readonly client: EngineClient,
    private readonly serviceId: string,
    serviceName: string,
    private readonly from: { tail: number | 'all'; since?: string },
    private readonly mux: LogMux,
  ) {
    this.name = serviceName;
  }

  get openStreams(): number {
    return this.streams;
  }

  /** Follows until disposed, the service is removed, or the engine fails; never rejects. */
  async run(): Promise<void> {
    const signal = this.abort.signal;
    try {
      // Watch for the removal first, then read: a removal between the two is seen by one or the other.
      const filters = JSON.stringify({ type: ['service'], service: [this.serviceId], event: ['remove'] });
      const events = (await this.client.request('Watch the service', (d, abortSignal) => d.getEvents({ filters, abortSignal } as object), { signal, timeoutMs: 0 })) as Destroyable;
      void this.drain(events, () => this.finish(SERVICE_REMOVED));
      const { name, tty } = await serviceUsesTty(this.client, this.serviceId, { signal });
      this.name = name;
      await this.lookUp();
      const logs = (await followServiceLogs(this.client, this.serviceId, this.from, { signal })) as Destroyable;
      const splitter = new LogLineSplitter(!tty, (line) => this.pending.push(line));
      await this.drain(logs, (chunk) => {
        splitter.push(chunk);
        void this.emitPending(logs);
      });
      await this.emitting;
      splitter.flush();
      await this.emitPending(logs);
      await this.ended();
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof EngineError && error.kind === 'notFound') this.finish(SERVICE_REMOVED);
      else this.finish(error instanceof EngineError ? error.userMessage : String(error));
    }
  }

  /** Writes the lines split so far, one writer at a time. */
  private emitPending(stream: NodeJS.ReadableStream): Promise<void> {
    this.emitting ??= this.emitLines(stream).finally(() => (this.emitting = undefined));
    return this.emitting;
  }

  /** A line of a task not known yet pauses the stream while the task is looked up, so lines keep their order. */
  private async emitLines(stream: NodeJS.ReadableStream): Promise<void> {
    while (this.pending.length > 0 && !this.mux.isEnded) {
      const line = this.pending[0]!;
      const { attrs, text } = splitServiceLogDetails(line.text);
      const taskId = attrs[TASK_ID_ATTR] ?? '';
      if (taskId && !this.tasks.has(taskId) && !this.sources.has(taskId)) {
        stream.pause();
        await this.lookUp().catch(() => undefined);
        stream.resume();
      }
      this.pending.shift();
      this.mux.line(this.sourceOf(taskId, attrs[NODE_ID_ATTR]), { ...line, text });
    }
  }

  private sourceOf(taskId: string, nodeId: string | undefined): number {
    const known = this.sources.get(taskId);
    if (known !== undefined) return known;
    const source = taskSource(this.name, taskId || 'unknown', this.tasks.get(taskId), this.nodes, nodeId);
    const index = this.mux.source(source.name, source.colorKey);
    // A task not listed even after a look-up keeps its short-id name for good; a listed one is final too.
    this.sources.set(taskId, index);
    return index;
  }

  /** One listing of the service's tasks and the swarm's nodes (names for new tasks). */
  private async lookUp(): Promise<void> {
    const signal = this.abort.signal;
    const [tasks, nodes] = await Promise.all([listTasks(this.client, { serviceIds: [this.serviceId] }, { signal }), listNodes(this.client, { signal })]);
    for (const t of tasks) this.tasks.set(t.id, t);
    for (const n of nodes) this.nodes.set(n.id, n);
  }

  /** The log stream ended by itself: the service is gone, or the engine stopped sending. */
  private async ended(): Promise<void> {
    if (this.abort.signal.aborted || this.mux.isEnded) return;
    try {
      await serviceUsesTty(this.client, this.serviceId, { signal: this.abort.signal });
      this.finish("The engine ended the service's log stream (a manager restarted or lost the swarm). Open the logs again to follow on.");
    } catch (error) {
      if (error instanceof EngineError && error.kind === 'notFound') this.finish(SERVICE_REMOVED);
      else if (!this.abort.signal.aborted) this.finish(error instanceof EngineError ? error.userMessage : String(error));
    }
  }

  private finish(reason: string): void {
    if (this.mux.isEnded) return;
    this.mux.end(reason);
    this.abort.abort();
  }

  /** Resolves when `stream` closes (or the follower is disposed), counting it as open meanwhile. */
  private drain(stream: Destroyable, onData: (chunk: Buffer) => void): Promise<void> {
    this.streams++;
    return new Promise<void>((resolve) => {
      const stop = (): void => stream.destroy();
      this.abort.signal.addEventListener('abort', stop);
      stream.on('data', onData);
      stream.on('error', () => undefined);
      stream.on('close', () => {
        this.streams--;
        this.abort.signal.removeEventListener('abort', stop);
        resolve();
      });
      stream.on('end', stop);
    });
  }

  dispose(): void {
    this.abort.abort();
  }
}
