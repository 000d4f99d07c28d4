/**
 * A container's full inspect, and what only a local engine can add from /proc: the inode of each
 * namespace and the cgroup path. Pure (no vscode).
 */
import { readFileSync, readlinkSync } from 'node:fs';
import type { EngineClient, RequestOptions } from './client';
import type { EngineEndpoint } from './endpoint';

/** The parts of `GET /containers/{id}/json` Berth reads; the rest is kept as the engine sent it. */
export interface RawContainerInspect {
  Id: string;
  Name?: string;
  Created?: string;
  Path?: string;
  Args?: string[] | null;
  State?: {
    Status?: string;
    Pid?: number;
    ExitCode?: number;
    StartedAt?: string;
    FinishedAt?: string;
    OOMKilled?: boolean;
    Error?: string;
    Health?: { Status?: string; FailingStreak?: number; Log?: { Start?: string; ExitCode?: number; Output?: string }[] | null };
  };
  RestartCount?: number;
  AppArmorProfile?: string;
  HostConfig?: Record<string, unknown>;
  Config?: { User?: string; Env?: string[] | null; Image?: string; Labels?: Record<string, string> | null; [key: string]: unknown };
  Mounts?: { Type?: string; Name?: string; Source?: string; Destination?: string; RW?: boolean; Mode?: string }[] | null;
  NetworkSettings?: {
    Ports?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;
    Networks?: Record<string, { IPAddress?: string; GlobalIPv6Address?: string; Gateway?: string; MacAddress?: string; Aliases?: string[] | null }> | null;
  };
  [key: string]: unknown;
}

export function inspectContainer(client: EngineClient, id: string, options?: RequestOptions): Promise<RawContainerInspect> {
  return client.request('Inspect container', (d, abortSignal) => d.getContainer(id).inspect({ abortSignal } as object) as unknown as Promise<RawContainerInspect>, options);
}

export const NAMESPACE_KINDS = ['pid', 'net', 'ipc', 'uts', 'user', 'cgroup', 'mnt'] as const;
export type NamespaceKind = (typeof NAMESPACE_KINDS)[number];

/** What /proc on this machine says about a container's process. */
export type LocalInternals =
  | { kind: 'read'; namespaces: Partial<Record<NamespaceKind, string>>; hostNamespaces: Partial<Record<NamespaceKind, string>>; cgroupPath: string | undefined }
  | { kind: 'unavailable'; reason: string };

/** Whether the engine runs on this machine, so its PIDs are this machine's PIDs. */
export function isLocalEngine(endpoint: EngineEndpoint): boolean {
  return endpoint.transport === 'unix';
}

function inode(link: string): string | undefined {
  try {
    return /\[(\d+)\]/.exec(readlinkSync(link))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Reads /proc/<pid>/ns/* and /proc/<pid>/cgroup. Checks that the process is the container's (its
 * cgroup names the container id), so an engine inside a VM never lends a stranger's namespaces.
 */
export function readLocalInternals(pid: number, containerId: string, proc = '/proc'): LocalInternals {
  if (!pid) return { kind: 'unavailable', reason: 'the container is not running, so it has no process' };
  let cgroup: string;
  try {
    cgroup = readFileSync(`${proc}/${pid}/cgroup`, 'utf8');
  } catch (error) {
    return { kind: 'unavailable', reason: `cannot read ${proc}/${pid}/cgroup (${(error as NodeJS.ErrnoException).code ?? error}); the engine may run in a VM` };
  }
  if (!cgroup.includes(containerId)) return { kind: 'unavailable', reason: `process ${pid} on this machine is not the container's; the engine runs in a VM or another PID namespace` };
  const namespaces: Partial<Record<NamespaceKind, string>> = {};
  const hostNamespaces: Partial<Record<NamespaceKind, string>> = {};
  for (const kind of NAMESPACE_KINDS) {
    const own = inode(`${proc}/${pid}/ns/${kind}`);
    // The host's: init's, or (when init is out of reach, as in some sandboxes) this process's own.
    const host = inode(`${proc}/1/ns/${kind}`) ?? inode(`${proc}/self/ns/${kind}`);
    if (own) namespaces[kind] = own;
    if (host) hostNamespaces[kind] = host;
  }
  if (Object.keys(namespaces).length === 0) return { kind: 'unavailable', reason: `cannot read ${proc}/${pid}/ns (run VS Code as the engine's user or root to see namespace inodes)` };
  // cgroup v2 has one `0::/path` line; v1 has one per controller: take the memory or first one.
  const lines = cgroup.split('\n').filter(Boolean);
  const line = lines.find((l) => /:(memory|0::)/.test(l) || l.startsWith('0::')) ?? lines[0];
  const cgroupPath = line?.split(':').slice(2).join(':');
  return { kind: 'read', namespaces, hostNamespaces, cgroupPath };
}
