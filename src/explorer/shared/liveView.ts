/**
 * One live tree view, shared by every view in the sidebar. While an engine is connected it follows
 * the one event stream: an event a view cares about schedules a re-read of what it names
 * (debounced, one request in flight at a time, everything at once when many changed); the view's
 * pure model lays the result out; reconcile keeps the rows that stayed and redraws only those whose
 * drawing changed. The engine's state and an empty view are rows too. A hidden view reads nothing.
 */
import * as vscode from 'vscode';
import type { EngineClient } from '../../engine/client';
import type { ConnectionScope } from '../../engine/connectionScope';
import type { EngineState } from '../../engine/engineConnection';
import { CONNECTION_KINDS, EngineError } from '../../engine/errors';
import type { EngineSession } from '../../engineSession';
import type { Row } from './rowPresentation';
import { emptyRows, engineStateRows, loadFailedRows } from './stateModel';
import { actionRow, messageRow } from './statePresentation';
import { filterModel, findNode, plainNode, reconcile, TreeNode, type ModelNode, type NodeFactory } from './treeModel';
import { markdownTooltip, toTreeItem } from './treeItems';
import type { LiveViewSpec, RowTable } from './liveViewSpec';

const STATE_ROWS: RowTable = { message: messageRow, action: actionRow };

/** Short enough to feel instant, long enough to fold an event burst (compose up, kill + die) into one read. */
const DEBOUNCE_MS = 20;
/** Above this many changed objects one full listing is cheaper than a filtered one. */
const MAX_INCREMENTAL = 20;

/** `N` is the view's node union, state rows included. */
export class LiveView<S, N extends TreeNode = TreeNode> implements vscode.TreeDataProvider<N>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<N | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly refreshedEmitter = new vscode.EventEmitter<void>();
  /** Fires after every completed read (tests and benchmarks wait on it). */
  readonly onDidRefresh = this.refreshedEmitter.event;

  private snapshotValue: S;
  private roots: TreeNode[] = [];
  private loaded = false;
  private visible = false;
  private stale = true;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private again = false;
  private readonly pendingIds = new Set<string>();
  private fullPending = true;
  private loadError: string | undefined;
  private failureMessage: string | undefined;
  private filterValue = '';
  private client: EngineClient | undefined;
  private treeView: vscode.TreeView<N> | undefined;
  protected readonly disposables: vscode.Disposable[] = [];

  constructor(
    protected readonly session: EngineSession,
    readonly spec: LiveViewSpec<S>,
  ) {
    this.snapshotValue = spec.source.empty;
    this.disposables.push(
      this.changeEmitter,
      this.refreshedEmitter,
      session.onEachConnection((scope) => this.attach(scope)),
      session.onDidChangeState((s) => this.stateChanged(s)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (spec.settingsSection && e.affectsConfiguration(spec.settingsSection) && this.loaded) this.apply();
      }),
    );
  }

  get viewId(): string {
    return this.spec.viewId;
  }

  /** The objects as last read from the engine. */
  get snapshot(): S {
    return this.snapshotValue;
  }

  /** Why the last read could not be shown (a bug, not the engine), while the view says so; undefined otherwise. */
  get failure(): string | undefined {
    return this.failureMessage;
  }

  get filter(): string {
    return this.filterValue;
  }

  /** Creates the sidebar view: multi-select, collapse-all, and the filter in its title. */
  createView(): vscode.TreeView<N> {
    const view = vscode.window.createTreeView<N>(this.spec.viewId, { treeDataProvider: this, showCollapseAll: true, canSelectMany: true });
    this.disposables.push(view);
    this.bindView(view);
    return view;
  }

  /** Follows the view's visibility: nothing is read while it is hidden. */
  bindView(view: vscode.TreeView<N>): void {
    this.treeView = view;
    this.visible = view.visible;
    this.showFilter();
    this.disposables.push(
      view.onDidChangeVisibility((e) => {
        this.visible = e.visible;
        if (e.visible && this.stale) this.schedule();
      }),
    );
  }

  /** Shows only rows whose text contains `text` (with their groups); empty shows all. Reads nothing. */
  setFilter(text: string): void {
    this.filterValue = text.trim();
    this.showFilter();
    if (this.loaded) this.apply();
    this.changeEmitter.fire(undefined);
  }

  private showFilter(): void {
    if (this.treeView) this.treeView.description = this.filterValue ? `filter: ${this.filterValue}` : undefined;
  }

  private attach(scope: ConnectionScope): void {
    const connection = scope.connection;
    this.reset();
    this.client = connection.client;
    scope.add(connection.onDidResync(() => this.schedule()));
    scope.add(
      connection.events.onEvent((e) => {
        const reduced = this.spec.source.reduce?.(this.snapshotValue, e);
        if (reduced) this.update(() => reduced);
        const affected = this.spec.source.affectedBy(e);
        if (affected !== false) this.schedule(affected === true ? undefined : affected);
      }),
    );
    scope.onDispose(() => {
      if (this.client === connection.client) this.client = undefined;
      this.reset();
    });
  }

  private stateChanged(state: EngineState): void {
    if (state.kind === 'connected') return; // the resync that comes with it re-reads
    if (state.kind === 'connecting' && this.loaded) return; // a short drop: keep the rows, the stream resumes
    this.reset();
    this.changeEmitter.fire(undefined);
  }

  getTreeItem(node: N): vscode.TreeItem {
    const item = toTreeItem(node.id, node.row);
    if (node.row.tooltip && !this.spec.tooltip) item.tooltip = markdownTooltip(node.row.tooltip);
    return item;
  }

  /** On hover: a tooltip worked out now, so the times in it are current. */
  async resolveTreeItem(item: vscode.TreeItem, node: N): Promise<vscode.TreeItem> {
    let markdown = node.row.tooltip;
    if (this.spec.tooltip && node.kind in this.spec.rows) {
      markdown = (await this.spec.tooltip(node, this.client).catch(() => undefined)) ?? markdown;
    }
    if (markdown) item.tooltip = markdownTooltip(markdown);
    return item;
  }

  getParent(node: N): N | undefined {
    return node.parent as N | undefined;
  }

  async getChildren(node?: N): Promise<N[]> {
    if (node) {
      if (this.spec.expand && node.children.length === 0 && this.client) {
        const client = this.client;
        const fold = await this.spec.expand(node, client, this.snapshotValue).catch(() => undefined);
        if (fold && client === this.client) this.update((current) => fold.into(current));
      }
      return node.children as N[];
    }
    this.session.ensureStarted();
    const state = this.session.state;
    if (state.kind !== 'connected' && !(state.kind === 'connecting' && this.loaded)) {
      return this.stateNodes(engineStateRows(state.kind, state.kind === 'connecting' ? undefined : state.error.userMessage));
    }
    if (!this.loaded) await this.refreshNow();
    if (this.roots.length > 0) return this.roots as N[];
    if (this.loadError !== undefined) return this.stateNodes(loadFailedRows(this.spec.noun, this.loadError, this.spec.refreshCommand));
    if (!this.loaded) return this.stateNodes(engineStateRows('connecting'));
    return this.stateNodes(emptyRows(this.spec.noun, this.spec.emptyHint, this.filterValue, this.spec.filterCommand));
  }

  private stateNodes(model: readonly ModelNode[]): N[] {
    return reconcile([], model, (n, c) => this.present(n, c)).roots as N[];
  }

  /** Re-reads everything now (the Refresh button, a setting change, a test). */
  refreshNow(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.fullPending = true;
    return this.run();
  }

  /** The rows selected in the sidebar (tests read it; commands get theirs as arguments). */
  get selection(): readonly N[] {
    return this.treeView?.selection ?? [];
  }

  /**
   * Selects the first row `match` accepts (not focusing the view, so typing goes on where it was),
   * re-reading until the row exists: a command that just made the object may be ahead of the read.
   * False when no read shows it within `timeoutMs` (filtered out, or gone already).
   */
  async reveal(match: (node: TreeNode) => boolean, timeoutMs = 10_000): Promise<boolean> {
    const find = (): TreeNode | undefined => findNode(this.roots, match);
    let node = find();
    if (!node) {
      node = await new Promise<TreeNode | undefined>((resolve) => {
        const done = (found: TreeNode | undefined): void => {
          clearTimeout(timer);
          read.dispose();
          resolve(found);
        };
        const timer = setTimeout(() => done(undefined), timeoutMs);
        const read = this.onDidRefresh(() => {
          const found = find();
          if (found) done(found);
        });
        void this.refreshNow();
      });
    }
    if (!node || !this.treeView) return false;
    await this.treeView.reveal(node as N, { select: true, focus: false, expand: true });
    return true;
  }

  /** Re-reads what `id` names (everything when omitted), as an engine event naming it would; a hidden view reads it when shown. */
  invalidate(id?: string): void {
    this.schedule(id);
  }

  /** Notes what changed; a visible view reads it after the debounce, a hidden one when it is shown. */
  private schedule(id?: string): void {
    if (id !== undefined) this.pendingIds.add(id);
    else this.fullPending = true;
    this.stale = true;
    if (!this.visible || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, DEBOUNCE_MS);
  }

  /** One read in flight; whatever is asked meanwhile is read once right after it. */
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
    const client = this.client;
    if (!client || this.session.state.kind !== 'connected') return;
    const source = this.spec.source;
    const ids = [...this.pendingIds];
    const incremental = source.loadSome !== undefined && !this.fullPending && this.loaded && ids.length > 0 && ids.length <= MAX_INCREMENTAL;
    this.pendingIds.clear();
    this.fullPending = false;
    this.stale = false;
    let snapshot: S;
    try {
      snapshot = incremental && source.loadSome ? await source.loadSome(client, this.snapshotValue, ids) : await source.loadAll(client, this.snapshotValue);
    } catch (error) {
      this.stale = true;
      this.fullPending = true;
      // A lost engine shows as the engine's state (the event stream says so); any other failure as this view's.
      const lost = error instanceof EngineError && CONNECTION_KINDS.has(error.kind);
      if (client === this.client && !this.loaded && !lost) {
        this.loadError = error instanceof EngineError ? error.userMessage : String(error);
        this.changeEmitter.fire(undefined);
      }
      return;
    }
    if (client !== this.client) return; // the engine changed meanwhile
    this.loadError = undefined;
    this.snapshotValue = snapshot;
    this.apply();
    if (this.failureMessage) this.setFailure(undefined);
    this.refreshedEmitter.fire();
  }

  private showFailure(error: unknown): void {
    this.stale = true;
    this.fullPending = true;
    this.setFailure(`Berth could not show the ${this.spec.noun}: ${error instanceof Error ? error.message : String(error)}. Refresh to try again.`);
  }

  private setFailure(message: string | undefined): void {
    this.failureMessage = message;
    if (this.treeView) this.treeView.message = message;
  }

  private present(node: { kind: string; resource: unknown }, childCount: number): Row {
    const draw = (this.spec.rows[node.kind] ?? STATE_ROWS[node.kind]) as ((r: unknown, c: number) => Row) | undefined;
    return draw ? draw(node.resource, childCount) : { label: node.kind };
  }

  /** Lays the snapshot out, filters it and reconciles the rows; tells VS Code what changed. */
  private apply(): void {
    const present = (n: { kind: string; resource: unknown }, c: number): Row => this.present(n, c);
    const text = (m: ModelNode): string => {
      const row = present(m, m.children?.length ?? 0);
      return `${row.label} ${row.description ?? ''}`;
    };
    const model = filterModel(this.spec.layout(this.snapshotValue), this.filterValue, text);
    const nodes = this.spec.nodes;
    const create: NodeFactory = (kind, id, resource, parent) => (nodes?.[kind] ?? plainNode)(kind, id, resource, parent);
    const firstLoad = !this.loaded;
    const { roots, changes } = reconcile(this.roots, model, present, create);
    this.roots = roots;
    this.loaded = true;
    if (firstLoad) {
      this.changeEmitter.fire(undefined);
      return;
    }
    for (const node of changes) this.changeEmitter.fire(node as N | undefined);
  }

  /** Changes the snapshot without reading the engine (what a command measured); redraws what changed. */
  protected update(change: (snapshot: S) => S): void {
    this.snapshotValue = change(this.snapshotValue);
    if (this.loaded) this.apply();
  }

  /** Forgets everything read: a new engine, or none. */
  private reset(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.snapshotValue = this.spec.source.empty;
    this.roots = [];
    this.pendingIds.clear();
    this.fullPending = true;
    this.loaded = false;
    this.stale = true;
    this.loadError = undefined;
    if (this.failureMessage) this.setFailure(undefined);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
