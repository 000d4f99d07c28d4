/** A container's resource limits and security settings, in words, from its HostConfig. Pure. */
import type { RawContainerInspect } from '../engine/inspect';
import { bytes } from '../units';

export { bytes };

type HostConfig = Record<string, unknown>;

const num = (h: HostConfig, key: string): number => (typeof h[key] === 'number' ? (h[key] as number) : 0);
const str = (h: HostConfig, key: string): string => (typeof h[key] === 'string' ? (h[key] as string) : '');
const list = (h: HostConfig, key: string): string[] => (Array.isArray(h[key]) ? (h[key] as unknown[]).map(String) : []);

/** One line per limit; "none" where the engine sets no limit. */
export function limitLines(h: HostConfig): string[] {
  const nano = num(h, 'NanoCpus');
  const quota = num(h, 'CpuQuota');
  const period = num(h, 'CpuPeriod');
  const memory = num(h, 'Memory');
  const swap = num(h, 'MemorySwap');
  const pids = num(h, 'PidsLimit');
  const cpus = nano > 0 ? `${nano / 1e9} CPUs (--cpus)` : quota > 0 ? `${quota / (period || 100_000)} CPUs (quota/period)` : 'no limit';
  let swapText = 'no limit';
  if (swap === -1) swapText = 'unlimited swap';
  else if (swap > 0 && memory > 0) swapText = `${bytes(swap)} memory+swap (${bytes(swap - memory)} swap)`;
  else if (memory > 0) swapText = `default (${bytes(memory)} swap, twice the memory in total)`;
  return [
    `CPU           ${cpus}`,
    `CPU quota     ${quota > 0 ? `${quota} µs` : 'none'} per period ${period > 0 ? `${period} µs` : 'default (100000 µs)'}`,
    `CPU shares    ${num(h, 'CpuShares') || 'default (1024)'}`,
    `cpuset        cpus ${str(h, 'CpusetCpus') || 'all'}, mems ${str(h, 'CpusetMems') || 'all'}`,
    `memory        ${memory > 0 ? bytes(memory) : 'no limit'}${num(h, 'MemoryReservation') > 0 ? `, reservation ${bytes(num(h, 'MemoryReservation'))}` : ''}`,
    `swap          ${swapText}`,
    `PIDs          ${pids > 0 ? pids : 'no limit'}`,
  ];
}

/** The value of a `--security-opt key=value` (or the old `key:value`), if set. */
function securityOpt(h: HostConfig, key: string): string | undefined {
  for (const opt of list(h, 'SecurityOpt')) {
    const m = /^([a-z-]+)[=:](.*)$/.exec(opt);
    if (m && m[1] === key) return m[2];
    if (opt === key) return 'true';
  }
  return undefined;
}

export function seccompProfile(h: HostConfig): string {
  if (h['Privileged'] === true) return 'unconfined (privileged)';
  const value = securityOpt(h, 'seccomp');
  if (value === undefined) return "the engine's default profile";
  if (value === 'unconfined') return 'unconfined';
  return value.trim().startsWith('{') ? 'a custom profile (inline JSON)' : `custom: ${value}`;
}

export function appArmorProfile(inspect: RawContainerInspect, h: HostConfig): string {
  if (h['Privileged'] === true) return 'unconfined (privileged)';
  const value = securityOpt(h, 'apparmor') ?? inspect.AppArmorProfile ?? '';
  return value || 'none (AppArmor is not in use on this engine, or no profile applies)';
}

/** Capability names as the CLI writes them: NET_ADMIN, not CAP_NET_ADMIN. */
export function capabilities(h: HostConfig, key: 'CapAdd' | 'CapDrop'): string[] {
  return list(h, key).map((c) => c.toUpperCase().replace(/^CAP_/, ''));
}

export function securityLines(inspect: RawContainerInspect): string[] {
  const h = inspect.HostConfig ?? {};
  const noNewPrivileges = securityOpt(h, 'no-new-privileges');
  return [
    `privileged    ${h['Privileged'] === true ? 'YES: every device and capability of the host' : 'no'}`,
    `seccomp       ${seccompProfile(h)}`,
    `AppArmor      ${appArmorProfile(inspect, h)}`,
    `caps added    ${capabilities(h, 'CapAdd').join(', ') || 'none'}`,
    `caps dropped  ${capabilities(h, 'CapDrop').join(', ') || 'none'}`,
    `rootfs        ${h['ReadonlyRootfs'] === true ? 'read-only' : 'writable'}`,
    `user          ${inspect.Config?.User || "root (the image's default; no user set)"}`,
    `no-new-privileges ${noNewPrivileges === undefined || noNewPrivileges === 'false' ? 'no' : 'yes'}`,
  ];
}
