/** How containers are laid out in the tree: compose projects first, then the rest; which events change them. Pure. */
import type { ContainerState, ContainerSummary, EngineEvent } from '../../engine/types';
import type { ModelNode } from '../shared/treeModel';

export interface ComposeProjectGroup {
  project: string;
  containers: ContainerSummary[];
}

export interface ContainersLayout {
  projects: ComposeProjectGroup[];
  ungrouped: ContainerSummary[];
}

const byName = (a: ContainerSummary, b: ContainerSummary): number => a.name.localeCompare(b.name);
const byServiceThenName = (a: ContainerSummary, b: ContainerSummary): number =>
  (a.composeService ?? '').localeCompare(b.composeService ?? '') || byName(a, b);

export function layoutContainers(containers: readonly ContainerSummary[], groupByComposeProject: boolean): ContainersLayout {
  if (!groupByComposeProject) return { projects: [], ungrouped: [...containers].sort(byName) };
  const projects = new Map<string, ContainerSummary[]>();
  const ungrouped: ContainerSummary[] = [];
  for (const c of containers) {
    if (c.composeProject === undefined) {
      ungrouped.push(c);
    } else {
      const list = projects.get(c.composeProject) ?? [];
      list.push(c);
      projects.set(c.composeProject, list);
    }
  }
  return {
    projects: [...projects.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([project, list]) => ({ project, containers: list.sort(byServiceThenName) })),
    ungrouped: ungrouped.sort(byName),
  };
}

/** The tree: a node per compose project (its containers under it), then the containers outside compose. */
export function containersTree(containers: readonly ContainerSummary[], groupByComposeProject: boolean): ModelNode[] {
  const layout = layoutContainers(containers, groupByComposeProject);
  const row = (c: ContainerSummary): ModelNode => ({ kind: 'container', key: c.id, resource: c });
  return [
    ...layout.projects.map((group) => ({ kind: 'composeProject', key: group.project, resource: group, children: group.containers.map(row) })),
    ...layout.ungrouped.map(row),
  ];
}

/** Container actions that do not change what the view shows. */
const QUIET_ACTIONS = /^(exec_|attach|resize|top|archive-path|extract-to-dir|export|commit|copy)/;

/** The container an event changes (its id), or false when the Containers view does not care. */
export function containerAffectedBy(event: EngineEvent): string | false {
  return event.type === 'container' && !QUIET_ACTIONS.test(event.action) ? event.id : false;
}

/** Counts per state, for a project's description. */
export function stateCounts(containers: readonly ContainerSummary[]): Partial<Record<ContainerState, number>> {
  const counts: Partial<Record<ContainerState, number>> = {};
  for (const c of containers) counts[c.state] = (counts[c.state] ?? 0) + 1;
  return counts;
}
