/**
 * How far the editor may follow paths a workspace's files name: anywhere in a trusted workspace;
 * in Restricted Mode only inside the workspace folders (a cloned repository must not make Berth
 * read `~/.ssh` or `/dev/zero` through an `include:` or a symlinked `.env`).
 */
import * as vscode from 'vscode';
import type { ReadPolicy } from './safeRead';

export function workspaceReadPolicy(): ReadPolicy {
  if (vscode.workspace.isTrusted) return {};
  return { allowedRoots: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath) };
}
