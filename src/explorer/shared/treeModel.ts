/**
 * The shape every live view shares, apart from VS Code: a view's model says what to show as a tree
 * of `ModelNode`s; `reconcile` turns that into `TreeNode`s, keeping the node object of every row
 * that is still there, and says which rows to redraw and which parents to re-read. Pure.
 */
import { shownOf, type Row } from './rowPresentation';

/** What a view's model says to show: a resource of some kind, keyed uniquely among its siblings. */
export interface ModelNode<K extends string = string, R = unknown> {
  readonly kind: K;
  readonly key: string;
  readonly resource: R;
  readonly children?: readonly ModelNode[];
}

/** A row of a live tree. It stays the same object while its row exists, so a change event can name it. */
export class TreeNode<K extends string = string, R = unknown> {
  children: TreeNode[] = [];
  /** The row as last drawn; `shown` is its fingerprint: when it changes the row is redrawn. */
  row: Row = { label: '' };
  shown = '';

  constructor(
    readonly kind: K,
    /** Unique in the tree: the path of kinds and keys from the root. */
    readonly id: string,
    public resource: R,
    public parent: TreeNode | undefined,
  ) {}
}

export type NodeFactory = (kind: string, id: string, resource: unknown, parent: TreeNode | undefined) => TreeNode;

export const plainNode: NodeFactory = (kind, id, resource, parent) => new TreeNode(kind, id, resource, parent);

/** Draws a row: the view's presentation for the node's kind. */
export type Present = (node: { kind: string; resource: unknown }, childCount: number) => Row;

export interface Reconciled {
  roots: TreeNode[];
  /** What to tell VS Code changed: `undefined` is the whole tree. Redrawing a parent re-reads its children. */
  changes: (TreeNode | undefined)[];
}

function childId(parent: TreeNode | undefined, kind: string, key: string): string {
  return `${parent?.id ?? ''}/${kind}:${encodeURIComponent(key)}`;
}

function walk(nodes: readonly TreeNode[], into: Map<string, TreeNode>): Map<string, TreeNode> {
  for (const n of nodes) {
    into.set(n.id, n);
    walk(n.children, into);
  }
  return into;
}

/** The first node, depth first, that `match` accepts. */
export function findNode(nodes: readonly TreeNode[], match: (node: TreeNode) => boolean): TreeNode | undefined {
  for (const n of nodes) {
    if (match(n)) return n;
    const inside = findNode(n.children, match);
    if (inside) return inside;
  }
  return undefined;
}

const sameIds = (a: readonly TreeNode[], b: readonly TreeNode[]): boolean => a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * Builds the new tree from `model`, reusing the node of every row that is still there (same kinds
 * and keys on the path from the root). A reused row whose drawing changed is redrawn; a parent
 * whose children changed is re-read; when the top level changed, the whole tree is.
 */
export function reconcile(previousRoots: readonly TreeNode[], model: readonly ModelNode[], present: Present, create: NodeFactory = plainNode): Reconciled {
  const previous = walk(previousRoots, new Map());
  const redrawn: TreeNode[] = [];
  const regrown: TreeNode[] = [];

  const build = (models: readonly ModelNode[], parent: TreeNode | undefined): TreeNode[] => {
    const nodes: TreeNode[] = [];
    const seen = new Set<string>();
    for (const m of models) {
      const id = childId(parent, m.kind, m.key);
      if (seen.has(id)) continue; // a model that repeats a key: the first one wins
      seen.add(id);
      const old = previous.get(id);
      const node = old && old.kind === m.kind ? old : create(m.kind, id, m.resource, parent);
      const oldChildren = node.children;
      node.resource = m.resource;
      node.parent = parent;
      node.children = build(m.children ?? [], node);
      const row = present(node, node.children.length);
      const shown = shownOf(row);
      if (node === old) {
        if (!sameIds(oldChildren, node.children)) regrown.push(node);
        else if (shown !== node.shown) redrawn.push(node);
      }
      node.row = row;
      node.shown = shown;
      nodes.push(node);
    }
    return nodes;
  };

  const roots = build(model, undefined);
  if (!sameIds(previousRoots, roots)) return { roots, changes: [undefined] };
  // A parent that is re-read brings its rows along: name only the outermost changes.
  const covered = new Set<TreeNode>(regrown);
  const underCovered = (n: TreeNode): boolean => {
    for (let p = n.parent; p; p = p.parent) if (covered.has(p)) return true;
    return false;
  };
  const changes = [...regrown, ...redrawn].filter((n) => !underCovered(n));
  return { roots, changes };
}

/**
 * Keeps the rows whose text contains `query` (any case), with their ancestors; a row that
 * matches keeps all its children. An empty query keeps everything.
 */
export function filterModel(model: readonly ModelNode[], query: string, text: (node: ModelNode) => string): ModelNode[] {
  const needle = query.trim().toLocaleLowerCase();
  if (needle === '') return [...model];
  const keep = (nodes: readonly ModelNode[]): ModelNode[] =>
    nodes.flatMap((n) => {
      if (text(n).toLocaleLowerCase().includes(needle)) return [n];
      const children = keep(n.children ?? []);
      return children.length > 0 ? [{ ...n, children }] : [];
    });
  return keep(model);
}

/** Replaces the items named by `ids` with `fresh` (an id missing from `fresh` is gone), keeping the rest. */
export function mergeById<T extends { id: string }>(current: readonly T[], ids: readonly string[], fresh: readonly T[]): T[] {
  const byId = new Map(current.map((x) => [x.id, x]));
  for (const id of ids) byId.delete(id);
  for (const x of fresh) byId.set(x.id, x);
  return [...byId.values()];
}
