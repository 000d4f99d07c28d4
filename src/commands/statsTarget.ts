/** Which containers "Show Stats" was invoked on, from the clicked rows' `kind`. Pure: unit-tested without VS Code. */
import type { ContainerSummary } from '../engine/types';
import type { StatsTarget } from '../stats/statsSelection';

export interface Resolved {
  target: StatsTarget;
  title: string;
}

/** What a tree row carries, whichever explorer shape it has: `{ kind, resource }` or the older named fields. */
interface RowLike {
  kind?: unknown;
  resource?: unknown;
  container?: unknown;
  project?: unknown;
  group?: { project?: unknown };
}

function isContainer(value: unknown): value is ContainerSummary {
  return typeof value === 'object' && value !== null && typeof (value as ContainerSummary).id === 'string' && typeof (value as ContainerSummary).name === 'string';
}

function rowContainer(row: RowLike): ContainerSummary | undefined {
  if (row.kind !== 'container') return undefined;
  const c = row.resource ?? row.container;
  return isContainer(c) ? c : undefined;
}

function rowProject(row: RowLike): string | undefined {
  if (row.kind !== 'composeProject') return undefined;
  const resource = row.resource as { project?: unknown } | undefined;
  const project = resource?.project ?? row.project ?? row.group?.project;
  return typeof project === 'string' ? project : undefined;
}

/** The target of a context-menu invocation: one project, or the selected containers. */
export function statsTargetOfRows(node: unknown, nodes: unknown): Resolved | undefined {
  const rows = (Array.isArray(nodes) && nodes.length > 0 ? nodes : node !== undefined ? [node] : []).filter((r): r is RowLike => typeof r === 'object' && r !== null);
  const projects = rows.map(rowProject).filter((p): p is string => p !== undefined);
  if (projects.length === 1 && rows.length === 1) return { target: { kind: 'project', project: projects[0]! }, title: projects[0]! };
  const containers = rows.map(rowContainer).filter((c): c is ContainerSummary => c !== undefined);
  if (containers.length === 0) return undefined;
  return { target: { kind: 'containers', ids: containers.map((c) => c.id) }, title: containers.map((c) => c.name).join(', ') };
}
