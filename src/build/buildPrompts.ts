/**
 * What "Build Image" asks: the stage, then one list of every option with its value, where picking
 * an option edits it and "Build" starts. Lists are entered on one line, separated by `;`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { dockerfileFeatures } from '../language/dockerfile/languageProviders';
import type { BuildOptions } from './buildArgs';
import { splitList, stageNames, type ListKey } from './buildDefaults';
type FlagKey = 'inlineCache' | 'noCache' | 'pull';

const LISTS: { key: ListKey; label: string; hint: string }[] = [
  { key: 'tags', label: 'Tags', hint: 'name:tag; registry/name:tag' },
  { key: 'buildArgs', label: 'Build arguments', hint: 'NAME=value; OTHER=value (NAME= unsets)' },
  { key: 'secrets', label: 'Secrets', hint: 'id=token,src=/path/to/file; id=npm,env=NPM_TOKEN' },
  { key: 'ssh', label: 'SSH agent forwarding', hint: 'default (your SSH agent), or id=/path/to/key' },
  { key: 'cacheFrom', label: 'Cache from', hint: 'type=registry,ref=registry/app:cache' },
  { key: 'cacheTo', label: 'Cache to (buildx)', hint: 'type=local,dest=/tmp/cache' },
];
const FLAGS: { key: FlagKey; label: string }[] = [
  { key: 'inlineCache', label: 'Inline cache' },
  { key: 'noCache', label: 'No cache' },
  { key: 'pull', label: 'Pull base images' },
];

type Item = vscode.QuickPickItem & { edit: (o: BuildOptions) => Promise<BuildOptions | undefined> | BuildOptions | 'build' };

async function askText(title: string, value: string, prompt: string): Promise<string | undefined> {
  return vscode.window.showInputBox({ title, value, prompt, ignoreFocusOut: true });
}

/** Asks for everything; undefined when the user backs out. */
export async function askBuildOptions(start: BuildOptions, source: string, stage: string | undefined): Promise<BuildOptions | undefined> {
  let options: BuildOptions = stage !== undefined ? { ...start, target: stage } : start;
  const { buildModel, parseDockerfile } = dockerfileFeatures();
  const stages = stageNames(buildModel(parseDockerfile(source)));
  if (stage === undefined && stages.length > 1) {
    const last = '(last stage)';
    const picked = await vscode.window.showQuickPick([last, ...stages], { title: 'Build Image: target stage', placeHolder: options.target ?? last, ignoreFocusOut: true });
    if (picked === undefined) return undefined;
    options = { ...options, target: picked === last ? undefined : picked };
  }
  for (;;) {
    const items: Item[] = [
      { label: '$(play) Build', description: options.tags.join(', '), edit: () => 'build' },
      { label: 'Context folder', description: vscode.workspace.asRelativePath(options.context), edit: async (o) => {
        const value = await askText('Build context folder', o.context, 'An absolute path, or relative to the Dockerfile\'s folder');
        return value === undefined ? o : { ...o, context: path.resolve(path.dirname(o.dockerfile), value.trim()) };
      } },
      { label: 'Target stage', description: options.target ?? '(last stage)', edit: async (o) => {
        const picked = await vscode.window.showQuickPick(['(last stage)', ...stages], { title: 'Target stage' });
        return picked === undefined ? o : { ...o, target: picked === '(last stage)' ? undefined : picked };
      } },
      { label: 'Platform', description: options.platform ?? '(the engine\'s)', edit: async (o) => {
        const value = await askText('Platform', o.platform ?? '', 'e.g. linux/amd64 or linux/arm64; empty for the engine\'s own');
        return value === undefined ? o : { ...o, platform: value.trim() || undefined };
      } },
      ...LISTS.map((l): Item => ({ label: l.label, description: options[l.key].join('; ') || '(none)', edit: async (o) => {
        const value = await askText(l.label, o[l.key].join('; '), `Separate entries with ;  —  ${l.hint}`);
        return value === undefined ? o : { ...o, [l.key]: splitList(value, l.key) };
      } })),
      ...FLAGS.map((f): Item => ({ label: `${options[f.key] ? '$(check)' : '$(circle-large-outline)'} ${f.label}`, edit: (o) => ({ ...o, [f.key]: !o[f.key] }) })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `Build ${path.basename(options.dockerfile)}`, placeHolder: 'Pick an option to change it, or Build', ignoreFocusOut: true });
    if (!picked) return undefined;
    const next = await picked.edit(options);
    if (next === 'build') return options;
    if (next) options = next;
  }
}
