/**
 * What one log view follows: one container, a compose project (optionally one service), or a swarm
 * service (serviceLogFollower.ts). A project follows every container it has, and picks up the
 * containers that replace them (`up --force-recreate`, scale, a later `up`) from the engine's event
 * stream, filtered by the compose labels: never by polling. Pure (no vscode).
 */
import type Dockerode from 'dockerode';
import type { EngineClient } from '../engine/client';
import { toContainerSummary, type RawContainer } from '../engine/containerMapping';
import { EngineError } from '../engine/errors';
import { parseEngineEvent } from '../engine/eventStream';
import { LineSplitter } from '../engine/jsonLines';
import { ContainerLogFollower, type LogFollowEvent, type LogFollowOptions } from '../engine/logFollower';
import { COMPOSE_PROJECT_LABEL, COMPOSE_SERVICE_LABEL } from '../engine/types';
import { composeSourceName, type LogMux } from './logMux';
import { ServiceLogFollower } from './serviceLogFollower';

const CONTAINER_NUMBER_LABEL = 'com.docker.compose.container-number';
const REMOVED = 'The container was removed.';

/**
 * What a view shows: one container (by id), a compose project's containers (one service's, when
 * named), or a swarm service's tasks on every node.
 */
export type LogScope =
  | { kind: 'container'; id: string; name: string }
  | { kind: 'project'; project: string; service?: string }
  | { kind: 'swarmService'; id: string; name: string };

export function scopeTitle(scope: LogScope): string {
  if (scope.kind === 'container' || scope.kind === 'swarmService') return scope.name;
  return scope.service !== undefined ? `${scope.project} › ${scope.service}` : scope.project;
}

export class LogFollowSession {
  private readonly abort = new AbortController();
  private readonly followers = new Map<string, ContainerLogFollower>();
  private eventStreams = 0;
  private service: ServiceLogFollower | undefined;

  constructor(
    private readonly client: EngineClient,
    private readonly scope: LogScope,
    private readonly options: LogFollowOptions,
    private readonly mux: LogMux,
  ) {}

  /** Log and event streams open right now; 0 once disposed and settled. */
  get openStreams(): number {
    let n = this.eventStreams + (this.service?.openStreams ?? 0);
    for (const f of this.followers.values()) n += f.openStreams;
    return n;
  }

  /** Follows until disposed, the container is gone, or the engine fails; never rejects. */
  async run(): Promise<void> {
    if (this.scope.kind === 'container') {
      const source = this.mux.source(this.scope.name);
      await this.follow(this.scope.id, source, this.options, (reason) => this.mux.end(reason));
      return;
    }
    if (this.scope.kind === 'swarmService') {
      this.service = new ServiceLogFollower(this.client, this.scope.id, this.scope.name, this.options, this.mux);
      await this.service.run();
      return;
    }
    try {
      await this.runProject(this.scope);
    } catch (error) {
      if (!this.abort.signal.aborted) this.mux.end(error instanceof EngineError ? error.userMessage : String(error));
    }
  }

  private async runProject(scope: { project: string; service?: string }): Promise<void> {
    const labels = [`${COMPOSE_PROJECT_LABEL}=${scope.project}`, ...(scope.service !== undefined ? [`${COMPOSE_SERVICE_LABEL}=${scope.service}`] : [])];
    // Subscribe first, then list: a container started between the two is seen by one or both.
    const filters = JSON.stringify({ type: ['container'], event: ['start'], label: labels });
    const events = await this.client.request('Watch the compose project', (d, abortSignal) => d.getEvents({ filters, abortSignal } as object), {
      signal: this.abort.signal,
      timeoutMs: 0,
    });
    const listed = await this.client.request(
      'List the compose project\'s containers',
      async (d, abortSignal) =>
        ((await d.listContainers({ all: true, filters: JSON.stringify({ label: labels }), abortSignal } as Dockerode.ContainerListOptions)) as unknown as RawContainer[]).map(toContainerSummary),
      { signal: this.abort.signal },
    );
    listed.sort((a, b) => (a.composeService ?? '').localeCompare(b.composeService ?? '') || a.created.getTime() - b.created.getTime());
    if (listed.length === 0) this.mux.info(`No container of ${scope.service ?? scope.project} exists yet: lines show here when one starts.`);
    for (const c of listed) this.followContainer(c.id, c.composeService ?? c.name, c.labels[CONTAINER_NUMBER_LABEL], this.options);
    await this.readEvents(events);
    if (!this.abort.signal.aborted) this.mux.end('The engine\'s event stream ended (the engine stopped or the connection broke). Open the logs again once the engine is back.');
  }

  /** Starts following one compose container; its end is a marked line, not the view's end. */
  private followContainer(id: string, service: string, containerNumber: string | undefined, options: LogFollowOptions): void {
    if (this.followers.has(id) || this.abort.signal.aborted) return;
    const source = this.mux.source(composeSourceName(service, containerNumber), service);
    void this.follow(id, source, options, (reason) => {
      this.mux.sourceEnded(source, reason === REMOVED ? `container ${id.slice(0, 12)} was removed` : reason);
      if (this.followers.size === 0) this.mux.info('No container of this project is followed now: lines show here when one starts again.');
    });
  }

  private async follow(id: string, source: number, options: LogFollowOptions, onEnd: (reason: string) => void): Promise<void> {
    const follower = new ContainerLogFollower(this.client, id, options, (event: LogFollowEvent) => {
      if (event.kind === 'line') this.mux.line(source, event.line);
      else if (event.kind === 'break') this.mux.restarted(source, event.startedAt);
      else if (event.kind === 'driver') this.mux.driver(source, event.driver, event.readable);
      else {
        this.followers.delete(id);
        if (!this.abort.signal.aborted) onEnd(event.reason);
      }
    });
    this.followers.set(id, follower);
    await follower.run();
  }

  private readEvents(events: NodeJS.ReadableStream): Promise<void> {
    this.eventStreams++;
    const splitter = new LineSplitter();
    return new Promise<void>((resolve) => {
      const stop = (): void => (events as NodeJS.ReadableStream & { destroy(): void }).destroy();
      this.abort.signal.addEventListener('abort', stop);
      events.on('data', (chunk: Buffer) => {
        for (const line of splitter.push(chunk)) {
          const event = parseEngineEvent(line);
          if (!event || event.action !== 'start' || this.followers.has(event.id)) continue;
          const service = event.attributes[COMPOSE_SERVICE_LABEL] ?? event.attributes['name'] ?? event.id.slice(0, 12);
          const at = /^\d{10,}$/.test(event.timeNano) ? new Date(Number(event.timeNano.slice(0, -6))) : new Date();
          const name = composeSourceName(service, event.attributes[CONTAINER_NUMBER_LABEL]);
          const known = this.mux.sources.some((s) => s.name === name);
          this.mux.replaced(this.mux.source(name, service), event.id, at, known);
          // A new container: everything it said since it was created.
          this.followContainer(event.id, service, event.attributes[CONTAINER_NUMBER_LABEL], { tail: 'all' });
        }
      });
      events.on('error', () => undefined);
      events.on('close', () => {
        this.eventStreams--;
        this.abort.signal.removeEventListener('abort', stop);
        resolve();
      });
      events.on('end', stop);
    });
  }

  dispose(): void {
    this.abort.abort();
    this.service?.dispose();
    for (const f of this.followers.values()) f.dispose();
  }
}
