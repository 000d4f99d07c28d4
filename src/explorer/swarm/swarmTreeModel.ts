/**
 * The Swarm view as a tree: Services (stacks first, each with its services; then the services
 * deployed alone; each service with its tasks), Nodes, Secrets and Configs. An engine outside a
 * swarm gets an explanation with Initialize and Join; a worker, why it shows nothing. Pure.
 */
import type { SwarmSnapshot } from '../../engine/swarmSnapshot';
import type { SwarmNode, SwarmSecretLike, SwarmService, SwarmTask } from '../../engine/swarmTypes';
import { Commands } from '../../ids';
import type { StateNode } from '../shared/stateModel';
import type { ModelNode } from '../shared/treeModel';
import { groupByStack, hostnames, servicesUsing, sortNodes, tasksConverging, updateInProgress, visibleTasks } from './swarmModel';

export type SwarmSection = 'services' | 'nodes' | 'secrets' | 'configs';

export interface SectionResource {
  section: SwarmSection;
  count: number;
}

export interface StackResource {
  name: string;
  services: readonly SwarmService[];
}

export interface ServiceResource {
  service: SwarmService;
  /** Every task the engine keeps for it (for the count), whatever the tree shows. */
  tasks: readonly SwarmTask[] | undefined;
}

export interface TaskResource {
  task: SwarmTask;
  service: SwarmService;
  hostname: string | undefined;
}

export interface SecretResource {
  item: SwarmSecretLike;
  /** Names of the services that use it. */
  users: readonly string[];
}

const message = (key: string, text: string, tone: 'info' | 'warning' | 'error', detail?: string): StateNode => ({ kind: 'message', key, resource: { text, tone, ...(detail ? { detail } : {}) } });
const action = (label: string, command: string, icon: string): StateNode => ({ kind: 'action', key: label, resource: { label, command, icon } });

/** What the view says when this engine cannot list the swarm. */
function stateRows(snapshot: SwarmSnapshot): ModelNode[] {
  const status = snapshot.status;
  if (!status) return [];
  switch (status.localState) {
    case 'inactive':
      return [
        message('inactive', 'This engine is not part of a swarm.', 'info', 'Initialize makes it the first manager of a new swarm, advertising an address of this host that other nodes can reach. Join adds it to an existing swarm, with a join token and a manager address (`docker swarm join-token worker` on a manager prints both).'),
        action('Initialize Swarm…', Commands.swarmInitialize, 'add'),
        action('Join Swarm…', Commands.swarmJoin, 'plug'),
      ];
    case 'active':
      return [
        message('worker', 'This engine is a worker: only managers can show services, nodes, secrets and configs.', 'info', 'Connect Berth to a manager of this swarm with Switch Engine, or leave the swarm.'),
        action('Switch Engine…', Commands.engineSwitch, 'server-environment'),
        action('Leave Swarm…', Commands.swarmLeave, 'debug-disconnect'),
      ];
    default:
      return [
        message('state', `The swarm is ${status.localState}${status.error ? `: ${status.error}` : '.'}`, status.localState === 'pending' ? 'info' : 'error', status.localState === 'locked' ? 'Unlock it with `docker swarm unlock` and the unlock key.' : 'Leave the swarm and join or initialize again if it does not recover.'),
        action('Leave Swarm…', Commands.swarmLeave, 'debug-disconnect'),
      ];
  }
}

function serviceNode(service: SwarmService, snapshot: SwarmSnapshot, names: ReadonlyMap<string, string>, showEnded: boolean): ModelNode {
  const tasks = snapshot.tasks.get(service.id);
  return {
    kind: 'swarmService',
    key: service.id,
    resource: { service, tasks } satisfies ServiceResource,
    children: visibleTasks(tasks ?? [], showEnded).map((task) => ({ kind: 'swarmTask', key: task.id, resource: { task, service, hostname: task.nodeId ? names.get(task.nodeId) : undefined } satisfies TaskResource })),
  };
}

function secretNodes(kind: 'swarmSecret' | 'swarmConfig', items: readonly SwarmSecretLike[], services: readonly SwarmService[]): ModelNode[] {
  return [...items]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((item) => ({ kind, key: item.id, resource: { item, users: servicesUsing(kind === 'swarmSecret' ? 'secret' : 'config', item.id, services).map((s) => s.name) } satisfies SecretResource }));
}

export function swarmTree(snapshot: SwarmSnapshot, options: { showEndedTasks: boolean }): ModelNode[] {
  const status = snapshot.status;
  if (!status || status.localState !== 'active' || !status.isManager) return stateRows(snapshot);
  const names = hostnames(snapshot.nodes);
  const { stacks, loose } = groupByStack(snapshot.services);
  const services: ModelNode[] = [
    ...stacks.map((stack) => ({ kind: 'swarmStack', key: stack.name, resource: { name: stack.name, services: stack.services } satisfies StackResource, children: stack.services.map((s) => serviceNode(s, snapshot, names, options.showEndedTasks)) })),
    ...loose.map((s) => serviceNode(s, snapshot, names, options.showEndedTasks)),
  ];
  const section = (name: SwarmSection, count: number, children: ModelNode[]): ModelNode => ({ kind: 'swarmSection', key: name, resource: { section: name, count } satisfies SectionResource, children });
  return [
    section('services', snapshot.services.length, services),
    section('nodes', snapshot.nodes.length, sortNodes(snapshot.nodes).map((n: SwarmNode) => ({ kind: 'swarmNode', key: n.id, resource: n }))),
    section('secrets', snapshot.secrets.length, secretNodes('swarmSecret', snapshot.secrets, snapshot.services)),
    section('configs', snapshot.configs.length, secretNodes('swarmConfig', snapshot.configs, snapshot.services)),
  ];
}

/**
 * How long after its service or node event a service's tasks (or a node's role) are followed
 * while they converge: the engine has no task events, a scaled service's or drained node's tasks
 * start on other nodes with no event reaching this engine, and a promoted node joins the managers'
 * raft with no event either (that took up to 28 s on the test machine, so the window is twice that).
 */
export const SETTLE_AFTER_EVENT_MS = 60_000;

/**
 * A node whose role change has not reached the managers' raft yet: promoted and not yet reachable
 * (the raft status can read `unreachable` for a while before `reachable`), or demoted and still
 * holding a raft status.
 */
export function nodeConverging(node: SwarmNode): boolean {
  return node.role === 'manager' ? node.reachability !== 'reachable' : node.reachability !== undefined;
}

/**
 * What the update poll follows, as the keys an event would name: `service:<id>` for services
 * whose UpdateStatus says an update (or rollback) is rolling out, and for services and nodes named
 * by an event less than SETTLE_AFTER_EVENT_MS ago that have not converged yet (`settling`: key →
 * until when).
 */
export function followedKeys(snapshot: SwarmSnapshot, settling: ReadonlyMap<string, number>, now: number): string[] {
  const within = (key: string): boolean => (settling.get(key) ?? 0) > now;
  return [
    ...snapshot.services.filter((s) => updateInProgress(s) || (within(`service:${s.id}`) && tasksConverging(snapshot.tasks.get(s.id) ?? []))).map((s) => `service:${s.id}`),
    ...snapshot.nodes.filter((n) => within(`node:${n.id}`) && nodeConverging(n)).map((n) => `node:${n.id}`),
  ];
}

/** The keys an event starts the settle window for: its service; its node, and the services with a task there. */
export function keysSettlingAfter(key: string, snapshot: SwarmSnapshot): string[] {
  const [kind, id] = key.split(':');
  if (!id) return [];
  if (kind === 'service') return [key];
  if (kind === 'node') return [key, ...[...snapshot.tasks].filter(([, tasks]) => tasks.some((t) => t.nodeId === id)).map(([serviceId]) => `service:${serviceId}`)];
  return [];
}
