/**
 * Everything the Swarm view shows, read from a manager: the swarm's state, services with their
 * tasks, nodes, secrets and configs. `loadSwarm` reads it all; `relistSwarm` re-reads only what a
 * burst of events named (swarmEvents.ts) and keeps the rest.
 */
import type { RequestOptions } from './requests';
import type { SwarmRequests } from './swarmApi';
import { planForKeys } from './swarmEvents';
import { listNodes, swarmStatus } from './swarmNodes';
import { listSecretLikes } from './swarmSecrets';
import { listServices, listTasks } from './swarmServices';
import type { SwarmNode, SwarmSecretLike, SwarmService, SwarmStatus, SwarmTask } from './swarmTypes';

export interface SwarmSnapshot {
  /** Undefined until read. */
  status: SwarmStatus | undefined;
  services: readonly SwarmService[];
  /** Every task the engine still keeps, by service id. */
  tasks: ReadonlyMap<string, readonly SwarmTask[]>;
  nodes: readonly SwarmNode[];
  secrets: readonly SwarmSecretLike[];
  configs: readonly SwarmSecretLike[];
}

export const EMPTY_SWARM: SwarmSnapshot = { status: undefined, services: [], tasks: new Map(), nodes: [], secrets: [], configs: [] };

/** Whether the engine can show the swarm: an active swarm, and this engine one of its managers. */
export function canListSwarm(status: SwarmStatus | undefined): boolean {
  return status?.localState === 'active' && status.isManager;
}

function byService(tasks: readonly SwarmTask[]): Map<string, SwarmTask[]> {
  const map = new Map<string, SwarmTask[]>();
  for (const t of tasks) map.set(t.serviceId, [...(map.get(t.serviceId) ?? []), t]);
  return map;
}

/** Reads the whole swarm (one request per kind); only the state when this engine is not a manager of an active swarm. */
export async function loadSwarm(engine: SwarmRequests, options?: RequestOptions): Promise<SwarmSnapshot> {
  const status = await swarmStatus(engine, options);
  if (!canListSwarm(status)) return { ...EMPTY_SWARM, status };
  const [services, tasks, nodes, secrets, configs] = await Promise.all([
    listServices(engine, options),
    listTasks(engine, {}, options),
    listNodes(engine, options),
    listSecretLikes(engine, 'secret', options),
    listSecretLikes(engine, 'config', options),
  ]);
  return { status, services, tasks: byService(tasks), nodes, secrets, configs };
}

/** Re-reads what `keys` (from swarmEventKey) name, in parallel, and keeps everything else from `current`. */
export async function relistSwarm(engine: SwarmRequests, current: SwarmSnapshot, keys: readonly string[], options?: RequestOptions): Promise<SwarmSnapshot> {
  if (!canListSwarm(current.status)) return loadSwarm(engine, options);
  const plan = planForKeys(keys, current.tasks);
  const serviceIds = [...plan.tasksOf];
  const [services, tasks, nodes, secrets, configs] = await Promise.all([
    plan.services ? listServices(engine, options) : undefined,
    serviceIds.length > 0 ? listTasks(engine, { serviceIds }, options) : undefined,
    plan.nodes ? listNodes(engine, options) : undefined,
    plan.secrets ? listSecretLikes(engine, 'secret', options) : undefined,
    plan.configs ? listSecretLikes(engine, 'config', options) : undefined,
  ]);
  let taskMap = current.tasks;
  if (tasks) {
    const fresh = byService(tasks);
    const merged = new Map(current.tasks);
    for (const id of serviceIds) {
      const list = fresh.get(id);
      if (list) merged.set(id, list);
      else merged.delete(id);
    }
    taskMap = merged;
  }
  // Tasks of a service that is gone go with it.
  if (services) {
    const live = new Set(services.map((s) => s.id));
    if ([...taskMap.keys()].some((id) => !live.has(id))) taskMap = new Map([...taskMap].filter(([id]) => live.has(id)));
  }
  return {
    status: current.status,
    services: services ?? current.services,
    tasks: taskMap,
    nodes: nodes ?? current.nodes,
    secrets: secrets ?? current.secrets,
    configs: configs ?? current.configs,
  };
}
