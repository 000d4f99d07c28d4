/** Compose Down: asks first (optionally removing volumes), then says what it removed. */
import * as vscode from 'vscode';
import { Config } from '../config';
import { ComposeVerbs } from '../compose/composeCli';
import type { CommandContext } from './commandContext';
import { runComposeVerb } from './composeProject';
import { requireTrust, resolveComposeTarget } from './composeTarget';

export async function composeDown(ctx: CommandContext, ...args: unknown[]): Promise<number | undefined> {
  requireTrust('Compose Down');
  const resolved = await resolveComposeTarget(ctx, args);
  if (!resolved) return undefined;
  let removeVolumes = false;
  if (Config.confirmDestructive()) {
    const answer = await vscode.window.showWarningMessage(
      `Stop and remove the containers and networks of ${resolved.target.label}?`,
      { modal: true, detail: 'Named volumes are kept unless you choose to remove them too. Turn off berth.confirmDestructive to skip this question.' },
      'Down',
      'Down and Remove Volumes',
    );
    if (!answer) return undefined;
    removeVolumes = answer === 'Down and Remove Volumes';
  }
  const code = await runComposeVerb(ctx, resolved, 'Compose Down', ComposeVerbs.down(removeVolumes));
  void vscode.window.showInformationMessage(`Removed the containers and networks${removeVolumes ? ' and volumes' : ''} of ${resolved.target.label}.`);
  return code;
}
