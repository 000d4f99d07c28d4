/**
 * The sidebar's live views, made together and reached by view id, so commands need no field per
 * view: refresh, filter and the last snapshot of any view go through here.
 */
import * as vscode from 'vscode';
import type { ContainerSummary } from '../engine/types';
import { ImagesTree } from './images/imagesTree';
import type { ImagesSnapshot, LayerSources } from './images/imagesModel';
import { NetworksTree } from './networks/networksTree';
import type { SwarmSnapshot } from '../engine/swarmSnapshot';
import { SwarmTree } from './swarm/swarmTree';
import type { NetworksSnapshot } from './networks/networksModel';
import { SystemTree } from './system/systemTree';
import type { SystemSnapshot } from './system/systemModel';
import { VolumesTree } from './volumes/volumesTree';
import type { VolumesSnapshot } from './volumes/volumesModel';
import type { EngineSession } from '../engineSession';
import { Views } from '../ids';
import { ContainersTree } from './containers/containersTree';
import type { LiveView } from './shared/liveView';
import type { TreeNode } from './shared/treeModel';

/** What each view holds, by view id. */
export interface ViewSnapshots {
  [Views.containers]: readonly ContainerSummary[];
  [Views.images]: ImagesSnapshot;
  [Views.networks]: NetworksSnapshot;
  [Views.volumes]: VolumesSnapshot;
  [Views.system]: SystemSnapshot;
  [Views.swarm]: SwarmSnapshot;
}

export type LiveViewId = keyof ViewSnapshots;

export class Explorer implements vscode.Disposable {
  private readonly views = new Map<LiveViewId, LiveView<unknown, TreeNode>>();
  readonly containers: ContainersTree;
  readonly volumes: VolumesTree;
  readonly system: SystemTree;

  /** `layerSources` names the Dockerfile lines of image history rows, for the images it knows. */
  constructor(session: EngineSession, layerSources?: LayerSources) {
    this.containers = this.add(Views.containers, new ContainersTree(session));
    this.add(Views.images, new ImagesTree(session, layerSources));
    this.add(Views.networks, new NetworksTree(session));
    this.volumes = this.add(Views.volumes, new VolumesTree(session));
    this.system = this.add(Views.system, new SystemTree(session));
    this.add(Views.swarm, new SwarmTree(session));
  }

  private add<V extends LiveView<unknown, TreeNode>>(id: LiveViewId, view: V): V {
    view.createView();
    this.views.set(id, view);
    return view;
  }

  view(id: LiveViewId): LiveView<unknown, TreeNode> {
    const view = this.views.get(id);
    if (!view) throw new Error(`Berth has no view ${id}.`);
    return view;
  }

  snapshot<V extends LiveViewId>(id: V): ViewSnapshots[V] {
    return this.view(id).snapshot as ViewSnapshots[V];
  }

  refresh(id: LiveViewId): Promise<void> {
    return this.view(id).refreshNow();
  }

  /** Selects the row `match` accepts in view `id` once a read shows it; false when none does in time. */
  reveal(id: LiveViewId, match: (node: TreeNode) => boolean): Promise<boolean> {
    return this.view(id).reveal(match);
  }

  /** Sets the view's filter: `value` when given (Clear Filter passes ''), otherwise what the user types. */
  async filter(id: LiveViewId, value?: unknown): Promise<void> {
    const view = this.view(id);
    const text =
      typeof value === 'string'
        ? value
        : await vscode.window.showInputBox({
            title: `Filter ${view.spec.noun}`,
            prompt: 'Show the rows whose text contains this (any case). Empty shows all.',
            value: view.filter,
          });
    if (text !== undefined) view.setFilter(text);
  }

  dispose(): void {
    for (const view of this.views.values()) view.dispose();
  }
}
