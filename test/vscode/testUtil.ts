/** Helpers for tests that run inside the extension host. Docker and waits come from test/support. */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { ContainersTreeNode } from '../../src/explorer/containers/containerNodes';
import type { LiveViewId } from '../../src/explorer/explorer';
import { waitFor, waitFor as waitForCondition } from '../support/docker';

export { docker, runId, TEST_IMAGE, TEST_LABEL, waitFor } from '../support/docker';

export const EXTENSION_ID = 'berth-dev.berth';

/** The repo root: this file runs from out/test/vscode/. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export function berthExtension(): vscode.Extension<BerthApi> {
  const extension = vscode.extensions.getExtension<BerthApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded: is extensionDevelopmentPath the repo root?`);
  return extension;
}

/** Activates Berth (a no-op when it already is) and returns what activate() returned. */
export async function activateBerth(): Promise<BerthApi> {
  return berthExtension().activate();
}

function labelText(label: string | vscode.TreeItemLabel | undefined): string {
  return typeof label === 'string' ? label : label?.label ?? '';
}

/** Labels of the tree's rows down to `depth` levels (1 = top level only), as a person would read them. */
export async function treeLabels(tree: vscode.TreeDataProvider<unknown>, depth = 2): Promise<string[]> {
  const labels: string[] = [];
  const walk = async (parent: unknown, level: number): Promise<void> => {
    for (const node of (await tree.getChildren(parent)) ?? []) {
      const item = await tree.getTreeItem(node);
      labels.push(labelText(item.label));
      if (level < depth && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await walk(node, level + 1);
    }
  };
  await walk(undefined, 1);
  return labels;
}

/** The first row under `parent` (top level by default) whose label reads `label`, whatever the node objects are. */
export async function findRow<T>(tree: vscode.TreeDataProvider<T>, label: string, parent?: T): Promise<T | undefined> {
  for (const node of (await tree.getChildren(parent)) ?? []) {
    if (labelText((await tree.getTreeItem(node)).label) === label) return node;
  }
  return undefined;
}

/** Writes the workspace folder's `.vscode/settings.json` as a cloned repository would carry it; undefined removes it. */
export function writeWorkspaceSettings(settings: Record<string, unknown> | undefined): void {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('no workspace folder is open');
  const file = path.join(folder, '.vscode', 'settings.json');
  if (settings === undefined) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

/** Runs `bash scripts/testbed/<script> ...args` (no shell string); resolves with its output. */
export function testbedScript(script: string, args: readonly string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [path.join(repoRoot, 'scripts', 'testbed', script), ...args], { timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${script} ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout + stderr);
    });
  });
}

/** Activates Berth, opens a view as a person would (hidden views do not refresh) and waits for the engine. */
export async function openView(view: LiveViewId): Promise<BerthApi> {
  const api = await activateBerth();
  await vscode.commands.executeCommand(`${view}.focus`);
  await waitForCondition('the engine to connect', () => api.engineState().kind === 'connected', 30_000);
  return api;
}

export function openContainersView(): Promise<BerthApi> {
  return openView('berth.containers');
}

/** For suites whose commands would ask before they destroy: the setting off for the suite, and back after. */
export function skipDestructiveConfirmations(skip: boolean): Thenable<void> {
  return vscode.workspace.getConfiguration('berth').update('confirmDestructive', skip ? false : undefined, vscode.ConfigurationTarget.Global);
}

/** A top-level container row, once the tree shows it (in `state`, when given). */
export function containerRow(api: BerthApi, id: string, state?: string): Promise<ContainersTreeNode> {
  return waitForCondition(`${id.slice(0, 12)}${state ? ` ${state}` : ''} in the tree`, async () =>
    ((await api.containersTree.getChildren(undefined)) ?? []).find((n) => n.kind === 'container' && n.container.id === id && (!state || n.container.state === state)),
  );
}

/**
 * The text a terminal shows, as a person would copy it: the workbench's own Select All and Copy on
 * that terminal, read back from the clipboard (the harness's browser grants clipboard access).
 */
export async function terminalText(terminal: vscode.Terminal): Promise<string> {
  terminal.show(false);
  await waitFor(`${terminal.name} to be the active terminal`, () => vscode.window.activeTerminal === terminal);
  await vscode.env.clipboard.writeText('');
  await vscode.commands.executeCommand('workbench.action.terminal.selectAll');
  await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
  return waitFor(`the text of ${terminal.name} on the clipboard`, async () => vscode.env.clipboard.readText(), 5_000, 50);
}
