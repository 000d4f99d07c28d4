/** Every `berth.*` setting, read through one typed module. */
import * as vscode from 'vscode';
import type { DockerfileLintSettings } from './language/dockerfile/lint';
import { lazy } from './lazy';
import { parseTailSetting } from './logs/logProtocol';
import { requestTimeoutMs, type RestrictedSetting } from './settingLimits';

// The settings reader lives with the Dockerfile checker, which loads on first use.
const dockerfileSettings = lazy(() => require('./language/dockerfile/settings') as typeof import('./language/dockerfile/settings'));

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('berth');
}

/**
 * A setting that chooses the engine or the files Compose reads: in an untrusted workspace only
 * the user's own value (or the default) counts. VS Code applies package.json's
 * `restrictedConfigurations` to installed extensions; this holds for every way Berth is loaded.
 */
function restricted(key: RestrictedSetting, scope?: vscode.Uri): unknown {
  const config = vscode.workspace.getConfiguration('berth', scope);
  if (vscode.workspace.isTrusted) return config.get(key);
  const inspected = config.inspect(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export const Config = {
  host: (): string => text(restricted('host')),
  context: (): string => text(restricted('context')),
  requestTimeoutMs: (): number => requestTimeoutMs(restricted('requestTimeout')),
  confirmDestructive: (): boolean => section().get<boolean>('confirmDestructive', true),
  /** `berth.inspect.maskSecrets`: hide env values that look like secrets in inspect documents. */
  maskSecrets: (): boolean => section().get<boolean>('inspect.maskSecrets', true),
  groupByComposeProject: (): boolean => section().get<boolean>('containers.groupByComposeProject', true),
  securityBadges: (): boolean => section().get<boolean>('containers.securityBadges', true),
  showBuiltInNetworks: (): boolean => section().get<boolean>('networks.showBuiltIn', true),
  showDanglingImages: (): boolean => section().get<boolean>('images.showDangling', false),
  /** `berth.swarm.showEndedTasks`: failed and shut-down tasks in the Swarm view too. */
  showEndedSwarmTasks: (): boolean => section().get<boolean>('swarm.showEndedTasks', false),
  /** `berth.swarm.resolveImage`: `docker stack deploy --resolve-image`. */
  stackResolveImage: (): 'always' | 'changed' | 'never' => {
    const value = section().get<string>('swarm.resolveImage', 'always');
    return value === 'changed' || value === 'never' ? value : 'always';
  },
  /** `berth.compose.files`: a workspace's `-f` list, relative to the folder of the file it is used for. */
  composeFiles: (scope?: vscode.Uri): string[] => {
    const files = restricted('compose.files', scope);
    return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [];
  },
  /** `berth.logs.tail`: lines a log view starts with, or `all`. */
  logsTail: (): number | 'all' => parseTailSetting(section().get<unknown>('logs.tail')),
  /** `berth.dockerPath`: the docker CLI builds and runs use; machine-scoped, so only the user's own value counts. */
  dockerPath: (): string => text(restricted('dockerPath')) || 'docker',
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
