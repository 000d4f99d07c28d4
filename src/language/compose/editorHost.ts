/** The machine as the compose providers see it: node:fs, the environment, and the workspace's `-f` list for the file. */
import type * as vscode from 'vscode';
import { targetFromFile } from '../../compose/composeTargets';
import { Config } from '../../config';
import { nodeComposeHost, type ComposeHost } from './composeHost';

export function editorComposeHost(uri: vscode.Uri): ComposeHost {
  return nodeComposeHost(process.env, targetFromFile(uri.fsPath, Config.composeFiles(uri)).files);
}
