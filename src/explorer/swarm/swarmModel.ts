/**
 * The Swarm view's model, pure: stacks grouped by `com.docker.stack.namespace`, running/desired
 * replicas, which tasks show, the leader, which services use a secret or config, and whether a
 * service is in the middle of a rolling update.
 */
import type { SecretKind } from '../../engine/swarmSecrets';
import type { SwarmNode, SwarmService, SwarmTask, TaskState } from '../../engine/swarmTypes';

/** States a task never leaves: it stays in the list as history (the engine keeps a few per slot). */
const TERMINAL_STATES: ReadonlySet<string> = new Set<TaskState>(['complete', 'shutdown', 'failed', 'rejected', 'orphaned', 'remove']);

export function taskIsTerminal(task: SwarmTask): boolean {
  return TERMINAL_STATES.has(task.state);
}

export interface ReplicaCount {
  running: number;
  desired: number;
}

/**
 * Running and desired tasks. From the tasks when they are known (what the tree shows), else from
 * the engine's own count; desired is the replica count of a replicated service, and for a global
 * one the number of tasks the engine wants running.
 */
export function replicaCount(service: SwarmService, tasks: readonly SwarmTask[] | undefined): ReplicaCount {
  if (!tasks) return { running: service.runningTasks ?? 0, desired: service.replicas ?? service.desiredTasks ?? 0 };
  const running = tasks.filter((t) => t.state === 'running' && t.desiredState === 'running').length;
  const desired = service.mode === 'replicated' ? service.replicas ?? 0 : tasks.filter((t) => t.desiredState === 'running').length;
  return { running, desired };
}

/** The tasks a service's row shows: live ones, plus failed and shut-down ones when `showEnded`; by slot, newest first in a slot. */
export function visibleTasks(tasks: readonly SwarmTask[], showEnded: boolean): SwarmTask[] {
  return tasks
    .filter((t) => showEnded || !taskIsTerminal(t))
    .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || (a.nodeId ?? '').localeCompare(b.nodeId ?? '') || time(b.createdAt) - time(a.createdAt));
}

function time(d: Date | undefined): number {
  return d?.getTime() ?? 0;
}

export interface StackGroup {
  name: string;
  services: SwarmService[];
}

/** Services by stack, sorted by name; services deployed outside a stack come back in `loose`. */
export function groupByStack(services: readonly SwarmService[]): { stacks: StackGroup[]; loose: SwarmService[] } {
  const stacks = new Map<string, SwarmService[]>();
  const loose: SwarmService[] = [];
  for (const s of services) {
    if (s.stack) stacks.set(s.stack, [...(stacks.get(s.stack) ?? []), s]);
    else loose.push(s);
  }
  const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);
  return {
    stacks: [...stacks].map(([name, list]) => ({ name, services: list.sort(byName) })).sort(byName),
    loose: loose.sort(byName),
  };
}

/** Managers first (the leader at the top), then workers, each by hostname. */
export function sortNodes(nodes: readonly SwarmNode[]): SwarmNode[] {
  const rank = (n: SwarmNode): number => (n.leader ? 0 : n.role === 'manager' ? 1 : 2);
  return [...nodes].sort((a, b) => rank(a) - rank(b) || a.hostname.localeCompare(b.hostname) || a.id.localeCompare(b.id));
}

export function leaderOf(nodes: readonly SwarmNode[]): SwarmNode | undefined {
  return nodes.find((n) => n.leader);
}

/** Services whose tasks get the secret or config, for Inspect and before Remove. */
export function servicesUsing(kind: SecretKind, id: string, services: readonly SwarmService[]): SwarmService[] {
  return services.filter((s) => (kind === 'secret' ? s.secrets : s.configs).some((r) => r.id === id));
}

/**
 * Whether the service's tasks are still on their way: one the engine wants running that is not
 * running yet (new … starting), or one it wants stopped that still runs.
 */
export function tasksConverging(tasks: readonly SwarmTask[]): boolean {
  return tasks.some((t) => (t.desiredState === 'running' ? t.state !== 'running' && !taskIsTerminal(t) : t.state === 'running'));
}

/** True while the engine is rolling an update (or a rollback) out: the one time Berth re-lists tasks on a timer. */
export function updateInProgress(service: SwarmService): boolean {
  const state = service.updateStatus?.state;
  return state === 'updating' || state === 'rollback_started';
}

/** What to tell the user when an update stopped short: paused on failure, or rolled back. Undefined when all is well. */
export function updateProblem(service: SwarmService): string | undefined {
  const status = service.updateStatus;
  if (!status) return undefined;
  const said = status.message ? `: ${status.message}` : '';
  switch (status.state) {
    case 'paused':
      return `The update of ${service.name} paused${said}. Fix the cause, then update again or roll back.`;
    case 'rollback_paused':
      return `The rollback of ${service.name} paused${said}.`;
    case 'rollback_started':
    case 'rollback_completed':
      // A rollback the user asked for says "manually requested rollback"; anything else was a failed update.
      return /manually requested/i.test(status.message) ? undefined : `The update of ${service.name} failed and was rolled back${said}.`;
    default:
      return undefined;
  }
}

/** Node ids → hostnames, for task rows. */
export function hostnames(nodes: readonly SwarmNode[]): Map<string, string> {
  return new Map(nodes.map((n) => [n.id, n.hostname]));
}
