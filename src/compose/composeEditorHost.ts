/** The machine as the compose editor features see it: node:fs (confined to the workspace in Restricted Mode), the environment, and the workspace's `-f` list for the file. */
import * as vscode from 'vscode';
import { Config } from '../config';
import { nodeComposeHost, type ComposeHost } from '../language/compose/composeHost';
import { resolveFileList } from '../language/compose/composeProject';
import { workspaceReadPolicy } from '../language/workspaceReadPolicy';
import { targetFromFile } from './composeTargets';

export function editorComposeHost(uri: vscode.Uri): ComposeHost {
  // A fragment in a subfolder finds the list from the folder it is named from, up to the workspace folder.
  const list = resolveFileList(uri.fsPath, Config.composeFiles(uri), vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath);
  return nodeComposeHost(process.env, targetFromFile(uri.fsPath, list).files, workspaceReadPolicy());
}
