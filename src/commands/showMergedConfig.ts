/**
 * "Show Merged Compose Config": the project's files merged into one, in an untitled YAML editor.
 * `docker compose config` when Compose v2 is there and the workspace is trusted; Berth's own merge
 * otherwise (it only reads files, so it is fine in Restricted Mode, where it masks the environment).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComposeTarget } from '../compose/composeCli';
import { DEFAULT_COMPOSE_FILES, targetFromFile } from '../compose/composeTargets';
import { MASKED_VALUE, maskedEnvironment } from '../compose/maskedEnvironment';
import { nodeComposeHost } from '../language/compose/composeHost';
import { composeFeatures } from '../language/compose/composeProviders';
import { workspaceReadPolicy } from '../language/workspaceReadPolicy';
import type { CommandContext } from './commandContext';
import { resolveComposeTarget } from './composeTarget';

// Berth's merge brings the yaml parser: loaded when the command first falls back to it.

export async function showMergedConfig(ctx: CommandContext, ...args: unknown[]): Promise<vscode.TextEditor | undefined> {
  const resolved = await resolveComposeTarget(ctx, args);
  if (!resolved) return undefined;
  const target = withFiles(resolved.target);
  const content = (await fromCompose(ctx, target)) ?? fromBerth(target);
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  return vscode.window.showTextDocument(document, { preview: false });
}

/** A running project's target may name no files; Compose would then look in its folder. */
export function withFiles(target: ComposeTarget): ComposeTarget {
  if (target.files.length > 0 || target.projectDirectory === undefined) return target;
  const dir = target.projectDirectory;
  const found = DEFAULT_COMPOSE_FILES.map((f) => path.join(dir, f)).find((f) => existsSync(f));
  return found ? { ...targetFromFile(found), ...(target.projectName !== undefined ? { projectName: target.projectName } : {}) } : target;
}

/** `docker compose config` (v2 only: v1's merge predates the compose spec); undefined to fall back. */
async function fromCompose(ctx: CommandContext, target: ComposeTarget): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) return undefined;
  const cli = await ctx.compose.detectedCli();
  if (cli?.flavor !== 'v2') return undefined;
  const result = await ctx.compose.capture(cli, target, ['config']);
  if (result.code !== 0) {
    // Compose's own message says what is wrong with the files; Berth's merge would hide it.
    throw new Error(`docker compose config failed for ${target.label}: ${result.stderr.trim() || `exit code ${result.code}`}`);
  }
  return `# Merged by docker compose config (Compose ${cli.version}) from ${describe(target)}\n${result.stdout}`;
}

function fromBerth(target: ComposeTarget): string {
  if (target.files.length === 0) throw new Error(`${target.label} has no compose file on this machine to merge.`);
  const trusted = vscode.workspace.isTrusted;
  // Untrusted: an include or .env out of the workspace is not read (the merge says so in its problems).
  const merged = composeFeatures().mergeCompose(target.files, nodeComposeHost(trusted ? process.env : maskedEnvironment(process.env), [], workspaceReadPolicy()));
  const reason = trusted ? 'Compose v2 was not found' : `Restricted Mode: Compose is not run, and values from the environment show as ${MASKED_VALUE}`;
  const problems = merged.problems.map((p) => `# ${p}\n`).join('');
  return `# Merged by Berth (${reason}) from ${describe(target)}\n${problems}${merged.yaml}`;
}

function describe(target: ComposeTarget): string {
  return target.files.length > 0 ? target.files.map((f) => vscode.workspace.asRelativePath(f)).join(', ') : target.label;
}
