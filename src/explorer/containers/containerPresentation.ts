/** Label, description, icon, context value and tooltip of container rows. Pure, so it is unit-tested. */
import { isIP } from 'node:net';
import type { ContainerSummary, ContainerTimes, PortBinding } from '../../engine/types';
import { escapeMarkdown, markdownCode } from '../shared/markdownText';
import type { IconSpec, Row } from '../shared/rowPresentation';
import { clock, duration } from '../shared/timePresentation';
import { stateCounts, type ComposeProjectGroup } from './containersModel';

/** The scheme of a container row's resource URI; the security badges decorate it. */
export const CONTAINER_ROW_SCHEME = 'berth-container';

/** `berth-container:/<id>`: a container id is hex, so it needs no escaping. */
export function containerRowUri(id: string): string {
  return `${CONTAINER_ROW_SCHEME}:/${id}`;
}

export { escapeMarkdown } from '../shared/markdownText';
export type { IconSpec };

/** State with its exit code or health: `exited (137)`, `running (unhealthy)`. */
export function containerStateText(c: ContainerSummary): string {
  if (c.exitCode !== undefined && c.state === 'exited') return `exited (${c.exitCode})`;
  if (c.health !== undefined) return `${c.state} (${c.health === 'starting' ? 'health: starting' : c.health})`;
  return c.state;
}

/**
 * What does not rot: image and state. The engine's "Up 2 seconds" would still say so an hour later,
 * and would redraw the row on every listing (a `kill` before the `die` of a stop, say); times are
 * in the tooltip, worked out when it is shown.
 */
export function containerDescription(c: ContainerSummary): string {
  return `${c.image} · ${containerStateText(c)}`;
}

/** `Up 3 hours, since 10:02`, `Exited 5 minutes ago, at 10:02`: from when the tooltip is shown. */
export function containerTimesText(c: ContainerSummary, times: ContainerTimes, now: Date): string | undefined {
  const { startedAt, finishedAt } = times;
  const running = c.state === 'running' || c.state === 'paused' || c.state === 'restarting';
  if (running && startedAt) return `Up ${duration(now.getTime() - startedAt.getTime())}, since ${clock(startedAt, now)}`;
  if (!running && finishedAt) return `${c.state === 'dead' ? 'Died' : 'Exited'} ${duration(now.getTime() - finishedAt.getTime())} ago, at ${clock(finishedAt, now)}`;
  if (c.state === 'created') return `Created ${duration(now.getTime() - c.created.getTime())} ago, never started`;
  return undefined;
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

/**
 * The tooltip; with `times` (read on hover) it also says how long it has been up or down, and with
 * `security` a line per weakened protection (the findings behind the row's badge).
 */
export function containerTooltip(c: ContainerSummary, times?: ContainerTimes, now = new Date(), security: readonly { explanation: string }[] = []): string {
  const when = times ? containerTimesText(c, times, now) : undefined;
  const lines = [
    `**${escapeMarkdown(c.name)}**`,
    '',
    `Image: ${escapeMarkdown(c.image)}`,
    `Command: ${markdownCode(c.command)}`,
    `State: ${containerStateText(c)}${when ? ` — ${when}` : ''}`,
    `Created: ${c.created.toLocaleString()}`,
  ];
  if (times && times.restartCount > 0) lines.push(`Restarted: ${times.restartCount} time${times.restartCount === 1 ? '' : 's'}`);
  if (c.composeProject !== undefined) {
    lines.push(`Compose: ${escapeMarkdown(c.composeProject)}${c.composeService ? ` / ${escapeMarkdown(c.composeService)}` : ''}`);
  }
  if (c.ports.length > 0) lines.push(`Ports: ${c.ports.map(portLine).join(', ')}`);
  lines.push(`ID: ${escapeMarkdown(c.id.slice(0, 12))}`);
  if (security.length > 0) lines.push('', '**Security**', ...security.map((b) => `⚠ ${escapeMarkdown(b.explanation)}`));
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
    resourceUri: containerRowUri(c.id),
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
