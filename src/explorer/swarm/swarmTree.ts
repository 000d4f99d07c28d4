/**
 * The Swarm view on the shared live view: services with their tasks, stacks, nodes, secrets and
 * configs, following the engine's service, node, secret and config events (swarmEvents.ts). While
 * a service's rolling update is in progress, the one sanctioned poll (ServiceUpdatePoll) re-lists
 * that service and its tasks about once a second; it stops when the update ends, when the view is
 * hidden, and when the engine goes.
 */
import type * as vscode from 'vscode';
import { Config } from '../../config';
import { swarmEventKey } from '../../engine/swarmEvents';
import { EMPTY_SWARM, loadSwarm, relistSwarm, type SwarmSnapshot } from '../../engine/swarmSnapshot';
import { ServiceUpdatePoll } from '../../engine/swarmUpdatePoll';
import type { EngineSession } from '../../engineSession';
import { Commands, Views } from '../../ids';
import { LiveView, type LiveViewSpec } from '../shared/liveView';
import type { TreeNode } from '../shared/treeModel';
import { configRow, nodeRow, secretRow, sectionRow, serviceRow, stackRow, taskRow } from './swarmPresentation';
import { swarmTree, updatingServices } from './swarmTreeModel';

const spec: LiveViewSpec<SwarmSnapshot> = {
  viewId: Views.swarm,
  noun: 'swarm objects',
  emptyHint: 'Initialize a swarm, or join one.',
  refreshCommand: Commands.swarmRefresh,
  filterCommand: Commands.swarmFilter,
  settingsSection: 'berth.swarm',
  source: {
    empty: EMPTY_SWARM,
    affectedBy: (event) => swarmEventKey(event),
    loadAll: (client) => loadSwarm(client),
    loadSome: (client, current, ids) => relistSwarm(client, current, ids),
  },
  layout: (snapshot) => swarmTree(snapshot, { showEndedTasks: Config.showEndedSwarmTasks() }),
  rows: { swarmSection: sectionRow, swarmStack: stackRow, swarmService: serviceRow, swarmTask: taskRow, swarmNode: nodeRow, swarmSecret: secretRow, swarmConfig: configRow },
};

export class SwarmTree extends LiveView<SwarmSnapshot, TreeNode> {
  /** The one sanctioned poll: re-reads the services being updated (and so their tasks), as their events would. */
  readonly updatePoll = new ServiceUpdatePoll(async (ids) => {
    for (const id of ids) this.invalidate(`service:${id}`);
    // The re-read lands in onDidRefresh, which tells the poll what is still updating.
    return ids;
  });

  constructor(session: EngineSession) {
    super(session, spec);
    this.disposables.push(
      this.updatePoll,
      this.onDidRefresh(() => this.updatePoll.track(updatingServices(this.snapshot))),
      session.onDidChangeState((state) => {
        if (state.kind !== 'connected') this.updatePoll.stop();
      }),
    );
  }

  override bindView(view: vscode.TreeView<TreeNode>): void {
    super.bindView(view);
    // Hidden, the view reads nothing, so the poll has nothing to do; shown again, it follows what was updating.
    this.disposables.push(view.onDidChangeVisibility((e) => (e.visible ? this.updatePoll.track(updatingServices(this.snapshot)) : this.updatePoll.stop())));
  }
}
