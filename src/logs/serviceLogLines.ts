/**
 * What a swarm service's log lines carry and whose they are. With `details=true` the engine puts
 * the line's attributes before its text: `k=v,k=v ` (keys and values query-escaped, so no spaces),
 * among them `com.docker.swarm.task.id` and `com.docker.swarm.node.id`. Each line is then shown
 * as its task's, named as `docker service logs --no-task-ids` names it. Pure.
 */
import type { SwarmNode, SwarmTask } from '../engine/swarmTypes';

export const TASK_ID_ATTR = 'com.docker.swarm.task.id';
export const NODE_ID_ATTR = 'com.docker.swarm.node.id';

export interface ServiceLogText {
  /** The attributes the engine sent before the text (empty when there were none). */
  attrs: Record<string, string>;
  text: string;
}

const DETAILS = /^([^\s=,]+=[^\s,]*(?:,[^\s=,]+=[^\s,]*)*) /;

function unescape(v: string): string {
  try {
    return decodeURIComponent(v.replace(/\+/g, ' '));
  } catch {
    return v;
  }
}

/** Splits the details off a line's text; text without them is kept whole. */
export function splitServiceLogDetails(text: string): ServiceLogText {
  const m = DETAILS.exec(text);
  if (!m) return { attrs: {}, text };
  const attrs: Record<string, string> = {};
  for (const pair of m[1]!.split(',')) {
    const at = pair.indexOf('=');
    attrs[unescape(pair.slice(0, at))] = unescape(pair.slice(at + 1));
  }
  return { attrs, text: text.slice(m[0].length) };
}

/** How a task's lines are labelled and coloured in the view. */
export interface TaskSource {
  /** `web.2@node-1` for a replicated service's slot 2; `web@node-1` for a global service's task. */
  name: string;
  /** Tasks that replace each other in one slot (or on one node, for a global service) share a colour. */
  colorKey: string;
}

/**
 * The source a task's lines show under. `task` and `node` are what the last listing knew; a task
 * not listed yet shows under its short id, a node not listed under its short id.
 */
export function taskSource(serviceName: string, taskId: string, task: Pick<SwarmTask, 'slot' | 'nodeId'> | undefined, nodes: ReadonlyMap<string, Pick<SwarmNode, 'hostname'>>, nodeId?: string): TaskSource {
  const node = task?.nodeId ?? nodeId;
  const host = node ? nodes.get(node)?.hostname || node.slice(0, 12) : undefined;
  const at = host ? `@${host}` : '';
  if (task?.slot !== undefined && task.slot > 0) return { name: `${serviceName}.${task.slot}${at}`, colorKey: `slot ${task.slot}` };
  if (task && host) return { name: `${serviceName}${at}`, colorKey: `node ${host}` };
  return { name: `${serviceName}.${taskId.slice(0, 12)}${at}`, colorKey: `task ${taskId}` };
}
