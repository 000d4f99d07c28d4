/** The Networks view: its source, model and presentation on the shared live view. */
import { Config } from '../../config';
import type { EngineSession } from '../../engineSession';
import { Commands, Views } from '../../ids';
import { LiveView } from '../shared/liveView';
import type { LiveViewSpec } from '../shared/liveViewSpec';
import type { TreeNode } from '../shared/treeModel';
import { attachmentRow, networkRow } from './networkPresentation';
import { networkAffectedBy, networksTree, type NetworksSnapshot } from './networksModel';

const spec: LiveViewSpec<NetworksSnapshot> = {
  viewId: Views.networks,
  noun: 'networks',
  emptyHint: 'Create one with the + button, or show the built-in ones (berth.networks.showBuiltIn).',
  refreshCommand: Commands.networksRefresh,
  filterCommand: Commands.networksFilter,
  settingsSection: 'berth.networks',
  source: {
    empty: { networks: [], containers: [] },
    affectedBy: networkAffectedBy,
    // Who is attached where comes from the containers' own settings: one listing each, not an inspect per network.
    loadAll: async (client) => {
      const [networks, containers] = await Promise.all([client.networks.list(), client.containers.list()]);
      return { networks, containers };
    },
  },
  layout: (snapshot) => networksTree(snapshot, Config.showBuiltInNetworks()),
  rows: { network: networkRow, networkContainer: attachmentRow },
};

export class NetworksTree extends LiveView<NetworksSnapshot, TreeNode> {
  constructor(session: EngineSession) {
    super(session, spec);
  }
}
