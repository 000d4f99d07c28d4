/** Rows of the System view. Pure. */
import type { PluginPrivilege, PluginSummary, UsageLine } from '../../engine/systemMapping';
import type { EngineEvent } from '../../engine/types';
import { bytes } from '../../units';
import { escapeMarkdown } from '../shared/markdownText';
import type { Row } from '../shared/rowPresentation';
import { eventSubject, eventTime, type Fact, type Section } from './systemModel';

const SECTION_ICONS: Record<Section['id'], string> = {
  engine: 'server-environment',
  storage: 'database',
  security: 'shield',
  registries: 'cloud',
  disk: 'pie-chart',
  plugins: 'extensions',
  events: 'pulse',
};

export function sectionRow(s: Section): Row {
  return {
    label: s.title,
    description: s.summary,
    icon: { id: SECTION_ICONS[s.id] },
    contextValue: `section.${s.id}`,
    collapsible: s.id === 'engine' ? 'expanded' : 'collapsed',
  };
}

export function factRow(f: Fact): Row {
  return { label: f.label, description: f.value, contextValue: 'fact', tooltip: `**${escapeMarkdown(f.label.trim())}**: ${escapeMarkdown(f.value)}${f.detail ? `  \n${escapeMarkdown(f.detail)}` : ''}` };
}

export function diskUsageRow(u: UsageLine & { label: string }): Row {
  return {
    label: u.label,
    description: `${u.count} (${u.active} in use) · ${bytes(u.bytes)} · ${bytes(u.reclaimableBytes)} reclaimable`,
    icon: { id: 'circle-filled', color: u.reclaimableBytes > 0 ? 'charts.yellow' : 'charts.green' },
    contextValue: 'diskUsage',
    tooltip: `**${escapeMarkdown(u.label)}**: ${u.count}, ${u.active} in use  \nSize: ${bytes(u.bytes)}  \nReclaimable: ${bytes(u.reclaimableBytes)}`,
  };
}

export function pluginRow(p: PluginSummary): Row {
  return {
    label: p.name,
    description: `${p.enabled ? 'enabled' : 'disabled'}${p.types.length > 0 ? ` · ${p.types.join(', ')}` : ''}`,
    icon: { id: 'plug', ...(p.enabled ? { color: 'charts.green' } : { color: 'disabledForeground' }) },
    contextValue: `plugin.${p.enabled ? 'enabled' : 'disabled'}`,
    tooltip: [`**${escapeMarkdown(p.name)}**`, '', escapeMarkdown(p.description || 'No description.'), `Types: ${escapeMarkdown(p.types.join(', ') || '—')}`, `Reference: ${escapeMarkdown(p.reference || '—')}`, `ID: ${escapeMarkdown(p.id.slice(0, 12))}`].join('  \n'),
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function eventRow(e: EngineEvent): Row {
  const time = eventTime(e);
  const clock = time ? `${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}` : '';
  const attributes = Object.entries(e.attributes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `- ${escapeMarkdown(k)} = ${escapeMarkdown(v)}`);
  return {
    label: `${e.type} ${e.action}`,
    description: `${eventSubject(e)}${clock ? ` · ${clock}` : ''}`,
    icon: { id: 'circle-small' },
    contextValue: 'event',
    tooltip: [`**${escapeMarkdown(`${e.type} ${e.action}`)}** ${escapeMarkdown(eventSubject(e))}`, time ? `At: ${escapeMarkdown(time.toISOString())}` : '', `ID: ${escapeMarkdown(e.id)}`, ...attributes].filter(Boolean).join('  \n'),
  };
}

/** What a system prune removed and freed. */
export interface SystemPruneReport {
  containers: number;
  networks: number;
  images: number;
  volumes: number;
  bytesReclaimed: number;
}

export function describePrune(r: SystemPruneReport): string {
  const parts = [
    `${r.containers} container${r.containers === 1 ? '' : 's'}`,
    `${r.networks} network${r.networks === 1 ? '' : 's'}`,
    `${r.images} image${r.images === 1 ? '' : 's'}`,
    ...(r.volumes > 0 ? [`${r.volumes} volume${r.volumes === 1 ? '' : 's'}`] : []),
  ];
  return `Freed ${bytes(r.bytesReclaimed)}: removed ${parts.join(', ')}.`;
}

/** `- network: host` lines, for the question. */
export function describePrivileges(privileges: readonly PluginPrivilege[]): string {
  return privileges.length === 0 ? 'It asks for no privileges.' : privileges.map((p) => `• ${p.name}: ${p.value.join(', ') || '(any)'}${p.description ? ` — ${p.description}` : ''}`).join('\n');
}
