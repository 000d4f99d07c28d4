/** How containers are laid out in the tree: compose projects first, then the rest. Pure. */
import type { ContainerState, ContainerSummary } from '../../engine/types';

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

/** A string that changes exactly when the tree's shape changes (which node sits under which). */
export function layoutShape(layout: ContainersLayout): string {
  return JSON.stringify([layout.projects.map((p) => [p.project, p.containers.map((c) => c.id)]), layout.ungrouped.map((c) => c.id)]);
}

/** What a container row shows; when this changes the row is redrawn. */
export function containerFingerprint(c: ContainerSummary): string {
  return JSON.stringify([c.name, c.image, c.state, c.status, c.health, c.ports, c.command]);
}

/** Counts per state, for a project's description. */
export function stateCounts(containers: readonly ContainerSummary[]): Partial<Record<ContainerState, number>> {
  const counts: Partial<Record<ContainerState, number>> = {};
  for (const c of containers) counts[c.state] = (counts[c.state] ?? 0) + 1;
  return counts;
}
