/** Rows and tooltips of the Volumes view. Pure. */
import { bytes } from '../../units';
import { escapeMarkdown } from '../shared/markdownText';
import { count, type Row } from '../shared/rowPresentation';
import { clock, day } from '../shared/timePresentation';
import type { VolumeEntry, VolumeMount } from './volumesModel';

/** An anonymous volume's 64-digit name, cut like an id. */
export function volumeLabel(e: VolumeEntry): string {
  return e.volume.anonymous ? e.volume.name.slice(0, 12) : e.volume.name;
}

/** `local · in use by 2 · 12 MiB` (the size once measured). */
export function volumeDescription(e: VolumeEntry): string {
  const parts = [e.volume.driver, e.users > 0 ? `in use by ${e.users}` : 'unused'];
  if (e.volume.anonymous) parts.unshift('anonymous');
  if (e.usage?.size !== undefined) parts.push(bytes(e.usage.size));
  return parts.join(' · ');
}

function table(values: Readonly<Record<string, string>>): string[] {
  return Object.entries(values)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `- ${escapeMarkdown(k)}${v === '' ? '' : ` = ${escapeMarkdown(v)}`}`);
}

export function volumeTooltip(e: VolumeEntry): string {
  const v = e.volume;
  const lines = [`**${escapeMarkdown(v.name)}**${v.anonymous ? ' (anonymous)' : ''}`, '', `Driver: ${escapeMarkdown(v.driver)} · Scope: ${escapeMarkdown(v.scope)}`, `Mountpoint: ${escapeMarkdown(v.mountpoint)}`];
  lines.push(`Containers: ${e.users}`);
  if (e.usage && e.measuredAt) lines.push(`Size: ${e.usage.size === undefined ? 'the driver does not say' : bytes(e.usage.size)} (measured ${day(e.measuredAt)} ${clock(e.measuredAt, e.measuredAt)})`);
  const labels = table(v.labels);
  if (labels.length > 0) lines.push('Labels:', ...labels);
  const options = table(v.options);
  if (options.length > 0) lines.push('Driver options:', ...options);
  if (v.created) lines.push(`Created: ${day(v.created)}`);
  return lines.join('  \n');
}

export function volumeRow(e: VolumeEntry, childCount: number): Row {
  return {
    label: volumeLabel(e),
    description: volumeDescription(e),
    icon: { id: 'database', ...(e.users > 0 ? {} : { color: 'disabledForeground' }) },
    contextValue: `volume${e.users > 0 ? '.inUse' : ''}`,
    ...(childCount > 0 ? { collapsible: 'collapsed' as const } : {}),
    tooltip: volumeTooltip(e),
    accessibilityLabel: `volume ${e.volume.name}, ${e.volume.driver}, ${count(e.users, 'container')}`,
  };
}

export function volumeMountRow(m: VolumeMount): Row {
  return {
    label: m.container.name,
    description: `${m.destination}${m.readOnly ? ' (read-only)' : ''} · ${m.container.state}`,
    icon: { id: m.container.state === 'running' ? 'vm-running' : 'vm-outline', color: m.container.state === 'running' ? 'charts.green' : 'disabledForeground' },
    contextValue: 'volumeContainer',
    tooltip: `**${escapeMarkdown(m.container.name)}** mounts ${escapeMarkdown(m.volume.name)} at ${escapeMarkdown(m.destination)}${m.readOnly ? ' (read-only)' : ''}`,
  };
}

/**
 * Remove Volume's question and its detail: what goes, and who still uses it (the engine refuses
 * a volume a container uses, running or not, so the detail says which containers to remove first).
 */
export function removeVolumeQuestion(names: readonly string[], users: ReadonlyMap<string, readonly string[]>): { question: string; detail: string } {
  const question = names.length === 1 ? `Remove volume ${names[0]} and everything in it?` : `Remove ${names.length} volumes (${names.join(', ')}) and everything in them?`;
  const used = names.filter((n) => (users.get(n) ?? []).length > 0).map((n) => `${n} is used by ${users.get(n)!.join(', ')}`);
  const detail = used.length > 0 ? `${used.join('; ')}: the engine refuses to remove a volume while a container uses it, so remove those containers first.` : 'No container uses it.';
  return { question, detail: `${detail} The data cannot be brought back.` };
}
