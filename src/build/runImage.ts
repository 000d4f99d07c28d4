/**
 * "Run Image": after a build or from an image (a tag or id, or `{ image }` from the Images view).
 * Asks name, ports, env and env file, volumes, network, restart policy and terminal or detached;
 * runs the docker CLI with an argument array; selects the new container in the Containers view.
 */
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/commandContext';
import type { ContainerSummary } from '../engine/types';
import { Views } from '../ids';
import { defaultRunOptions, RESTART_POLICIES, runArgs, type RunOptions } from './runArgs';
import { refuseUntrusted } from './trust';

/** What a caller can pass: with `options`, nothing is asked. */
export interface RunRequest {
  image: string;
  options?: Partial<RunOptions>;
}

function asRequest(arg: unknown): RunRequest | undefined {
  if (typeof arg === 'string') return { image: arg };
  if (typeof arg === 'object' && arg !== null && typeof (arg as RunRequest).image === 'string') return arg as RunRequest;
  return undefined;
}

const split = (text: string): string[] => text.split(';').map((s) => s.trim()).filter(Boolean);

async function askImage(ctx: CommandContext): Promise<string | undefined> {
  const names = await ctx.session.connection?.client.images.names().catch(() => [] as string[]) ?? [];
  if (names.length === 0) return vscode.window.showInputBox({ title: 'Run Image: image', prompt: 'An image name:tag or id' });
  return (await vscode.window.showQuickPick(names, { title: 'Run which image?' })) ?? undefined;
}

async function askRunOptions(image: string): Promise<RunOptions | undefined> {
  const o = defaultRunOptions(image);
  const ask = (title: string, prompt: string, value = ''): Thenable<string | undefined> => vscode.window.showInputBox({ title: `Run ${image}: ${title}`, prompt, value, ignoreFocusOut: true });
  const name = await ask('container name', 'Empty: Docker picks one');
  if (name === undefined) return undefined;
  const ports = await ask('ports', 'Separate with ;  —  e.g. 127.0.0.1:8080:80; 5432:5432');
  if (ports === undefined) return undefined;
  const env = await ask('environment', 'Separate with ;  —  e.g. MODE=dev; DEBUG=1');
  if (env === undefined) return undefined;
  const envFile = await ask('env file', 'A path, or empty');
  if (envFile === undefined) return undefined;
  const volumes = await ask('volumes and binds', 'Separate with ;  —  e.g. data:/data; /home/me/src:/src:ro');
  if (volumes === undefined) return undefined;
  const network = await ask('network', 'Empty: the default bridge');
  if (network === undefined) return undefined;
  const restart = await vscode.window.showQuickPick([...RESTART_POLICIES], { title: `Run ${image}: restart policy`, ignoreFocusOut: true });
  if (restart === undefined) return undefined;
  const modes = [
    { label: 'Detached', interactive: false, remove: false },
    { label: 'Detached, removed when it exits', interactive: false, remove: true },
    { label: 'Interactive, in a terminal', interactive: true, remove: true },
  ].filter((m) => !m.remove || restart === 'no');
  const mode = await vscode.window.showQuickPick(modes, { title: `Run ${image}: how`, ignoreFocusOut: true });
  if (!mode) return undefined;
  return {
    ...o,
    ...(name.trim() ? { name: name.trim() } : {}),
    ports: split(ports),
    env: split(env),
    ...(envFile.trim() ? { envFile: envFile.trim() } : {}),
    volumes: split(volumes),
    ...(network.trim() ? { network: network.trim() } : {}),
    ...(restart !== 'no' ? { restart } : {}),
    interactive: mode.interactive,
    remove: mode.remove,
  };
}

/** Runs the container; resolves with its id for a detached run. */
export async function runImage(ctx: CommandContext, ...args: unknown[]): Promise<{ containerId: string } | unknown> {
  const refused = refuseUntrusted('Running an image');
  if (refused) return refused;
  const request = asRequest(args[0]);
  const image = request?.image ?? (await askImage(ctx));
  if (!image) return undefined;
  const options = request?.options ? { ...defaultRunOptions(image), ...request.options, image } : await askRunOptions(image);
  if (!options) return undefined;
  const cliArgs = runArgs(options);
  const builder = await ctx.build.runner.builder().catch(() => undefined);
  const command = builder?.command ?? 'docker';
  const env = ctx.build.runner.environment();
  ctx.log.info(`run: ${command} ${JSON.stringify(cliArgs)}`);
  if (options.interactive) {
    const terminal = vscode.window.createTerminal({ name: `Run ${image}`, shellPath: command, shellArgs: cliArgs, env: strictEnv(env), strictEnv: true, iconPath: new vscode.ThemeIcon('play') });
    terminal.show();
    return undefined;
  }
  const containerId = await new Promise<string>((resolve, reject) => {
    execFile(command, cliArgs, { env, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`docker run failed: ${(String(stderr).trim() || error.message).split('\n').slice(-2).join(' ')}`));
      else resolve(String(stdout).trim().split('\n').pop() ?? '');
    });
  });
  // Not awaited: the command's result does not wait for the view.
  void revealContainer(ctx, containerId);
  return { containerId };
}

function strictEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * Opens the Containers view with the new container's row selected, once the view has read it;
 * the keyboard focus stays where it was.
 */
async function revealContainer(ctx: CommandContext, containerId: string): Promise<void> {
  const shown = await ctx.explorer.reveal(Views.containers, (node) => node.kind === 'container' && (node.resource as ContainerSummary).id === containerId);
  if (shown) return;
  ctx.log.info(`run: the Containers view does not show ${containerId.slice(0, 12)} (filtered out, or it exited and was removed)`);
  await vscode.commands.executeCommand(`${Views.containers}.focus`);
}
