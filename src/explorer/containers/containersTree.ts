/** The Containers view: its source, model and presentation on the shared live view. */
import { Config } from '../../config';
import { containerTimes } from '../../engine/containerMapping';
import { inspectContainer } from '../../engine/inspect';
import { securityBadges } from '../../inspect/securityBadges';
import type { ContainerSummary } from '../../engine/types';
import type { EngineSession } from '../../engineSession';
import { Commands, Views } from '../../ids';
import { LiveView } from '../shared/liveView';
import type { LiveViewSpec } from '../shared/liveViewSpec';
import { mergeById } from '../shared/treeModel';
import { containerNodeClasses, type ContainersTreeNode } from './containerNodes';
import { containerRow, containerTooltip, projectRow } from './containerPresentation';
import { containerAffectedBy, containersTree } from './containersModel';

const spec: LiveViewSpec<ContainerSummary[]> = {
  viewId: Views.containers,
  noun: 'containers',
  emptyHint: 'Run one with docker run, or bring up a compose project.',
  refreshCommand: Commands.containersRefresh,
  filterCommand: Commands.containersFilter,
  settingsSection: 'berth.containers',
  source: {
    empty: [],
    affectedBy: containerAffectedBy,
    loadAll: (client) => client.containers.list(),
    // An event names its container: ask for just those rows instead of re-listing hundreds.
    loadSome: async (client, current, ids) => mergeById(current, ids, await client.containers.list({ ids })),
  },
  layout: (containers) => containersTree(containers, Config.groupByComposeProject()),
  rows: { container: containerRow, composeProject: projectRow },
  nodes: containerNodeClasses,
  // How long it has been up or down: read and worked out on hover, so it is never out of date.
  tooltip: async (node, client) => {
    if (node.kind !== 'container' || !client) return undefined;
    const c = node.resource as ContainerSummary;
    const raw = await inspectContainer(client, c.id);
    return containerTooltip(c, containerTimes(raw), new Date(), Config.securityBadges() ? securityBadges(raw) : []);
  },
};

export class ContainersTree extends LiveView<ContainerSummary[], ContainersTreeNode> {
  constructor(session: EngineSession) {
    super(session, spec);
  }

  /** The last listing. */
  get containers(): readonly ContainerSummary[] {
    return this.snapshot;
  }
}
