/** The System view: the engine's facts, disk usage (measured when opened), plugins and a live log of recent events. */
import type { EngineSession } from '../../engineSession';
import { Commands, Views } from '../../ids';
import { LiveView } from '../shared/liveView';
import type { LiveViewSpec } from '../shared/liveViewSpec';
import type { TreeNode } from '../shared/treeModel';
import { diskUsageRow, eventRow, factRow, pluginRow, sectionRow } from './systemPresentation';
import { systemAffectedBy, systemTree, withEvent, type Section, type SystemSnapshot } from './systemModel';

const spec: LiveViewSpec<SystemSnapshot> = {
  viewId: Views.system,
  noun: 'facts',
  emptyHint: '',
  refreshCommand: Commands.systemRefresh,
  filterCommand: Commands.systemFilter,
  source: {
    empty: { facts: undefined, plugins: [], disk: undefined, events: [] },
    affectedBy: systemAffectedBy,
    reduce: withEvent,
    // Disk usage and the event log are kept: the one is slow to read, the other comes from the stream.
    loadAll: async (client, current) => {
      const [facts, plugins] = await Promise.all([client.system.facts(), client.system.plugins()]);
      return { ...current, facts, plugins };
    },
  },
  layout: systemTree,
  rows: { section: sectionRow, fact: factRow, diskUsage: diskUsageRow, plugin: pluginRow, event: eventRow },
  expand: async (node, client, snapshot) => {
    if (node.kind !== 'section' || (node.resource as Section).id !== 'disk' || snapshot.disk) return undefined;
    const disk = { usage: await client.system.diskUsage(), measuredAt: new Date() };
    return { into: (current) => ({ ...current, disk }) };
  },
};

export class SystemTree extends LiveView<SystemSnapshot, TreeNode> {
  constructor(session: EngineSession) {
    super(session, spec);
  }

  /** Reads disk usage now (one `/system/df`) and shows it. */
  async measureDisk(): Promise<SystemSnapshot['disk']> {
    const disk = { usage: await this.session.requireConnection().client.system.diskUsage(), measuredAt: new Date() };
    this.update((snapshot) => ({ ...snapshot, disk }));
    return disk;
  }
}
