/** Every `berth.*` setting, read through one typed module. */
import * as vscode from 'vscode';
import type { DockerfileLintSettings } from './language/dockerfile/lint';
import { lazy } from './lazy';

// The settings reader lives with the Dockerfile checker, which loads on first use.
const dockerfileSettings = lazy(() => require('./language/dockerfile/settings') as typeof import('./language/dockerfile/settings'));

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('berth');
}

export const Config = {
  host: (): string => section().get<string>('host', '').trim(),
  context: (): string => section().get<string>('context', '').trim(),
  requestTimeoutMs: (): number => Math.max(1000, section().get<number>('requestTimeout', 15000)),
  confirmDestructive: (): boolean => section().get<boolean>('confirmDestructive', true),
  groupByComposeProject: (): boolean => section().get<boolean>('containers.groupByComposeProject', true),
  /** `berth.compose.files`: a workspace's `-f` list, relative to the folder of the file it is used for. */
  composeFiles: (scope?: vscode.Uri): string[] => vscode.workspace.getConfiguration('berth', scope).get<string[]>('compose.files', []),
  composeCodeLens: (): boolean => section().get<boolean>('compose.codeLens', true),
  /** `berth.compose.detectByContent`: a YAML file whose top-level `services:` maps service definitions opens as compose. */
  composeDetectByContent: (scope?: vscode.Uri): boolean => vscode.workspace.getConfiguration('berth', scope).get<boolean>('compose.detectByContent', true),
  /** The berth.dockerfile.* settings for a document; only values someone set (the linter has its own defaults). */
  dockerfileLintSettings: (scope: vscode.Uri): DockerfileLintSettings => {
    const config = vscode.workspace.getConfiguration(undefined, scope);
    return dockerfileSettings().lintSettingsFrom((key) => {
      const inspected = config.inspect(key);
      return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    });
  },
  /** Settings whose change means a different engine. */
  affectsEngine: (e: vscode.ConfigurationChangeEvent): boolean =>
    e.affectsConfiguration('berth.host') || e.affectsConfiguration('berth.context') || e.affectsConfiguration('berth.requestTimeout'),
} as const;
