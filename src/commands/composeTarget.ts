/**
 * Resolves what a compose command acts on from how it was invoked: a file (explorer, editor
 * title, code lens), a compose group or service row in the Containers view, or — from the
 * palette — the active compose file or a quick pick of files and running projects.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Config } from '../config';
import type { ComposeTarget } from '../compose/composeCli';
import { isComposeFileName, targetFromFile, targetFromLabels } from '../compose/composeTargets';
import { Views } from '../ids';
import type { CommandContext } from './commandContext';
import { Refusal } from './commandFailure';
import { targetsOf } from './targets';

export interface ResolvedComposeTarget {
  target: ComposeTarget;
  /** The compose file, when the target came from one. */
  file?: vscode.Uri;
  /** The service, when the command was invoked on a service. */
  service?: string;
}

/** What a code lens passes: the file and, for a service lens, the service. */
export interface ComposeServiceRef {
  uri: vscode.Uri;
  service?: string;
}

function isServiceRef(value: unknown): value is ComposeServiceRef {
  return typeof value === 'object' && value !== null && (value as ComposeServiceRef).uri instanceof vscode.Uri;
}

export class RestrictedModeRefusal extends Refusal {
  constructor(what: string) {
    super(`${what} is not run in Restricted Mode: Compose reads and builds files from this workspace. Trust the folder first (Workspaces: Manage Workspace Trust).`);
  }
}

/** Compose executes workspace content (it builds Dockerfiles, reads .env): never in Restricted Mode. */
export function requireTrust(what: string): void {
  if (!vscode.workspace.isTrusted) throw new RestrictedModeRefusal(what);
}

function fromFile(uri: vscode.Uri, service?: string): ResolvedComposeTarget {
  return { target: targetFromFile(uri.fsPath, Config.composeFiles(uri)), file: uri, ...(service ? { service } : {}) };
}

export async function resolveComposeTarget(ctx: CommandContext, args: unknown[]): Promise<ResolvedComposeTarget | undefined> {
  const [arg] = args;
  if (arg instanceof vscode.Uri) return fromFile(arg);
  if (isServiceRef(arg)) return fromFile(arg.uri, arg.service);
  const rows = targetsOf([arg]);
  if (rows) {
    const target = rows.compose ? targetFromLabels(rows.compose.labels) : undefined;
    if (!target) throw new Error(`${rows.names[0] ?? 'This container'} does not belong to a compose project.`);
    return { target, ...(rows.compose?.service ? { service: rows.compose.service } : {}) };
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && isComposeFileName(path.basename(active.fsPath))) return fromFile(active);
  return pickTarget(ctx);
}

async function pickTarget(ctx: CommandContext): Promise<ResolvedComposeTarget | undefined> {
  const files = await vscode.workspace.findFiles('**/{compose,docker-compose}*.{yml,yaml}', '**/node_modules/**', 100);
  type Item = vscode.QuickPickItem & { resolve: () => ResolvedComposeTarget | undefined };
  const items: Item[] = files
    .filter((f) => isComposeFileName(path.basename(f.fsPath)) && !/\.override\./.test(f.fsPath))
    .map((f) => ({ label: `$(file) ${vscode.workspace.asRelativePath(f)}`, resolve: () => fromFile(f) }));
  const projects = new Map<string, Readonly<Record<string, string>>>();
  for (const c of ctx.explorer.snapshot(Views.containers)) if (c.composeProject !== undefined && !projects.has(c.composeProject)) projects.set(c.composeProject, c.labels);
  for (const [project, labels] of projects) {
    items.push({ label: `$(layers) ${project}`, description: 'running project', resolve: () => {
      const target = targetFromLabels(labels);
      return target ? { target } : undefined;
    } });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No compose file in this workspace and no compose project in the engine.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Compose file or project' });
  return picked?.resolve();
}
