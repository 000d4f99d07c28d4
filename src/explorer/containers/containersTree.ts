/**
 * The Containers view's data provider. It re-lists on engine events (debounced, one request
 * in flight at a time), keeps one node object per container and fires changes only for rows
 * that changed — or the root when the tree's shape changed. Nothing runs while the view is hidden.
 */
import * as vscode from 'vscode';
import { Config } from '../../config';
import type { EngineEvent, ContainerSummary } from '../../engine/types';
import type { EngineConnection } from '../../engine/engineConnection';
import type { EngineSession } from '../../engineSession';
import { containerFingerprint, layoutContainers, layoutShape } from './containersModel';
import { ComposeProjectNode, ContainerNode, type ContainersTreeNode } from './containerNodes';

/** Container actions that do not change what the view shows. */
const QUIET_ACTIONS = /^(exec_|attach|resize|top|archive-path|extract-to-dir|export|commit|copy)/;

export function affectsContainerList(event: EngineEvent): boolean {
  return event.type === 'container' && !QUIET_ACTIONS.test(event.action);
}

const DEBOUNCE_MS = 20;
/** Above this many changed containers one full listing is cheaper than a filtered one. */
const MAX_INCREMENTAL = 20;

export class ContainersTree implements vscode.TreeDataProvider<ContainersTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ContainersTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly refreshedEmitter = new vscode.EventEmitter<void>();
  /** Fires after every completed re-list (tests and benchmarks wait on it). */
  readonly onDidRefresh = this.refreshedEmitter.event;

  private containerNodes = new Map<string, ContainerNode>();
  private projectNodes = new Map<string, ComposeProjectNode>();
  private topLevel: ContainersTreeNode[] = [];
  private shape = '';
  private loaded = false;
  private visible = false;
  private stale = true;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private again = false;
  /** The last listing, in engine order. */
  private current: ContainerSummary[] = [];
  private readonly pendingIds = new Set<string>();
  private fullPending = true;
  private connectionSubscriptions: { dispose(): void }[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private view: vscode.TreeView<ContainersTreeNode> | undefined;
  private failureMessage: string | undefined;

  constructor(private readonly session: EngineSession) {
    this.disposables.push(
      this.changeEmitter,
      this.refreshedEmitter,
      session.onDidChangeConnection((c) => this.attach(c)),
      session.onDidChangeState((s) => {
        if (s.kind !== 'connected' && s.kind !== 'connecting') this.clear();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('berth.containers')) this.refreshNow();
      }),
    );
    this.attach(session.connection);
  }

  /** Wires the view to a TreeView so it knows when it is visible. */
  bindView(view: vscode.TreeView<ContainersTreeNode>): void {
    this.view = view;
    this.visible = view.visible;
    this.disposables.push(
      view.onDidChangeVisibility((e) => {
        this.visible = e.visible;
        if (e.visible && this.stale) this.schedule();
      }),
    );
  }

  get containers(): readonly ContainerSummary[] {
    return this.current;
  }

  /** Why the last refresh could not be shown, while the view says so; undefined otherwise. */
  get failure(): string | undefined {
    return this.failureMessage;
  }

  private attach(connection: EngineConnection | undefined): void {
    for (const s of this.connectionSubscriptions) s.dispose();
    this.connectionSubscriptions = [];
    this.clear();
    if (!connection) return;
    this.connectionSubscriptions.push(
      connection.onDidResync(() => this.refreshNow()),
      connection.events.onEvent((e) => {
        if (affectsContainerList(e)) this.schedule(e.id);
      }),
    );
  }

  getTreeItem(node: ContainersTreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  getParent(node: ContainersTreeNode): ContainersTreeNode | undefined {
    return node.kind === 'container' ? node.parent : undefined;
  }

  async getChildren(node?: ContainersTreeNode): Promise<ContainersTreeNode[]> {
    if (node) return node.kind === 'composeProject' ? node.children : [];
    this.session.ensureStarted();
    if (this.session.state.kind !== 'connected') return [];
    if (!this.loaded) await this.refreshNow();
    return this.topLevel;
  }

  /** Re-list everything now (the Refresh button, a reconnect, a setting change). */
  refreshNow(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.fullPending = true;
    return this.run();
  }

  /** Notes a changed container; the debounced run lists just those (or everything when many changed). */
  private schedule(containerId?: string): void {
    if (containerId) this.pendingIds.add(containerId);
    else this.fullPending = true;
    this.stale = true;
    if (!this.visible && this.loaded) return;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, DEBOUNCE_MS);
  }

  private run(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    // load() handles the engine's failures; anything else is a bug that the view shows rather than an unhandled rejection.
    this.inFlight = this.load().catch((error: unknown) => this.showFailure(error)).finally(() => {
      this.inFlight = undefined;
      if (this.again) {
        this.again = false;
        void this.run();
      }
    });
    return this.inFlight;
  }

  private async load(): Promise<void> {
    const connection = this.session.connection;
    if (!connection || this.session.state.kind !== 'connected') return;
    const ids = [...this.pendingIds];
    const incremental = !this.fullPending && this.loaded && ids.length > 0 && ids.length <= MAX_INCREMENTAL;
    this.pendingIds.clear();
    this.fullPending = false;
    this.stale = false;
    let list: ContainerSummary[];
    try {
      if (incremental) {
        // An event names its container: ask for just those rows instead of re-listing hundreds.
        const fresh = await connection.client.listContainers({ ids });
        const byId = new Map(this.current.map((c) => [c.id, c]));
        for (const id of ids) byId.delete(id); // destroyed ones do not come back
        for (const c of fresh) byId.set(c.id, c);
        list = [...byId.values()];
      } else {
        list = await connection.client.listContainers();
      }
    } catch {
      // The event stream reports outages; the next resync re-lists everything.
      this.stale = true;
      this.fullPending = true;
      return;
    }
    if (connection !== this.session.connection) return;
    this.current = list;
    this.apply(list);
    if (this.failureMessage) this.setFailure(undefined);
    this.refreshedEmitter.fire();
  }

  private showFailure(error: unknown): void {
    this.stale = true;
    this.fullPending = true;
    this.setFailure(`Berth could not show the containers: ${error instanceof Error ? error.message : String(error)}. Refresh to try again.`);
  }

  private setFailure(message: string | undefined): void {
    this.failureMessage = message;
    if (this.view) this.view.message = message;
  }

  private apply(list: ContainerSummary[]): void {
    const layout = layoutContainers(list, Config.groupByComposeProject());
    const shape = layoutShape(layout);
    const changed: ContainersTreeNode[] = [];
    const nextContainers = new Map<string, ContainerNode>();
    const nextProjects = new Map<string, ComposeProjectNode>();

    const nodeFor = (c: ContainerSummary, parent: ComposeProjectNode | undefined): ContainerNode => {
      const existing = this.containerNodes.get(c.id);
      if (existing && existing.parent === parent) {
        if (containerFingerprint(existing.container) !== containerFingerprint(c)) changed.push(existing);
        existing.container = c;
        nextContainers.set(c.id, existing);
        return existing;
      }
      const node = new ContainerNode(c, parent);
      nextContainers.set(c.id, node);
      return node;
    };

    const top: ContainersTreeNode[] = [];
    for (const group of layout.projects) {
      let projectNode = this.projectNodes.get(group.project);
      if (projectNode) {
        const before = projectNode.toTreeItem().description;
        projectNode.group = group;
        if (projectNode.toTreeItem().description !== before) changed.push(projectNode);
      } else {
        projectNode = new ComposeProjectNode(group);
      }
      const parent = projectNode;
      projectNode.children = group.containers.map((c) => nodeFor(c, parent));
      nextProjects.set(group.project, projectNode);
      top.push(projectNode);
    }
    for (const c of layout.ungrouped) top.push(nodeFor(c, undefined));

    this.containerNodes = nextContainers;
    this.projectNodes = nextProjects;
    this.topLevel = top;
    const firstLoad = !this.loaded;
    this.loaded = true;
    if (firstLoad || shape !== this.shape) {
      this.shape = shape;
      this.changeEmitter.fire(undefined);
    } else {
      for (const node of changed) this.changeEmitter.fire(node);
    }
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const hadContent = this.topLevel.length > 0 || this.loaded;
    this.containerNodes.clear();
    this.projectNodes.clear();
    this.current = [];
    this.pendingIds.clear();
    this.fullPending = true;
    this.topLevel = [];
    this.shape = '';
    this.loaded = false;
    this.stale = true;
    if (this.failureMessage) this.setFailure(undefined);
    if (hadContent) this.changeEmitter.fire(undefined);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.connectionSubscriptions) s.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
