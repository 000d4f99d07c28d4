/**
 * The Swarm view on the shared live view: services with their tasks, stacks, nodes, secrets and
 * configs, following the engine's service, node, secret and config events (swarmEvents.ts). While
 * a service's rolling update is in progress — or, for up to 30 s after its service or node event,
 * while its tasks (or the node's new role) have not converged — the one sanctioned poll
 * (ServiceUpdatePoll) re-lists that service and its tasks (or the nodes) about once a second; it
 * stops when they are done, when the view is hidden, and when the engine goes. Nothing else polls.
 */
import type * as vscode from 'vscode';
import { Config } from '../../config';
import { swarmEventKey } from '../../engine/swarmEvents';
import { EMPTY_SWARM, loadSwarm, relistSwarm, type SwarmSnapshot } from '../../engine/swarmSnapshot';
import { ServiceUpdatePoll } from '../../engine/swarmUpdatePoll';
import type { EngineSession } from '../../engineSession';
import { Commands, Views } from '../../ids';
import { LiveView } from '../shared/liveView';
import type { LiveViewSpec } from '../shared/liveViewSpec';
import type { TreeNode } from '../shared/treeModel';
import { configRow, nodeRow, secretRow, sectionRow, serviceRow, stackRow, taskRow } from './swarmPresentation';
import { followedKeys, keysSettlingAfter, SETTLE_AFTER_EVENT_MS, swarmTree } from './swarmTreeModel';

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
  /** The one sanctioned poll: re-reads what it follows (`service:<id>`, `node:<id>`), as their events would. */
  readonly updatePoll = new ServiceUpdatePoll(async (keys) => {
    for (const key of keys) this.invalidate(key);
    // The re-read lands in onDidRefresh, which tells the poll what is still converging.
    return keys;
  });

  /** `service:<id>` or `node:<id>` → until when it is followed after an event named it. */
  private readonly settling = new Map<string, number>();

  constructor(session: EngineSession) {
    super(session, spec);
    this.disposables.push(
      this.updatePoll,
      this.onDidRefresh(() => this.follow()),
      session.onEachConnection((scope) => {
        scope.add(scope.connection.events.onEvent((event) => {
          const key = swarmEventKey(event);
          if (!key) return;
          for (const settling of keysSettlingAfter(key, this.snapshot)) this.settling.set(settling, Date.now() + SETTLE_AFTER_EVENT_MS);
        }));
        scope.onDispose(() => {
          this.settling.clear();
          this.updatePoll.stop();
        });
      }),
    );
  }

  /** Tells the poll which services to follow now, and forgets settle windows that have ended. */
  private follow(): void {
    const now = Date.now();
    for (const [id, until] of this.settling) if (until <= now) this.settling.delete(id);
    this.updatePoll.track(followedKeys(this.snapshot, this.settling, now));
  }

  override bindView(view: vscode.TreeView<TreeNode>): void {
    super.bindView(view);
    // Hidden, the view reads nothing, so the poll has nothing to do; shown again, it follows what was updating.
    this.disposables.push(view.onDidChangeVisibility((e) => (e.visible ? this.follow() : this.updatePoll.stop())));
  }
}
