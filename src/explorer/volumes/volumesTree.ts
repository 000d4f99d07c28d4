/** The Volumes view: its source, model and presentation on the shared live view, and sizes measured on request. */
import type { EngineSession } from '../../engineSession';
import { Commands, Views } from '../../ids';
import { LiveView } from '../shared/liveView';
import type { LiveViewSpec } from '../shared/liveViewSpec';
import type { TreeNode } from '../shared/treeModel';
import { volumeMountRow, volumeRow } from './volumePresentation';
import { volumeAffectedBy, volumesTree, type VolumesSnapshot } from './volumesModel';

const spec: LiveViewSpec<VolumesSnapshot> = {
  viewId: Views.volumes,
  noun: 'volumes',
  emptyHint: 'Create one with the + button, or run a container with -v NAME:/path.',
  refreshCommand: Commands.volumesRefresh,
  filterCommand: Commands.volumesFilter,
  source: {
    empty: { volumes: [], containers: [], sizes: undefined },
    affectedBy: volumeAffectedBy,
    // Sizes are not re-read here (/system/df walks every volume): the last measure is kept until the next.
    loadAll: async (client, current) => {
      const [volumes, containers] = await Promise.all([client.volumes.list(), client.containers.list()]);
      return { volumes, containers, sizes: current.sizes };
    },
  },
  layout: volumesTree,
  rows: { volume: volumeRow, volumeContainer: volumeMountRow },
};

export class VolumesTree extends LiveView<VolumesSnapshot, TreeNode> {
  constructor(session: EngineSession) {
    super(session, spec);
  }

  /** Reads every volume's size now (one `/system/df`) and shows it; resolves with the sizes. */
  async measure(): Promise<VolumesSnapshot['sizes']> {
    const client = this.session.requireConnection().client;
    const sizes = { byName: await client.volumes.usage(), measuredAt: new Date() };
    this.update((snapshot) => ({ ...snapshot, sizes }));
    return sizes;
  }
}
