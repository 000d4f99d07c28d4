/**
 * The Files view: the containers and volumes whose files the user opened, each a tree read
 * lazily through Berth's file systems (`vscode.workspace.fs`, so what the tree shows is what the
 * editors read). A tree in Berth's sidebar rather than a workspace folder: adding a folder turns a
 * single-folder window into a workspace and restarts every extension, which nobody expects from
 * "look inside this container". Closing a volume's root ends its browse (its helper goes).
 */
import * as posix from 'node:path/posix';
import * as vscode from 'vscode';
import { UriSchemes, Views } from '../ids';

/** A row: an opened root, a file or folder under it, or a message where its children would be. */
export type FileNode =
  | { kind: 'filesRoot'; uri: vscode.Uri; label: string; readOnly: boolean }
  | { kind: 'file'; uri: vscode.Uri; type: vscode.FileType; readOnly: boolean }
  | { kind: 'filesMessage'; message: string };

const EMPTY = "Open a container's files with Open Files on its row in Containers, or a volume's with Browse Files in Volumes.";

const isFolder = (type: vscode.FileType): boolean => (type & vscode.FileType.Directory) !== 0;

export class FilesTree implements vscode.TreeDataProvider<FileNode>, vscode.Disposable {
  private readonly roots: Extract<FileNode, { kind: 'filesRoot' }>[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<FileNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly closeEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with a root's URI when the user closes it. */
  readonly onDidClose = this.closeEmitter.event;
  readonly view: vscode.TreeView<FileNode>;

  constructor() {
    this.view = vscode.window.createTreeView(Views.files, { treeDataProvider: this, showCollapseAll: true });
  }

  /** Adds a root (or finds it), shows the view and reveals it expanded. */
  async open(uri: vscode.Uri, label: string): Promise<vscode.Uri> {
    let root = this.roots.find((r) => r.uri.toString() === uri.toString());
    if (!root) {
      root = { kind: 'filesRoot', uri, label, readOnly: uri.scheme === UriSchemes.volumeFiles };
      this.roots.push(root);
      this.changeEmitter.fire(undefined);
    }
    await vscode.commands.executeCommand(`${Views.files}.focus`);
    await this.view.reveal(root, { select: true, focus: false, expand: true });
    return uri;
  }

  close(uri: vscode.Uri): boolean {
    const index = this.roots.findIndex((r) => r.uri.toString() === uri.toString());
    if (index < 0) return false;
    this.roots.splice(index, 1);
    this.changeEmitter.fire(undefined);
    this.closeEmitter.fire(uri);
    return true;
  }

  /** The URIs of the open roots. */
  openRoots(): vscode.Uri[] {
    return this.roots.map((r) => r.uri);
  }

  /** Re-reads the folder that holds `uri` (after a write, upload or delete). */
  refresh(): void {
    this.changeEmitter.fire(undefined);
  }

  getParent(): undefined {
    // Only roots are revealed.
    return undefined;
  }

  async getChildren(node?: FileNode): Promise<FileNode[]> {
    // The empty state is a row too (no welcome page: see package.test.ts).
    if (!node) return this.roots.length > 0 ? [...this.roots] : [{ kind: 'filesMessage', message: EMPTY }];
    if (node.kind === 'filesMessage') return [];
    try {
      const entries = await vscode.workspace.fs.readDirectory(node.uri);
      if (entries.length === 0) return [{ kind: 'filesMessage', message: 'Empty folder', }];
      return entries
        .sort(([a, at], [b, bt]) => Number(isFolder(bt)) - Number(isFolder(at)) || a.localeCompare(b))
        .map(([name, type]) => ({ kind: 'file', uri: vscode.Uri.joinPath(node.uri, name), type, readOnly: node.readOnly }));
    } catch (error) {
      // Errors are tree content, not pop-ups (a stopped engine, a folder too large to list).
      return [{ kind: 'filesMessage', message: error instanceof Error ? error.message : String(error), }];
    }
  }

  getTreeItem(node: FileNode): vscode.TreeItem {
    if (node.kind === 'filesMessage') {
      const item = new vscode.TreeItem(node.message);
      item.tooltip = node.message;
      item.contextValue = 'filesMessage';
      return item;
    }
    if (node.kind === 'filesRoot') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.uri.toString();
      item.iconPath = new vscode.ThemeIcon(node.readOnly ? 'database' : 'vm');
      item.description = node.readOnly ? 'read-only' : '/';
      item.contextValue = node.readOnly ? 'filesRoot.readOnly' : 'filesRoot';
      item.resourceUri = node.uri;
      return item;
    }
    const folder = isFolder(node.type);
    const item = new vscode.TreeItem(node.uri, folder ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.uri.toString();
    // A name with a newline or other control characters stays readable in one row.
    item.label = posix.basename(node.uri.path).replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
    item.iconPath = folder ? vscode.ThemeIcon.Folder : vscode.ThemeIcon.File;
    if ((node.type & vscode.FileType.SymbolicLink) !== 0) item.description = 'link';
    item.contextValue = `${folder ? 'filesFolder' : 'filesFile'}${node.readOnly ? '.readOnly' : ''}`;
    if (!folder) item.command = { command: 'vscode.open', title: 'Open', arguments: [node.uri] };
    return item;
  }

  dispose(): void {
    this.view.dispose();
    this.changeEmitter.dispose();
    this.closeEmitter.dispose();
  }
}
