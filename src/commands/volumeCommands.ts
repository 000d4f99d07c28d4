/**
 * Create Volume (name, driver, driver options, labels), Remove (asks first) and Prune Volumes
 * (asks first, says what it freed). From the view, the palette, or with the answers as argument.
 */
import * as vscode from 'vscode';
import type { VolumeCreateSpec, VolumeSummary } from '../engine/types';
import { bytes } from '../units';
import { removeVolumeQuestion } from '../explorer/volumes/volumePresentation';
import { volumePruneFilters, volumeUsers } from '../explorer/volumes/volumesModel';
import { throwIfAnyFailed } from './actionFailed';
import { askKeyValues, askText, type Step } from './ask';
import type { CommandContext } from './commandContext';
import { confirmDestructive, reportRemoved } from './confirm';
import { pickValues } from './pick';
import { pruneOptions } from './removeNetwork';
import { targetsOf } from './targets';

function isSpec(value: unknown): value is VolumeCreateSpec {
  return typeof value === 'object' && value !== null && typeof (value as VolumeCreateSpec).driver === 'string';
}

async function askSpec(): Promise<VolumeCreateSpec | undefined> {
  const at = (step: number): Step => ({ title: 'Create Volume', step, steps: 4 });
  const name = await askText(at(1), 'Name of the volume', { optional: true, placeHolder: 'Leave empty: the engine makes one up', check: (t) => (t !== t.trim() ? 'No spaces at the start or end.' : undefined) });
  if (name === undefined) return undefined;
  const driver = await askText(at(2), 'Volume driver', { value: 'local', check: (t) => (t.trim() === '' ? 'A driver, e.g. local.' : undefined) });
  if (driver === undefined) return undefined;
  const options = await askKeyValues(at(3), 'Driver options, e.g. type=tmpfs, device=tmpfs, o="size=100m,uid=1000" — or NFS: type=nfs, o="addr=10.0.0.1,rw", device=":/export"', 'key=value, key="value, with commas"');
  if (options === undefined) return undefined;
  const labels = await askKeyValues(at(4), 'Labels', 'key=value, key=value');
  if (labels === undefined) return undefined;
  return { ...(name ? { name } : {}), driver: driver.trim(), options, labels };
}

/** Resolves with the new volume's name (undefined when cancelled). */
export async function createVolume(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const client = ctx.session.requireConnection().client;
  const spec = isSpec(args[0]) ? args[0] : await askSpec();
  if (!spec) return undefined;
  const name = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Creating volume${spec.name ? ` ${spec.name}` : ''}…` }, () => client.volumes.create(spec));
  vscode.window.setStatusBarMessage(`$(check) Created volume ${name}`, 5000);
  return name;
}

/** The volumes a command acts on: its rows, or a pick from the palette. */
export async function pickVolumes(ctx: CommandContext, args: readonly unknown[], verb: string, many: boolean): Promise<VolumeSummary[]> {
  const rows = targetsOf(args);
  if (rows) return rows.volumes;
  const volumes = await ctx.session.requireConnection().client.volumes.list();
  const items = volumes.sort((a, b) => a.name.localeCompare(b.name)).map((v) => ({ label: v.name, description: v.driver, value: v }));
  return pickValues(items, { verb, noun: 'volumes', many });
}

export async function removeVolume(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await pickVolumes(ctx, args, 'remove', true);
  if (targets.length === 0) return;
  const names = targets.map((t) => t.name);
  const client = ctx.session.requireConnection().client;
  const { question, detail } = removeVolumeQuestion(names, volumeUsers(await client.containers.list()));
  if (!(await confirmDestructive(question, detail, 'Remove'))) return;
  const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Removing ${targets.length === 1 ? names[0] : `${targets.length} volumes`}…` }, () =>
    Promise.allSettled(targets.map((t) => client.volumes.remove(t.name))),
  );
  const removed = targets.filter((_, i) => results[i]!.status === 'fulfilled').map((t) => t.name);
  if (removed.length > 0) reportRemoved('volume', 'volumes', removed);
  throwIfAnyFailed('remove', names, results);
}

/** Removes every volume no container uses; resolves with what went and the bytes it freed. */
export async function pruneVolumes(ctx: CommandContext, ...args: unknown[]): Promise<{ removed: string[]; bytesReclaimed: number } | undefined> {
  const options = pruneOptions(args[0]);
  if (!(await confirmDestructive('Remove every volume that no container uses, and the data in it?', 'Named volumes too. The data cannot be brought back.', 'Prune'))) return undefined;
  const client = ctx.session.requireConnection().client;
  const version = await client.version();
  const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Pruning volumes…' }, () => client.volumes.prune(volumePruneFilters(version.apiVersion, options.filters)));
  reportRemoved('volume', 'volumes', report.removed, report.removed.length === 0 ? ' unused' : `, freeing ${bytes(report.bytesReclaimed)}`);
  return report;
}
