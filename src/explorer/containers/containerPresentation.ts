/** Label, description, icon, context value and tooltip of container rows. Pure, so it is unit-tested. */
import { isIP } from 'node:net';
import type { ContainerSummary, PortBinding } from '../../engine/types';
import { escapeMarkdown, markdownCode } from '../shared/markdownText';
import type { IconSpec, Row } from '../shared/rowPresentation';
import { stateCounts, type ComposeProjectGroup } from './containersModel';

export { escapeMarkdown } from '../shared/markdownText';
export type { IconSpec };

export function containerDescription(c: ContainerSummary): string {
  return `${c.image} · ${c.status}`;
}

export function containerIcon(c: ContainerSummary): IconSpec {
  if (c.state === 'running') {
    if (c.health === 'unhealthy') return { id: 'vm-outline', color: 'charts.red' };
    if (c.health === 'starting') return { id: 'vm-active', color: 'charts.yellow' };
    return { id: 'vm-running', color: 'charts.green' };
  }
  switch (c.state) {
    case 'paused':
      return { id: 'debug-pause', color: 'charts.yellow' };
    case 'restarting':
      return { id: 'sync', color: 'charts.orange' };
    case 'removing':
      return { id: 'trash', color: 'disabledForeground' };
    case 'dead':
      return { id: 'error', color: 'charts.red' };
    case 'created':
      return { id: 'vm-outline' };
    case 'exited':
    default:
      return { id: 'vm-outline', color: 'disabledForeground' };
  }
}

/** `container.<state>`, plus `.compose` for a compose service's container: menus match on it so only valid actions show. */
export function containerContextValue(c: ContainerSummary): string {
  return `container.${c.state}${c.composeProject !== undefined ? '.compose' : ''}`;
}

/**
 * Where a published port is reachable from this machine, or undefined when it is not published.
 * Built only from an IP address and a port number: the engine's `hostIp` is never trusted into a URL.
 */
export function portUrl(port: PortBinding): string | undefined {
  const { publicPort, hostIp: ip } = port;
  if (publicPort === undefined || port.protocol !== 'tcp' || !Number.isInteger(publicPort) || publicPort < 1 || publicPort > 65535) return undefined;
  if (!ip || ip === '0.0.0.0' || ip === '::' || ip === '127.0.0.1' || ip === '::1') return `http://localhost:${publicPort}`;
  const family = isIP(ip);
  if (family === 4) return `http://${ip}:${publicPort}`;
  // A zone id (`fe80::1%eth0`) would need escaping inside a URL; such a port is shown, not linked.
  if (family === 6 && !ip.includes('%')) return `http://[${ip}]:${publicPort}`;
  return undefined;
}

function portLine(port: PortBinding): string {
  const inside = `${port.privatePort}/${port.protocol}`;
  const url = portUrl(port);
  if (url) return `[${escapeMarkdown(url)}](${url}) → ${inside}`;
  if (port.publicPort !== undefined) return `${escapeMarkdown(`${port.hostIp ?? ''}:${port.publicPort}`)} → ${inside}`;
  return `${inside} (not published)`;
}

export function containerTooltip(c: ContainerSummary): string {
  const lines = [
    `**${escapeMarkdown(c.name)}**`,
    '',
    `Image: ${escapeMarkdown(c.image)}`,
    `Command: ${markdownCode(c.command)}`,
    `State: ${c.state}${c.health ? ` (${c.health})` : ''} — ${escapeMarkdown(c.status)}`,
    `Created: ${c.created.toLocaleString()}`,
  ];
  if (c.composeProject !== undefined) {
    lines.push(`Compose: ${escapeMarkdown(c.composeProject)}${c.composeService ? ` / ${escapeMarkdown(c.composeService)}` : ''}`);
  }
  if (c.ports.length > 0) lines.push(`Ports: ${c.ports.map(portLine).join(', ')}`);
  lines.push(`ID: ${escapeMarkdown(c.id.slice(0, 12))}`);
  return lines.join('  \n');
}

export function projectDescription(group: ComposeProjectGroup): string {
  const counts = stateCounts(group.containers);
  const running = counts.running ?? 0;
  return `${running}/${group.containers.length} running`;
}

export function projectIcon(group: ComposeProjectGroup): IconSpec {
  const counts = stateCounts(group.containers);
  if ((counts.running ?? 0) === group.containers.length) return { id: 'layers-active', color: 'charts.green' };
  if ((counts.running ?? 0) > 0 || (counts.paused ?? 0) > 0) return { id: 'layers-dot', color: 'charts.yellow' };
  return { id: 'layers', color: 'disabledForeground' };
}

export function containerRow(c: ContainerSummary): Row {
  return {
    label: c.name,
    description: containerDescription(c),
    icon: containerIcon(c),
    contextValue: containerContextValue(c),
    tooltip: containerTooltip(c),
    accessibilityLabel: `${c.name}, ${c.state}, ${c.image}`,
  };
}

export function projectRow(group: ComposeProjectGroup): Row {
  // The label is engine data (a compose label anyone can set): a TreeItem label is plain text, never run.
  return {
    label: group.project,
    description: projectDescription(group),
    icon: projectIcon(group),
    contextValue: 'composeProject',
    collapsible: 'expanded',
    tooltip: `Compose project ${escapeMarkdown(group.project)}: ${group.containers.length} container(s)`,
  };
}
