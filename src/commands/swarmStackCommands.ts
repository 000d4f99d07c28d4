/**
 * Deploy a compose file as a stack (`docker stack deploy`: the CLI turns the file into services,
 * networks, secrets and configs) and remove a stack. Deploy reads and sends workspace files, so it
 * is refused in Restricted Mode; it runs the CLI with an argument array, never a shell.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Config } from '../config';
import { checkStackName, stackDeployArgs, stackNameFor } from '../compose/stackCli';
import type { EngineClient } from '../engine/client';
import { listSecretLikes, removeSecretLike } from '../engine/swarmSecrets';
import { listServices, removeService } from '../engine/swarmServices';
import { STACK_NAMESPACE_LABEL } from '../engine/swarmTypes';
import { Views } from '../ids';
import type { CommandContext } from './commandContext';
import { confirmDestructive } from './confirm';
import { Refusal } from './commandFailure';
import { targetsOf } from './targets';

export interface StackDeployRequest {
  file: vscode.Uri;
  name?: string;
}

const isDeploy = (v: unknown): v is StackDeployRequest => typeof v === 'object' && v !== null && (v as StackDeployRequest).file instanceof vscode.Uri;

async function pickComposeFile(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.uri.scheme === 'file' && (active.languageId === 'dockercompose' || /\.ya?ml$/.test(active.uri.fsPath))) return active.uri;
  const files = await vscode.workspace.findFiles('**/*.{yml,yaml}', '**/node_modules/**', 200);
  const items = files.map((f) => ({ label: vscode.workspace.asRelativePath(f), value: f }));
  if (items.length === 0) {
    const [picked] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Compose files': ['yml', 'yaml'] }, openLabel: 'Deploy' })) ?? [];
    return picked;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Compose file to deploy as a stack' }))?.value;
}

/** Resolves with the CLI's exit code, or undefined when cancelled. */
export async function deployStack(ctx: CommandContext, ...args: unknown[]): Promise<number | undefined> {
  if (!vscode.workspace.isTrusted) {
    throw new Refusal(
      "Deploy Stack is not run in Restricted Mode: the docker CLI reads this workspace's compose file and the files it names (env files, secrets, configs) and sends them to the engine. Trust the folder first (Workspaces: Manage Workspace Trust).",
    );
  }
  const endpoint = ctx.session.requireConnection().client.endpoint;
  const given = args.find(isDeploy);
  const file = given?.file ?? (args[0] instanceof vscode.Uri ? args[0] : await pickComposeFile());
  if (!file) return undefined;
  const name =
    given?.name ??
    (await vscode.window.showInputBox({
      title: 'Deploy Stack',
      prompt: `Stack name: it prefixes every service, network, secret and config of ${path.basename(file.fsPath)}`,
      value: stackNameFor(path.basename(path.dirname(file.fsPath))),
      validateInput: checkStackName,
    }));
  if (!name) return undefined;
  const problem = checkStackName(name);
  if (problem) throw new Error(`Cannot deploy stack "${name}": ${problem}`);
  const args_ = stackDeployArgs(endpoint, file.fsPath, name, Config.stackResolveImage());
  ctx.log.info(`stack deploy: docker ${JSON.stringify(args_)}`);
  const result = await ctx.compose.runTask('docker', args_, path.dirname(file.fsPath), `Deploy stack ${name}`, 'stack-deploy');
  void ctx.explorer.refresh(Views.swarm);
  if (result && result.code !== 0) throw new Error(`docker stack deploy ended with exit code ${result.code}; the task's terminal shows why.`);
  return result?.code;
}

/** What `docker stack rm` removes: the stack's services, then its secrets, configs and networks. */
async function removeStackObjects(client: EngineClient, stack: string): Promise<number> {
  const ofStack = (labels: Readonly<Record<string, string>>): boolean => labels[STACK_NAMESPACE_LABEL] === stack;
  const services = (await listServices(client)).filter((s) => ofStack(s.labels));
  await Promise.all(services.map((s) => removeService(client, s.id)));
  const [secrets, configs, networks] = await Promise.all([listSecretLikes(client, 'secret'), listSecretLikes(client, 'config'), client.networks.list()]);
  await Promise.allSettled([
    ...secrets.filter((s) => ofStack(s.labels)).map((s) => removeSecretLike(client, 'secret', s.id)),
    ...configs.filter((s) => ofStack(s.labels)).map((s) => removeSecretLike(client, 'config', s.id)),
    // A network may still have a task attached for a moment: the engine removes it with the last task otherwise.
    ...networks.filter((n) => ofStack(n.labels)).map((n) => client.networks.remove(n.id)),
  ]);
  return services.length;
}

export async function removeStack(ctx: CommandContext, ...args: unknown[]): Promise<string[]> {
  const rows = targetsOf(args);
  let stacks = rows?.swarmStacks.map((s) => s.name);
  if (!stacks) {
    const names = [...new Set((await listServices(ctx.session.requireConnection().client)).map((s) => s.labels[STACK_NAMESPACE_LABEL]).filter((n): n is string => !!n))].sort();
    if (names.length === 0) {
      void vscode.window.showInformationMessage('No stacks to remove.');
      return [];
    }
    stacks = (await vscode.window.showQuickPick(names, { canPickMany: true, placeHolder: 'stacks to remove' })) ?? [];
  }
  if (stacks.length === 0) return [];
  if (!(await confirmDestructive(`Remove stack ${stacks.join(', ')}?`, 'Its services stop on every node; its networks, secrets and configs go too.', 'Remove'))) return [];
  const client = ctx.session.requireConnection().client;
  const counts = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Removing ${stacks.join(', ')}…` }, () => Promise.all(stacks.map((s) => removeStackObjects(client, s))));
  void ctx.explorer.refresh(Views.swarm);
  void vscode.window.showInformationMessage(`Removed stack ${stacks.join(', ')} (${counts.reduce((a, b) => a + b, 0)} services).`);
  return stacks;
}
