/** Rows and tooltips of the Networks view. Pure. */
import type { NetworkSummary } from '../../engine/types';
import { count, escapeMarkdown, type IconSpec, type Row } from '../shared/rowPresentation';
import { day } from '../shared/timePresentation';
import type { NetworkAttachment } from './networksModel';

const DRIVER_ICONS: Record<string, string> = {
  bridge: 'type-hierarchy-sub',
  overlay: 'globe',
  host: 'vm',
  null: 'circle-slash',
  macvlan: 'plug',
  ipvlan: 'plug',
};

export function networkIcon(n: NetworkSummary): IconSpec {
  return { id: DRIVER_ICONS[n.driver] ?? 'extensions', ...(n.builtIn ? { color: 'disabledForeground' } : {}) };
}

/** Networks a container can join: not the host's stack and not `none`. */
export function isConnectable(n: NetworkSummary): boolean {
  return n.driver !== 'host' && n.driver !== 'null' && !n.ingress;
}

/** `network` + `.builtin` (cannot be removed) + `.connectable` (containers can join). */
export function networkContextValue(n: NetworkSummary): string {
  return `network${n.builtIn ? '.builtin' : ''}${isConnectable(n) ? '.connectable' : ''}`;
}

/** Driver, scope, the first subnet and what is special: `bridge · local · 172.20.0.0/16 · internal`. */
export function networkDescription(n: NetworkSummary): string {
  const parts = [n.driver, n.scope];
  const subnet = n.subnets[0]?.subnet;
  if (subnet) parts.push(n.subnets.length > 1 ? `${subnet} +${n.subnets.length - 1}` : subnet);
  if (n.internal) parts.push('internal');
  if (n.attachable) parts.push('attachable');
  return parts.join(' · ');
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

function table(values: Readonly<Record<string, string>>): string[] {
  return Object.entries(values)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `- ${escapeMarkdown(k)}${v === '' ? '' : ` = ${escapeMarkdown(v)}`}`);
}

export function networkTooltip(n: NetworkSummary, attached: number): string {
  const lines = [`**${escapeMarkdown(n.name)}**${n.builtIn ? ' (built in)' : ''}`, '', `Driver: ${escapeMarkdown(n.driver)} · Scope: ${escapeMarkdown(n.scope)}`];
  for (const s of n.subnets) {
    lines.push(`Subnet: ${escapeMarkdown(s.subnet ?? '—')}${s.gateway ? ` · Gateway: ${escapeMarkdown(s.gateway)}` : ''}${s.ipRange ? ` · IP range: ${escapeMarkdown(s.ipRange)}` : ''}`);
  }
  lines.push(`Internal: ${yesNo(n.internal)} · Attachable: ${yesNo(n.attachable)}${n.ipv6 ? ' · IPv6' : ''}${n.ingress ? ' · ingress' : ''}`);
  lines.push(`Containers: ${attached}`);
  const labels = table(n.labels);
  if (labels.length > 0) lines.push('Labels:', ...labels);
  const options = table(n.options);
  if (options.length > 0) lines.push('Driver options:', ...options);
  if (n.created) lines.push(`Created: ${day(n.created)}`);
  lines.push(`ID: ${n.id.slice(0, 12)}`);
  return lines.join('  \n');
}

export function networkRow(n: NetworkSummary, childCount: number): Row {
  return {
    label: n.name,
    description: networkDescription(n),
    icon: networkIcon(n),
    contextValue: networkContextValue(n),
    ...(childCount > 0 ? { collapsible: 'collapsed' as const } : {}),
    tooltip: networkTooltip(n, childCount),
    accessibilityLabel: `network ${n.name}, ${n.driver}, ${count(childCount, 'container')}`,
  };
}

/** The container's addresses on the network: `172.20.0.2`, or that it is not running. */
export function attachmentDescription(a: NetworkAttachment): string {
  const addresses = [a.ipv4, a.ipv6].filter((x): x is string => Boolean(x));
  return addresses.length > 0 ? addresses.join(' · ') : `${a.container.state}, no address`;
}

export function attachmentRow(a: NetworkAttachment): Row {
  const aliases = a.aliases.filter((x) => x !== a.container.id.slice(0, 12));
  return {
    label: a.container.name,
    description: attachmentDescription(a),
    icon: { id: a.container.state === 'running' ? 'vm-running' : 'vm-outline', ...(a.container.state === 'running' ? { color: 'charts.green' } : { color: 'disabledForeground' }) },
    contextValue: 'networkContainer',
    tooltip: [
      `**${escapeMarkdown(a.container.name)}** on ${escapeMarkdown(a.network.name)}`,
      '',
      `IPv4: ${escapeMarkdown(a.ipv4 ?? '—')}`,
      ...(a.ipv6 ? [`IPv6: ${escapeMarkdown(a.ipv6)}`] : []),
      ...(aliases.length > 0 ? [`Aliases: ${aliases.map(escapeMarkdown).join(', ')}`] : []),
      `State: ${a.container.state}`,
    ].join('  \n'),
  };
}
