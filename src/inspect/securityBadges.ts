/**
 * What makes a container dangerous to its host, read from its inspect: one badge per finding,
 * each with the tooltip line that explains it. Pure; the Containers view shows them.
 */
import type { RawContainerInspect } from '../engine/inspect';
import { capabilities } from './limits';

export type SecurityBadgeKind = 'privileged' | 'dockerSocket' | 'root' | 'hostNetwork' | 'hostPid' | 'hostIpc' | 'dangerousCaps' | 'unconfined';

export interface SecurityBadge {
  kind: SecurityBadgeKind;
  /** One tooltip line: what it is and why it matters. */
  explanation: string;
}

const DANGEROUS_CAPS = new Set(['SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'ALL']);
const DOCKER_SOCKET = /(^|\/)docker\.sock$/;

function securityOpts(h: Record<string, unknown>): string[] {
  return Array.isArray(h['SecurityOpt']) ? (h['SecurityOpt'] as unknown[]).map(String) : [];
}

/** Root unless a user other than root (name or uid 0) is set. */
function runsAsRoot(user: string | undefined): boolean {
  const name = (user ?? '').split(':')[0] ?? '';
  return name === '' || name === 'root' || name === '0';
}

export function securityBadges(inspect: RawContainerInspect): SecurityBadge[] {
  const h = inspect.HostConfig ?? {};
  const badges: SecurityBadge[] = [];
  if (h['Privileged'] === true) badges.push({ kind: 'privileged', explanation: 'Privileged: every capability and device of the host; a root process inside owns the host.' });
  const socketMount = (inspect.Mounts ?? []).find((m) => DOCKER_SOCKET.test(m.Source ?? '') || DOCKER_SOCKET.test(m.Destination ?? ''));
  if (socketMount) badges.push({ kind: 'dockerSocket', explanation: `Docker socket mounted at ${socketMount.Destination ?? '?'}: the container controls the engine, and so the host.` });
  if (runsAsRoot(inspect.Config?.User)) badges.push({ kind: 'root', explanation: 'Runs as root: set a user (--user or USER) unless it needs root.' });
  if (h['NetworkMode'] === 'host') badges.push({ kind: 'hostNetwork', explanation: "Host network: shares the host's interfaces and ports, including services bound to localhost." });
  if (h['PidMode'] === 'host') badges.push({ kind: 'hostPid', explanation: "Host PID namespace: sees and can signal the host's processes." });
  if (h['IpcMode'] === 'host') badges.push({ kind: 'hostIpc', explanation: "Host IPC namespace: shares the host's shared memory and semaphores." });
  const caps = capabilities(h, 'CapAdd').filter((c) => DANGEROUS_CAPS.has(c));
  if (caps.length > 0) badges.push({ kind: 'dangerousCaps', explanation: `Dangerous capabilities added: ${caps.join(', ')}.` });
  const unconfined = securityOpts(h).filter((o) => /^(seccomp|apparmor)[=:]unconfined$/.test(o)).map((o) => o.split(/[=:]/)[0]);
  if (unconfined.length > 0 && h['Privileged'] !== true) badges.push({ kind: 'unconfined', explanation: `${unconfined.map((u) => (u === 'seccomp' ? 'seccomp' : 'AppArmor')).join(' and ')} unconfined: the kernel's guard rails are off.` });
  return badges;
}

/** Most dangerous first: the badge shows the first one or two. */
const BADGE_ORDER: SecurityBadgeKind[] = ['privileged', 'dockerSocket', 'hostPid', 'hostNetwork', 'hostIpc', 'dangerousCaps', 'unconfined', 'root'];
const BADGE_LETTER: Record<SecurityBadgeKind, string> = {
  privileged: 'P',
  dockerSocket: 'S',
  hostPid: 'H',
  hostNetwork: 'H',
  hostIpc: 'H',
  dangerousCaps: 'C',
  unconfined: 'U',
  root: 'R',
};

export interface BadgeDecoration {
  /** At most two letters (VS Code's limit), most dangerous first: `PS`, `H`, `R`. */
  badge: string;
  /** One line per finding, each explained. */
  tooltip: string;
  /** `danger` for what hands the host over (privileged, socket, host PID), `warning` for the rest, `note` for root alone. */
  severity: 'danger' | 'warning' | 'note';
}

/** What the row's decoration shows for these findings; undefined when there are none. */
export function badgeDecoration(badges: readonly SecurityBadge[]): BadgeDecoration | undefined {
  if (badges.length === 0) return undefined;
  const sorted = [...badges].sort((a, b) => BADGE_ORDER.indexOf(a.kind) - BADGE_ORDER.indexOf(b.kind));
  const letters = [...new Set(sorted.map((b) => BADGE_LETTER[b.kind]))].slice(0, 2).join('');
  const kinds = new Set(sorted.map((b) => b.kind));
  const severity = kinds.has('privileged') || kinds.has('dockerSocket') || kinds.has('hostPid') ? 'danger' : kinds.size === 1 && kinds.has('root') ? 'note' : 'warning';
  return { badge: letters, tooltip: sorted.map((b) => b.explanation).join('\n'), severity };
}
