/** The machine as the compose providers see it: node:fs (confined to the workspace in Restricted Mode), the environment, and the workspace's `-f` list for the file. */
import * as vscode from 'vscode';
import { targetFromFile } from '../../compose/composeTargets';
import { Config } from '../../config';
import { workspaceReadPolicy } from '../workspaceReadPolicy';
import { nodeComposeHost, type ComposeHost } from './composeHost';
import { resolveFileList } from './composeProject';

export function editorComposeHost(uri: vscode.Uri): ComposeHost {
  // A fragment in a subfolder finds the list from the folder it is named from, up to the workspace folder.
  const list = resolveFileList(uri.fsPath, Config.composeFiles(uri), vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath);
  return nodeComposeHost(process.env, targetFromFile(uri.fsPath, list).files, workspaceReadPolicy());
}
