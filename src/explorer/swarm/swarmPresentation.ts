/** Labels, descriptions, icons, context values and tooltips of the Swarm view's rows. Pure, so it is unit-tested. */
import type { SwarmNode, SwarmSecretLike, SwarmService, SwarmTask } from '../../engine/swarmTypes';
import { markdownCode } from '../shared/markdownText';
import { count as countOf, escapeMarkdown, type IconSpec, type Row } from '../shared/rowPresentation';
import { replicaCount, taskIsTerminal, updateInProgress, updateProblem, type ReplicaCount } from './swarmModel';
import type { SecretResource, SectionResource, ServiceResource, StackResource, TaskResource } from './swarmTreeModel';

type SwarmIcon = IconSpec;

/** `8080:80/tcp (host)`: published:target, with the mode when it is not the routing mesh. */
export function portText(p: SwarmService['ports'][number]): string {
  const published = p.publishedPort !== undefined ? `${p.publishedPort}:` : '';
  return `${published}${p.targetPort}/${p.protocol}${p.publishMode === 'host' ? ' (host)' : ''}`;
}

export function serviceDescription(s: SwarmService, count: ReplicaCount): string {
  const mode = s.mode === 'replicated' ? '' : `${s.mode} · `;
  const ports = s.ports.length > 0 ? ` · ${s.ports.map(portText).join(', ')}` : '';
  const update = updateInProgress(s) ? ` · ${s.updateStatus?.state === 'updating' ? 'updating' : 'rolling back'}…` : '';
  return `${mode}${count.running}/${count.desired} · ${s.image}${ports}${update}`;
}

export function serviceIcon(s: SwarmService, count: ReplicaCount): SwarmIcon {
  if (updateProblem(s)) return { id: 'warning', color: 'charts.orange' };
  if (updateInProgress(s)) return { id: 'sync', color: 'charts.blue' };
  if (count.desired === 0) return { id: 'circle-outline', color: 'disabledForeground' };
  if (count.running >= count.desired) return { id: 'pass-filled', color: 'charts.green' };
  return { id: 'circle-large-outline', color: 'charts.yellow' };
}

/** `swarmService.replicated` or `.global`, plus `.updating`: menus offer Scale only for replicated ones. */
export function serviceContextValue(s: SwarmService): string {
  const kind = s.mode === 'replicated' ? 'replicated' : 'global';
  return `swarmService.${kind}${s.stack ? '.stack' : ''}${updateInProgress(s) ? '.updating' : ''}`;
}

export function serviceTooltip(s: SwarmService, tasks: readonly SwarmTask[] | undefined): string {
  const count = replicaCount(s, tasks);
  const lines = [
    `**${escapeMarkdown(s.name)}**`,
    '',
    `Mode: ${s.mode}${s.replicas !== undefined ? ` (${s.replicas} replicas)` : ''} · ${count.running}/${count.desired} running`,
    `Image: ${escapeMarkdown(s.image)}`,
  ];
  if (s.stack) lines.push(`Stack: ${escapeMarkdown(s.stack)}`);
  if (s.ports.length > 0) lines.push(`Ports: ${s.ports.map((p) => escapeMarkdown(portText(p))).join(', ')}`);
  lines.push(`Endpoint: ${s.endpointMode}${s.virtualIps.length > 0 ? ` · virtual IPs ${s.virtualIps.map((v) => escapeMarkdown(v.addr)).join(', ')}` : ''}`);
  const u = s.updateConfig;
  if (u) lines.push(`Updates: ${u.parallelism} at a time, ${u.delayMs / 1000}s apart, ${u.order}, on failure ${escapeMarkdown(u.failureAction)}`);
  if (s.updateStatus) lines.push(`Last update: ${escapeMarkdown(s.updateStatus.state)}${s.updateStatus.message ? ` — ${escapeMarkdown(s.updateStatus.message)}` : ''}`);
  const labels = Object.entries(s.labels);
  if (labels.length > 0) lines.push(`Labels: ${labels.map(([k, v]) => markdownCode(`${k}=${v}`)).join(', ')}`);
  lines.push(`ID: ${escapeMarkdown(s.id.slice(0, 12))}`);
  return lines.join('  \n');
}

/** `slot 2 · berthsw-n3`, or the node alone for a global service's task. */
export function taskLabel(t: SwarmTask, hostnames: ReadonlyMap<string, string>): string {
  const node = t.nodeId ? hostnames.get(t.nodeId) ?? t.nodeId.slice(0, 12) : 'not placed yet';
  return t.slot !== undefined ? `${t.slot} · ${node}` : node;
}

/**
 * `running`, or `failed → shutdown · error text`: the state, where the engine is taking it, and
 * why it failed. No relative time: a row redraws only when what it says changes.
 */
export function taskDescription(t: SwarmTask): string {
  const desired = t.desiredState !== t.state ? ` → ${t.desiredState}` : '';
  const error = t.error ? ` · ${t.error}` : '';
  return `${t.state}${desired} · ${t.image}${error}`;
}

export function taskIcon(t: SwarmTask): SwarmIcon {
  if (t.state === 'running') return t.desiredState === 'running' ? { id: 'vm-running', color: 'charts.green' } : { id: 'vm-active', color: 'charts.yellow' };
  if (t.state === 'failed' || t.state === 'rejected' || t.error) return { id: 'error', color: 'charts.red' };
  if (taskIsTerminal(t)) return { id: 'vm-outline', color: 'disabledForeground' };
  return { id: 'loading~spin', color: 'charts.yellow' };
}

export function taskTooltip(t: SwarmTask, hostnames: ReadonlyMap<string, string>): string {
  const lines = [
    `**Task ${escapeMarkdown(t.id.slice(0, 12))}**`,
    '',
    `Node: ${escapeMarkdown(t.nodeId ? hostnames.get(t.nodeId) ?? t.nodeId : 'not placed yet')}`,
    `State: ${escapeMarkdown(t.state)} (desired ${escapeMarkdown(t.desiredState)})${t.since ? ` since ${t.since.toLocaleString()}` : ''}`,
    `Image: ${escapeMarkdown(t.image)}`,
  ];
  if (t.message) lines.push(`Message: ${escapeMarkdown(t.message)}`);
  if (t.error) lines.push(`Error: ${escapeMarkdown(t.error)}`);
  if (t.containerId) lines.push(`Container: ${escapeMarkdown(t.containerId.slice(0, 12))}`);
  return lines.join('  \n');
}

export function nodeLabel(n: SwarmNode): string {
  return n.hostname || n.id.slice(0, 12);
}

/** `leader · manager · active · ready · 20.10.24 · zone=a`. */
export function nodeDescription(n: SwarmNode): string {
  // A manager without a raft status yet is still being promoted.
  const role = n.leader ? 'leader' : n.role === 'manager' ? `manager${n.reachability === undefined ? ' (promoting)' : n.reachability !== 'reachable' ? ` (${n.reachability})` : ''}` : 'worker';
  const labels = Object.entries(n.labels).map(([k, v]) => (v === '' ? k : `${k}=${v}`));
  return [role, n.availability, n.state, n.engineVersion, ...labels].filter(Boolean).join(' · ');
}

export function nodeIcon(n: SwarmNode): SwarmIcon {
  if (n.state !== 'ready') return { id: 'debug-disconnect', color: 'charts.red' };
  if (n.availability === 'drain') return { id: 'arrow-circle-down', color: 'charts.orange' };
  if (n.availability === 'pause') return { id: 'debug-pause', color: 'charts.yellow' };
  return n.leader ? { id: 'star-full', color: 'charts.green' } : { id: 'server', color: 'charts.green' };
}

/** `swarmNode.<role>.<availability>.<state>`: menus offer Promote to workers, Drain to active nodes, Remove to down ones. */
export function nodeContextValue(n: SwarmNode): string {
  return `swarmNode.${n.role}.${n.availability}.${n.state}${n.leader ? '.leader' : ''}${Object.keys(n.labels).length > 0 ? '.labelled' : ''}`;
}

export function nodeTooltip(n: SwarmNode): string {
  const labels = Object.entries(n.labels);
  return [
    `**${escapeMarkdown(nodeLabel(n))}**${n.leader ? ' (leader)' : ''}`,
    '',
    `Role: ${escapeMarkdown(n.role)}${n.reachability ? ` · ${escapeMarkdown(n.reachability)}` : ''}`,
    `Availability: ${escapeMarkdown(n.availability)} · Status: ${escapeMarkdown(n.state)}`,
    `Address: ${escapeMarkdown(n.addr)} · Engine ${escapeMarkdown(n.engineVersion)}`,
    ...(labels.length > 0 ? [`Labels: ${labels.map(([k, v]) => markdownCode(`${k}=${v}`)).join(', ')}`] : []),
    `ID: ${escapeMarkdown(n.id.slice(0, 12))}`,
  ].join('  \n');
}

export function secretTooltip(kind: 'secret' | 'config', s: SwarmSecretLike, users: readonly string[]): string {
  const labels = Object.entries(s.labels);
  return [
    `**${escapeMarkdown(s.name)}** (${kind})`,
    '',
    ...(kind === 'secret' ? ['The value is write-only: the engine never sends it back.'] : []),
    `Created: ${s.createdAt?.toLocaleString() ?? 'unknown'}`,
    `Used by: ${users.length === 0 ? 'no service' : users.map((u) => escapeMarkdown(u)).join(', ')}`,
    ...(labels.length > 0 ? [`Labels: ${labels.map(([k, v]) => markdownCode(`${k}=${v}`)).join(', ')}`] : []),
    `ID: ${escapeMarkdown(s.id.slice(0, 12))}`,
  ].join('  \n');
}

const SECTION_TITLES: Record<SectionResource['section'], [label: string, icon: string]> = {
  services: ['Services', 'layers'],
  nodes: ['Nodes', 'server-environment'],
  secrets: ['Secrets', 'lock'],
  configs: ['Configs', 'file-code'],
};

export function sectionRow(r: SectionResource): Row {
  const [label, icon] = SECTION_TITLES[r.section];
  return { label, description: String(r.count), icon: { id: icon }, contextValue: `swarmSection.${r.section}`, collapsible: 'expanded' };
}

export function stackRow(r: StackResource): Row {
  return { label: r.name, description: countOf(r.services.length, 'service'), icon: { id: 'layers-active' }, contextValue: 'swarmStack', collapsible: 'expanded', tooltip: `**Stack ${escapeMarkdown(r.name)}**  \n${r.services.map((s) => escapeMarkdown(s.name)).join(', ')}` };
}

export function serviceRow(r: ServiceResource, childCount: number): Row {
  const count = replicaCount(r.service, r.tasks);
  return {
    label: r.service.name,
    description: serviceDescription(r.service, count),
    icon: serviceIcon(r.service, count),
    contextValue: serviceContextValue(r.service),
    tooltip: serviceTooltip(r.service, r.tasks),
    ...(childCount > 0 ? { collapsible: 'collapsed' as const } : {}),
  };
}

export function taskRow(r: TaskResource): Row {
  const names = new Map(r.task.nodeId && r.hostname ? [[r.task.nodeId, r.hostname]] : []);
  return { label: taskLabel(r.task, names), description: taskDescription(r.task), icon: taskIcon(r.task), contextValue: `swarmTask.${r.task.state}`, tooltip: taskTooltip(r.task, names) };
}

export function nodeRow(n: SwarmNode): Row {
  return { label: nodeLabel(n), description: nodeDescription(n), icon: nodeIcon(n), contextValue: nodeContextValue(n), tooltip: nodeTooltip(n) };
}

function secretLikeRow(kind: 'secret' | 'config', r: SecretResource): Row {
  return {
    label: r.item.name,
    description: r.users.length === 0 ? 'unused' : `used by ${r.users.join(', ')}`,
    icon: { id: kind === 'secret' ? 'key' : 'file-code' },
    contextValue: kind === 'secret' ? 'swarmSecret' : 'swarmConfig',
    tooltip: secretTooltip(kind, r.item, r.users),
  };
}

export const secretRow = (r: SecretResource): Row => secretLikeRow('secret', r);
export const configRow = (r: SecretResource): Row => secretLikeRow('config', r);
