/**
 * Services and their tasks: list, scale, image update (a rolling update the engine runs by the
 * service's own UpdateConfig), rollback, force restart, remove. Every change is a read of the
 * current spec and an update naming its version, as the CLI does; an update that lost a race with
 * another change ("update out of sequence") is read and applied once more.
 */
import type { RequestOptions } from './requests';
import { EngineError } from './errors';
import { outOfSequence, pathSegment, swarmCall, type SwarmRequests } from './swarmApi';
import { toSwarmService, toSwarmTask } from './swarmMapping';
import type { SwarmService, SwarmTask } from './swarmTypes';

/* The engine's ServiceSpec, kept as the engine sent it: an update must send back every field. */
type ServiceSpec = any;

interface RawService {
  ID: string;
  Version: { Index: number };
  Spec: ServiceSpec;
  PreviousSpec?: ServiceSpec;
}

export function listServices(engine: SwarmRequests, options?: RequestOptions): Promise<SwarmService[]> {
  return swarmCall<unknown[]>(engine, 'List services', { method: 'GET', path: '/services', query: { status: true } }, options).then((raw) => (raw ?? []).map(toSwarmService));
}

export function inspectService(engine: SwarmRequests, id: string, options?: RequestOptions): Promise<SwarmService> {
  return swarmCall<unknown>(engine, 'Inspect service', { method: 'GET', path: `/services/${pathSegment(id)}` }, options).then(toSwarmService);
}

/** The raw inspect JSON, for the Inspect document. */
export function inspectServiceJson(engine: SwarmRequests, id: string, options?: RequestOptions): Promise<unknown> {
  return swarmCall<unknown>(engine, 'Inspect service', { method: 'GET', path: `/services/${pathSegment(id)}` }, options);
}

/** Tasks of one service, of the services on one node, or all of them. */
export function listTasks(engine: SwarmRequests, filter: { serviceIds?: readonly string[]; nodeId?: string } = {}, options?: RequestOptions): Promise<SwarmTask[]> {
  const filters: Record<string, string[]> = {};
  if (filter.serviceIds) filters.service = [...filter.serviceIds];
  if (filter.nodeId) filters.node = [filter.nodeId];
  // An empty service list matches every task: ask for none instead.
  if (filter.serviceIds && filter.serviceIds.length === 0) return Promise.resolve([]);
  const query = Object.keys(filters).length > 0 ? { filters: JSON.stringify(filters) } : undefined;
  return swarmCall<unknown[]>(engine, 'List tasks', { method: 'GET', path: '/tasks', ...(query ? { query } : {}) }, options).then((raw) => (raw ?? []).map(toSwarmTask));
}

/** Reads the service, lets `change` edit its spec, and sends the update; once more if another change came first. */
async function updateService(
  engine: SwarmRequests,
  operation: string,
  id: string,
  change: (spec: ServiceSpec, service: RawService) => ServiceSpec,
  extraQuery: Record<string, string> = {},
  options?: RequestOptions,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const raw = await swarmCall<RawService>(engine, operation, { method: 'GET', path: `/services/${pathSegment(id)}` }, options);
    const spec = change(structuredClone(raw.Spec), raw);
    try {
      await swarmCall(engine, operation, { method: 'POST', path: `/services/${pathSegment(id)}/update`, query: { version: raw.Version.Index, ...extraQuery }, body: spec }, options);
      return;
    } catch (error) {
      if (attempt === 0 && outOfSequence(error)) continue;
      throw error;
    }
  }
}

/** Sets a replicated service's replica count. Global services run one task per node and cannot be scaled. */
export function scaleService(engine: SwarmRequests, id: string, replicas: number, options?: RequestOptions): Promise<void> {
  if (!Number.isInteger(replicas) || replicas < 0) {
    return Promise.reject(new EngineError('engine', `Scale service: ${String(replicas)} is not a replica count.`, 'Give a whole number, 0 or more.'));
  }
  return updateService(engine, 'Scale service', id, (spec) => {
    if (!spec.Mode?.Replicated) throw new EngineError('engine', `Scale service: ${spec.Name as string} is not a replicated service.`, 'Only replicated services have a replica count; a global service runs one task on every node.');
    spec.Mode.Replicated.Replicas = replicas;
    return spec;
  }, {}, options);
}

/**
 * Points the service at another image. The engine then replaces tasks as the service's UpdateConfig
 * says (parallelism, delay, failure action, order); the image is sent as typed, not resolved to a
 * digest through a registry.
 */
export function updateServiceImage(engine: SwarmRequests, id: string, image: string, options?: RequestOptions): Promise<void> {
  const trimmed = image.trim();
  if (trimmed === '' || /\s/.test(trimmed)) {
    return Promise.reject(new EngineError('engine', `Update service image: "${image}" is not an image reference.`, 'Give a reference such as nginx:1.27 or registry:5000/app:v2.'));
  }
  return updateService(engine, 'Update service image', id, (spec) => {
    spec.TaskTemplate = spec.TaskTemplate ?? {};
    spec.TaskTemplate.ContainerSpec = spec.TaskTemplate.ContainerSpec ?? {};
    spec.TaskTemplate.ContainerSpec.Image = trimmed;
    return spec;
  }, {}, options);
}

/** Goes back to the service's previous spec, as `docker service rollback` does. */
export function rollbackService(engine: SwarmRequests, id: string, options?: RequestOptions): Promise<void> {
  return updateService(engine, 'Roll back service', id, (spec, raw) => {
    if (!raw.PreviousSpec) throw new EngineError('engine', `Roll back service: ${spec.Name as string} has no previous version to go back to.`, 'A service can be rolled back after it has been updated once.');
    return spec;
  }, { rollback: 'previous' }, options);
}

/** Replaces every task although nothing changed (`docker service update --force`). */
export function forceRestartService(engine: SwarmRequests, id: string, options?: RequestOptions): Promise<void> {
  return updateService(engine, 'Restart service', id, (spec) => {
    spec.TaskTemplate = spec.TaskTemplate ?? {};
    spec.TaskTemplate.ForceUpdate = ((spec.TaskTemplate.ForceUpdate as number | undefined) ?? 0) + 1;
    return spec;
  }, {}, options);
}

export function removeService(engine: SwarmRequests, id: string, options?: RequestOptions): Promise<void> {
  return swarmCall(engine, 'Remove service', { method: 'DELETE', path: `/services/${pathSegment(id)}` }, options);
}

/** Whether the service's tasks run with a TTY: then its log stream is raw bytes, not stdout/stderr frames. */
export async function serviceUsesTty(engine: SwarmRequests, id: string, options?: RequestOptions): Promise<{ name: string; tty: boolean }> {
  const raw = await swarmCall<RawService>(engine, 'Inspect service', { method: 'GET', path: `/services/${pathSegment(id)}` }, options);
  return { name: String(raw.Spec?.Name ?? id), tty: raw.Spec?.TaskTemplate?.ContainerSpec?.TTY === true };
}

/**
 * Follows the service's logs from every node (`GET /services/{id}/logs`): stdout and stderr,
 * timestamps, and the details that name each line's task and node. No timeout: it stays open.
 */
export function followServiceLogs(engine: SwarmRequests, id: string, from: { tail: number | 'all'; since?: string }, options?: RequestOptions): Promise<NodeJS.ReadableStream> {
  const query = { follow: true, stdout: true, stderr: true, timestamps: true, details: true, tail: from.tail, ...(from.since ? { since: from.since } : {}) };
  return engine.request('Read service logs', (d, abortSignal) => d.getService(pathSegment(id)).logs({ ...query, abortSignal } as object) as Promise<NodeJS.ReadableStream>, { ...options, timeoutMs: 0 });
}
