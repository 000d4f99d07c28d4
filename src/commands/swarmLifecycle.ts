/** Initialize, Join and Leave: this engine's place in a swarm. */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { initSwarm, joinSwarm, leaveSwarm, swarmStatus } from '../engine/swarmNodes';
import { advertiseCandidates, checkJoinAddress, checkJoinToken } from '../explorer/swarm/swarmInputModel';
import { Views } from '../ids';
import type { CommandContext } from './commandContext';
import { confirmDestructive } from './confirm';
import { givenValue } from './swarmPick';

const isString = (v: unknown): v is string => typeof v === 'string';

/** Initialize: the advertise address comes from this host's interfaces (for a local engine), or as typed. */
export async function initializeSwarm(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const connection = ctx.session.requireConnection();
  let address = givenValue(args, isString) ?? (isString(args[0]) ? args[0] : undefined);
  if (address === undefined) {
    const local = connection.client.endpoint.transport === 'unix' || connection.client.endpoint.transport === 'npipe';
    const candidates = local ? advertiseCandidates(os.networkInterfaces()) : [];
    const typed = { label: '$(edit) Type an address…', value: '' };
    const picked = await vscode.window.showQuickPick([...candidates.map((c) => ({ label: c.address, description: c.interfaceName, value: c.address })), typed], {
      title: 'Initialize Swarm',
      placeHolder: 'The address other nodes reach this engine at (advertised to the swarm)',
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    address = picked.value || (await vscode.window.showInputBox({ title: 'Initialize Swarm', prompt: 'Advertise address: an IP address or an interface name, optionally :port', ignoreFocusOut: true, validateInput: (t) => (t.trim() ? undefined : 'Give an address.') }));
    if (!address) return undefined;
  }
  const nodeId = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Initializing swarm…' }, () => initSwarm(connection.client, address.trim()));
  await ctx.explorer.refresh(Views.swarm);
  void vscode.window.showInformationMessage(`This engine is now the first manager of a new swarm, advertising ${address.trim()}. Other engines join it with a token from \`docker swarm join-token worker\`.`);
  return nodeId;
}

export interface JoinRequest {
  remoteAddr: string;
  token: string;
}

const isJoin = (v: unknown): v is JoinRequest => typeof v === 'object' && v !== null && isString((v as JoinRequest).remoteAddr) && isString((v as JoinRequest).token);

export async function joinSwarmCommand(ctx: CommandContext, ...args: unknown[]): Promise<boolean> {
  const connection = ctx.session.requireConnection();
  let join = isJoin(args[0]) ? args[0] : givenValue(args, isJoin);
  if (!join) {
    const token = await vscode.window.showInputBox({ title: 'Join Swarm (1/2)', prompt: 'Join token (from `docker swarm join-token worker` or `manager` on a manager)', password: true, ignoreFocusOut: true, validateInput: checkJoinToken });
    if (!token) return false;
    const remoteAddr = await vscode.window.showInputBox({ title: 'Join Swarm (2/2)', prompt: "A manager's address, host:port (port 2377 by default)", ignoreFocusOut: true, validateInput: checkJoinAddress });
    if (!remoteAddr) return false;
    join = { token, remoteAddr };
  }
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Joining swarm…' }, () => joinSwarm(connection.client, join));
  await ctx.explorer.refresh(Views.swarm);
  return true;
}

/** Leave: a manager must force it, and the last manager takes the swarm's state with it; the question says which. */
export async function leaveSwarmCommand(ctx: CommandContext): Promise<boolean> {
  const client = ctx.session.requireConnection().client;
  const status = await swarmStatus(client);
  if (status.localState === 'inactive') {
    void vscode.window.showInformationMessage('This engine is not part of a swarm.');
    return false;
  }
  const detail = status.isManager
    ? status.managers <= 1
      ? 'This engine is the last manager: leaving ends the swarm, with all its services, secrets and configs.'
      : `This engine is a manager (one of ${status.managers}); demote it first if the others should keep a majority.`
    : 'Its tasks move to other nodes.';
  if (!(await confirmDestructive('Leave the swarm?', detail, 'Leave'))) return false;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Leaving swarm…' }, () => leaveSwarm(client, status.isManager));
  await ctx.explorer.refresh(Views.swarm);
  return true;
}
