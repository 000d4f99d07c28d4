/** What a swarm command acts on: its rows, or — from the palette — a pick from the swarm as the view last read it. */
import { loadSwarm, type SwarmSnapshot } from '../engine/swarmSnapshot';
import type { SwarmNode, SwarmSecretLike, SwarmService } from '../engine/swarmTypes';
import { Views } from '../ids';
import { throwIfAnyFailed } from './actionFailed';
import type { CommandContext } from './commandContext';
import { reportRemoved } from './confirm';
import { pickValues } from './pick';
import { targetsOf } from './targets';

/** The swarm as the view holds it; read now when the view has not read it yet (it was never shown). */
export async function swarmSnapshot(ctx: CommandContext): Promise<SwarmSnapshot> {
  const held = ctx.explorer.snapshot(Views.swarm);
  return held.status ? held : loadSwarm(ctx.session.requireConnection().client);
}

export async function pickSwarmServices(ctx: CommandContext, args: readonly unknown[], verb: string, many: boolean, which: (s: SwarmService) => boolean = () => true): Promise<SwarmService[]> {
  const rows = targetsOf(args);
  if (rows) return rows.swarmServices.filter(which);
  const services = (await swarmSnapshot(ctx)).services.filter(which);
  const items = [...services].sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ label: s.name, description: `${s.mode} · ${s.image}`, value: s }));
  return pickValues(items, { verb, noun: 'services', many });
}

export async function pickSwarmNodes(ctx: CommandContext, args: readonly unknown[], verb: string, which: (n: SwarmNode) => boolean = () => true): Promise<SwarmNode[]> {
  const rows = targetsOf(args);
  if (rows) return rows.swarmNodes.filter(which);
  const nodes = (await swarmSnapshot(ctx)).nodes.filter(which);
  const items = nodes.map((n) => ({ label: n.hostname, description: `${n.role} · ${n.availability} · ${n.state}`, value: n }));
  return pickValues(items, { verb, noun: 'nodes', many: true });
}

export async function pickSecretLikes(ctx: CommandContext, args: readonly unknown[], kind: 'secret' | 'config', verb: string, many: boolean): Promise<SwarmSecretLike[]> {
  const rows = targetsOf(args);
  if (rows) return kind === 'secret' ? rows.swarmSecrets : rows.swarmConfigs;
  const snapshot = await swarmSnapshot(ctx);
  const items = (kind === 'secret' ? snapshot.secrets : snapshot.configs).map((s) => ({ label: s.name, value: s }));
  return pickValues(items, { verb, noun: `${kind}s`, many });
}

/** A value passed as the command's third argument (after the row and the selection): a keybinding, another extension, a test. */
export function givenValue<T>(args: readonly unknown[], is: (v: unknown) => v is T): T | undefined {
  const value = args[2];
  return is(value) ? value : undefined;
}

/**
 * Runs `action` on each of `items` (already confirmed), re-reads the view, and says what it did;
 * one message names the ones that failed, with the engine's reason. Resolves with the names done.
 */
export async function eachSwarmObject<T>(
  ctx: CommandContext,
  items: readonly T[],
  nameOf: (item: T) => string,
  verb: string,
  action: (item: T) => Promise<void>,
  removed?: { one: string; many: string },
): Promise<string[]> {
  const results = await Promise.allSettled(items.map(action));
  const names = items.map(nameOf);
  const done = names.filter((_, i) => results[i]!.status === 'fulfilled');
  void ctx.explorer.refresh(Views.swarm);
  if (removed && done.length > 0) reportRemoved(removed.one, removed.many, done);
  throwIfAnyFailed(verb, names, results);
  return done;
}
