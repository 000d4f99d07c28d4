/**
 * The swarm itself (status, initialize, join, leave) and its nodes: availability (drain, pause,
 * activate), role (promote, demote), labels, remove. Node changes read the node's spec and send
 * it back whole with the version read, as the CLI does.
 */
import type { RequestOptions } from './requests';
import { EngineError } from './errors';
import { outOfSequence, pathSegment, swarmCall, type SwarmRequests } from './swarmApi';
import { toSwarmNode, toSwarmStatus } from './swarmMapping';
import type { NodeAvailability, NodeRole, SwarmNode, SwarmStatus } from './swarmTypes';

export function swarmStatus(engine: SwarmRequests, options?: RequestOptions): Promise<SwarmStatus> {
  return swarmCall<unknown>(engine, 'Read swarm state', { method: 'GET', path: '/info' }, options).then(toSwarmStatus);
}

/** `docker swarm init`: this engine becomes the first manager, advertising `advertiseAddr`. Resolves with its node id. */
export function initSwarm(engine: SwarmRequests, advertiseAddr: string, options?: RequestOptions): Promise<string> {
  return swarmCall<string>(engine, 'Initialize swarm', { method: 'POST', path: '/swarm/init', body: { ListenAddr: '0.0.0.0:2377', AdvertiseAddr: advertiseAddr } }, { timeoutMs: 60_000, ...options });
}

/** `docker swarm join`: joins as manager or worker, whichever the token is for. */
export function joinSwarm(engine: SwarmRequests, join: { remoteAddr: string; token: string; advertiseAddr?: string }, options?: RequestOptions): Promise<void> {
  const body = { ListenAddr: '0.0.0.0:2377', RemoteAddrs: [join.remoteAddr], JoinToken: join.token.trim(), ...(join.advertiseAddr ? { AdvertiseAddr: join.advertiseAddr } : {}) };
  return swarmCall(engine, 'Join swarm', { method: 'POST', path: '/swarm/join', body }, { timeoutMs: 60_000, ...options });
}

/** `docker swarm leave`; `force` is needed for a manager (the last one takes the swarm with it). */
export function leaveSwarm(engine: SwarmRequests, force: boolean, options?: RequestOptions): Promise<void> {
  return swarmCall(engine, 'Leave swarm', { method: 'POST', path: '/swarm/leave', query: { force } }, { timeoutMs: 60_000, ...options });
}

/** The join tokens (managers only): what another engine needs to join. */
export function joinTokens(engine: SwarmRequests, options?: RequestOptions): Promise<{ manager: string; worker: string }> {
  return swarmCall<{ JoinTokens?: { Manager?: string; Worker?: string } }>(engine, 'Read join tokens', { method: 'GET', path: '/swarm' }, options).then((raw) => ({
    manager: raw.JoinTokens?.Manager ?? '',
    worker: raw.JoinTokens?.Worker ?? '',
  }));
}

export function listNodes(engine: SwarmRequests, options?: RequestOptions): Promise<SwarmNode[]> {
  return swarmCall<unknown[]>(engine, 'List nodes', { method: 'GET', path: '/nodes' }, options).then((raw) => (raw ?? []).map(toSwarmNode));
}

interface RawNode {
  Version: { Index: number };
  Spec: { Role?: string; Availability?: string; Labels?: Record<string, string>; Name?: string };
}

/** Reads the node, lets `change` edit its spec, and sends it back; once more if another change came first. */
async function updateNode(engine: SwarmRequests, operation: string, id: string, change: (spec: RawNode['Spec']) => RawNode['Spec'], options?: RequestOptions): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const raw = await swarmCall<RawNode>(engine, operation, { method: 'GET', path: `/nodes/${pathSegment(id)}` }, options);
    const spec = change({ ...raw.Spec, Labels: { ...(raw.Spec.Labels ?? {}) } });
    try {
      await swarmCall(engine, operation, { method: 'POST', path: `/nodes/${pathSegment(id)}/update`, query: { version: raw.Version.Index }, body: spec }, options);
      return;
    } catch (error) {
      if (attempt === 0 && outOfSequence(error)) continue;
      throw error;
    }
  }
}

const AVAILABILITY_VERB: Record<NodeAvailability, string> = { active: 'Activate node', pause: 'Pause node', drain: 'Drain node' };

/** Drain moves the node's tasks elsewhere; pause keeps them but schedules no new ones; active undoes both. */
export function setNodeAvailability(engine: SwarmRequests, id: string, availability: NodeAvailability, options?: RequestOptions): Promise<void> {
  return updateNode(engine, AVAILABILITY_VERB[availability], id, (spec) => ({ ...spec, Availability: availability }), options);
}

export async function setNodeRole(engine: SwarmRequests, id: string, role: NodeRole, options?: RequestOptions): Promise<void> {
  const operation = role === 'manager' ? 'Promote node' : 'Demote node';
  try {
    await updateNode(engine, operation, id, (spec) => ({ ...spec, Role: role }), options);
  } catch (error) {
    // Demoting a node whose promotion has not reached the managers' raft yet.
    if (error instanceof EngineError && /raft memberlist/.test(error.message)) {
      throw new EngineError('conflict', error.message, 'The node is still becoming a manager: try again once the Swarm view shows it reachable.', error.statusCode, error);
    }
    throw error;
  }
}

/** Adds (or replaces) and removes node labels in one update. */
export function changeNodeLabels(engine: SwarmRequests, id: string, change: { add?: Readonly<Record<string, string>>; remove?: readonly string[] }, options?: RequestOptions): Promise<void> {
  for (const key of Object.keys(change.add ?? {})) {
    if (key.trim() === '') return Promise.reject(new EngineError('engine', 'Add node label: a label needs a name.', 'Write it as key=value.'));
  }
  return updateNode(engine, 'Change node labels', id, (spec) => {
    const labels = { ...(spec.Labels ?? {}), ...(change.add ?? {}) };
    for (const key of change.remove ?? []) delete labels[key];
    return { ...spec, Labels: labels };
  }, options);
}

/** Removes a node from the swarm; `force` for one that is not down (the engine refuses otherwise). */
export function removeNode(engine: SwarmRequests, id: string, force = false, options?: RequestOptions): Promise<void> {
  return swarmCall(engine, 'Remove node', { method: 'DELETE', path: `/nodes/${pathSegment(id)}`, query: { force } }, options);
}
