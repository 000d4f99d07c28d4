/** "Switch Engine": pick a docker context, the default socket or a host, for this workspace only (never `docker context use`). */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { dockerConfigDir, listDockerContexts } from '../engine/dockerContext';
import { parseDockerHost } from '../engine/endpoint';
import type { EngineChoice } from '../engineSession';
import type { CommandContext } from './commandContext';

type ChoiceItem = vscode.QuickPickItem & { choice: EngineChoice | undefined | 'enter' };

export async function switchEngine(ctx: CommandContext): Promise<void> {
  const configDir = dockerConfigDir(process.env, os.homedir());
  const current = ctx.session.engineChoice;
  const currentLabel = (choice: EngineChoice | undefined): string =>
    choice === undefined ? 'automatic' : 'context' in choice ? `context ${choice.context}` : choice.host;
  const items: ChoiceItem[] = [
    {
      label: '$(settings-gear) Automatic',
      description: 'berth.host → DOCKER_HOST → current docker context → default socket',
      choice: undefined,
    },
    { label: '$(plug) default', description: 'the platform default socket', choice: { context: 'default' } },
    ...listDockerContexts(configDir).map((c) => ({
      label: `$(server-environment) ${c.name}`,
      description: c.host ?? '',
      detail: c.description || undefined,
      choice: { context: c.name } as EngineChoice,
    })),
    { label: '$(edit) Enter a host…', description: 'unix://, tcp://, ssh://, npipe://', choice: 'enter' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Berth: Switch Engine (this workspace only)',
    placeHolder: `Now: ${currentLabel(current)}`,
  });
  if (!picked) return;
  let choice = picked.choice;
  if (choice === 'enter') {
    const host = await vscode.window.showInputBox({
      title: 'Docker host for this workspace',
      placeHolder: 'tcp://127.0.0.1:2375, ssh://user@host, unix:///var/run/docker.sock',
      validateInput: (value) => {
        try {
          parseDockerHost(value, { source: 'workspace', contextName: 'default' });
          return undefined;
        } catch (error) {
          return (error as Error).message;
        }
      },
    });
    if (!host) return;
    choice = { host };
  }
  await ctx.session.switchEngine(choice);
  ctx.log.info(`switched engine for this workspace: ${currentLabel(choice)}`);
}
