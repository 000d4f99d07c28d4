/** Reading Berth's trees the way VS Code does: getChildren from the root down, getTreeItem per row. */
import type * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { LiveViewId } from '../../src/explorer/explorer';
import type { TreeNode } from '../../src/explorer/shared/treeModel';

/** Every row of the view down to `depth` levels, parents before children. */
export async function rowsOf(api: BerthApi, view: LiveViewId, depth = 2): Promise<TreeNode[]> {
  const tree = api.view(view);
  const rows: TreeNode[] = [];
  const walk = async (parent: TreeNode | undefined, level: number): Promise<void> => {
    for (const node of await tree.getChildren(parent)) {
      rows.push(node);
      if (level < depth) await walk(node, level + 1);
    }
  };
  await walk(undefined, 1);
  return rows;
}

/** The first row of `kind` whose resource satisfies `match`. */
export async function findRow<R>(api: BerthApi, view: LiveViewId, kind: string, match: (resource: R) => boolean, depth = 2): Promise<TreeNode<string, R> | undefined> {
  return (await rowsOf(api, view, depth)).find((n) => n.kind === kind && match(n.resource as R)) as TreeNode<string, R> | undefined;
}

export function itemOf(api: BerthApi, view: LiveViewId, node: TreeNode): vscode.TreeItem {
  return api.view(view).getTreeItem(node) as vscode.TreeItem;
}
