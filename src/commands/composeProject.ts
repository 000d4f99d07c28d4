/** Project-wide compose commands (up, restart, stop, start, pause, unpause, pull, ps, logs; build is in composeBuild.ts): one shape, different verbs. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ComposeVerbs } from '../compose/composeCli';
import { lastLines } from '../compose/processPty';
import { composeFeatures } from '../language/compose/composeProviders';
import { ActionFailed } from './actionFailed';
import type { CommandContext } from './commandContext';
import { requireTrust, resolveComposeTarget, type ResolvedComposeTarget } from './composeTarget';

// Reading profiles needs the yaml parser: loaded on first use, not with the command table.

interface ProjectVerb {
  /** For titles: "Compose Up". */
  title: string;
  args: () => string[];
}

export const projectVerbs = {
  up: { title: 'Compose Up', args: () => ComposeVerbs.up() },
  restart: { title: 'Compose Restart', args: () => ComposeVerbs.restart() },
  stop: { title: 'Compose Stop', args: () => ComposeVerbs.stop() },
  start: { title: 'Compose Start', args: () => ComposeVerbs.start() },
  pause: { title: 'Compose Pause', args: () => ComposeVerbs.pause() },
  unpause: { title: 'Compose Unpause', args: () => ComposeVerbs.unpause() },
  pull: { title: 'Compose Pull', args: () => ComposeVerbs.pull() },
  ps: { title: 'Compose PS', args: () => ComposeVerbs.ps() },
} satisfies Record<string, ProjectVerb>;

/** Runs `verb` as a task; resolves with Compose's exit code, and fails with one message when it is not 0. */
export async function runComposeVerb(ctx: CommandContext, resolved: ResolvedComposeTarget, title: string, args: string[]): Promise<number> {
  requireTrust(title);
  const what = resolved.service ? `${resolved.target.label} / ${resolved.service}` : resolved.target.label;
  const result = await ctx.compose.run(resolved.target, args, `${title}: ${what}`);
  if (!result) throw new ActionFailed(`${title} for ${what} was stopped before Compose finished.`, new Error('Run it again to finish.'));
  if (result.code !== 0) {
    const said = lastLines(result.output);
    throw new ActionFailed(`${title} failed for ${what} (exit code ${result.code}).`, new Error(said ? `Compose said: ${said}` : 'The task terminal shows Compose\'s own message.'));
  }
  vscode.window.setStatusBarMessage(`$(check) ${title}: ${what}`, 5000);
  return result.code;
}

export function composeProjectCommand(verb: ProjectVerb) {
  return async (ctx: CommandContext, ...args: unknown[]): Promise<number | undefined> => {
    requireTrust(verb.title);
    const resolved = await resolveComposeTarget(ctx, args);
    if (!resolved) return undefined;
    // A project verb acts on the whole project even when invoked on one service's row.
    const { service: _service, ...project } = resolved;
    return runComposeVerb(ctx, project, verb.title, verb.args());
  };
}

/** "Compose Up with Profiles…": offers the profiles the file's services declare. */
export async function composeUpWithProfiles(ctx: CommandContext, ...args: unknown[]): Promise<number | undefined> {
  requireTrust('Compose Up');
  const resolved = await resolveComposeTarget(ctx, args);
  if (!resolved) return undefined;
  const declared = new Set<string>();
  for (const file of resolved.target.files) {
    const text = await vscode.workspace.fs.readFile(vscode.Uri.file(file)).then((b) => Buffer.from(b).toString('utf8'), () => '');
    for (const p of composeFeatures().composeProfiles(text)) declared.add(p);
  }
  if (declared.size === 0) {
    void vscode.window.showInformationMessage(`${path.basename(resolved.target.files[0] ?? resolved.target.label)} declares no profiles; use Compose Up.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick([...declared].sort(), { canPickMany: true, placeHolder: 'Profiles to enable' });
  if (!picked || picked.length === 0) return undefined;
  return runComposeVerb(ctx, { ...resolved, target: { ...resolved.target, profiles: picked } }, 'Compose Up', ComposeVerbs.up());
}

/** Logs follow in a terminal of their own (a task would end only when the user stops it). */
export async function composeLogs(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  requireTrust('Compose Logs');
  const resolved = await resolveComposeTarget(ctx, args);
  if (!resolved) return;
  await ctx.compose.openTerminal(resolved.target, ComposeVerbs.logs(), `Logs: ${resolved.target.label}`);
}
