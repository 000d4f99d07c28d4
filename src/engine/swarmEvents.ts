/**
 * What the Swarm view re-lists for an engine event. Service, node, secret and config events exist
 * from API 1.30; the engine has no task events, and container events stay on the node that runs the
 * container. So a service's tasks are re-listed on its service events, on node events for every
 * service that had a task on that node (a drained node's tasks come back elsewhere), and on the
 * connected node's own container events for swarm tasks. Pure.
 */
import type { EngineEvent } from './types';
import type { SwarmTask } from './swarmTypes';

/** The label the engine puts on a task's container. */
export const SWARM_SERVICE_ID_LABEL = 'com.docker.swarm.service.id';

/** Container events that change what a task shows. */
const TASK_CONTAINER_ACTIONS = new Set(['create', 'start', 'die', 'kill', 'stop', 'destroy', 'oom']);

/**
 * The key of what an event changes, or false when the Swarm view does not care:
 * `service:<id>`, `node:<id>`, `tasks:<service id>`, `secrets`, `configs`.
 */
export function swarmEventKey(event: EngineEvent): string | false {
  switch (event.type) {
    case 'service':
      return event.id ? `service:${event.id}` : 'services';
    case 'node':
      return event.id ? `node:${event.id}` : 'nodes';
    case 'secret':
      return 'secrets';
    case 'config':
      return 'configs';
    case 'container': {
      const serviceId = event.attributes[SWARM_SERVICE_ID_LABEL];
      const relevant = TASK_CONTAINER_ACTIONS.has(event.action) || event.action.startsWith('health_status');
      return serviceId && relevant ? `tasks:${serviceId}` : false;
    }
    default:
      return false;
  }
}

export interface SwarmRelist {
  services: boolean;
  nodes: boolean;
  secrets: boolean;
  configs: boolean;
  /** Services whose tasks to re-list. */
  tasksOf: Set<string>;
}

/** What to re-list for the changes `keys` name; `tasks` are the tasks known now, by service. */
export function planForKeys(keys: Iterable<string>, tasks: ReadonlyMap<string, readonly SwarmTask[]>): SwarmRelist {
  const plan: SwarmRelist = { services: false, nodes: false, secrets: false, configs: false, tasksOf: new Set() };
  for (const key of keys) {
    const colon = key.indexOf(':');
    const kind = colon < 0 ? key : key.slice(0, colon);
    const id = colon < 0 ? '' : key.slice(colon + 1);
    switch (kind) {
      case 'service':
      case 'services':
        plan.services = true;
        if (id) plan.tasksOf.add(id);
        break;
      case 'node':
      case 'nodes':
        plan.nodes = true;
        for (const [serviceId, list] of tasks) if (!id || list.some((t) => t.nodeId === id)) plan.tasksOf.add(serviceId);
        break;
      case 'tasks':
        // The running count on the service's own row comes with the service listing.
        plan.services = true;
        if (id) plan.tasksOf.add(id);
        break;
      case 'secrets':
        plan.secrets = true;
        break;
      case 'configs':
        plan.configs = true;
        break;
      default:
        break;
    }
  }
  return plan;
}
