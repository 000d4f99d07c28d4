/**
 * What a view tells the shared live view (liveView.ts): where its objects come from, which engine
 * events change them, how its model lays them out and how each kind of row is drawn. Types only.
 */
import type { EngineClient } from '../../engine/client';
import type { EngineEvent } from '../../engine/types';
import type { Row } from './rowPresentation';
import type { StateAction, StateMessage } from './stateModel';
import type { ModelNode, NodeFactory, TreeNode } from './treeModel';

/** Where a view's objects come from, and which engine events change them. */
export interface LiveSource<S> {
  readonly empty: S;
  /** The id of the one object to re-read, `true` to re-read everything, `false` when the view does not care. */
  affectedBy(event: EngineEvent): string | boolean;
  /** Reads everything; `current` is what the view holds now (for what a source keeps between reads). */
  loadAll(client: EngineClient, current: S): Promise<S>;
  /** Folds an event into the snapshot without reading the engine (a log of recent events); undefined when it changes nothing. */
  reduce?(current: S, event: EngineEvent): S | undefined;
  /** Re-reads only the objects named by `ids` and merges them into `current`; without it, every change re-reads all. */
  loadSome?(client: EngineClient, current: S, ids: readonly string[]): Promise<S>;
}

/** The presentation table: how each node kind of the view is drawn (pure functions). */
export type RowTable = Record<string, (resource: never, childCount: number) => Row>;

export interface LiveViewSpec<S> {
  readonly viewId: string;
  /** Plural, for messages: "containers". */
  readonly noun: string;
  /** How to get a first one, said when the engine has none. */
  readonly emptyHint: string;
  readonly refreshCommand: string;
  readonly filterCommand: string;
  /** A settings section whose change lays the tree out again, e.g. `berth.containers`. */
  readonly settingsSection?: string;
  readonly source: LiveSource<S>;
  /** The view's pure model: its objects as a tree. */
  layout(snapshot: S): readonly ModelNode[];
  readonly rows: RowTable;
  /** Node classes for kinds that offer typed accessors. */
  readonly nodes?: Readonly<Record<string, NodeFactory>>;
  /**
   * Reads what a row's children need and the listing lacks (an image's layers) when it is opened.
   * Resolves with how to fold it into the snapshot as it is then (a read may have landed meanwhile); undefined when there is nothing to read.
   */
  expand?(node: TreeNode, client: EngineClient, snapshot: S): Promise<Fold<S> | undefined>;
  /** A tooltip worked out on hover (times, details the listing lacks); undefined keeps the row's own. */
  tooltip?(node: TreeNode, client: EngineClient | undefined): Promise<string | undefined>;
}

/** What an expand read, to fold into the snapshot as it is when the read ends. */
export interface Fold<S> {
  into(current: S): S;
}

/** A state row: a message or a next step. */
export type StateTreeNode = TreeNode<'message', StateMessage> | TreeNode<'action', StateAction>;
