/** The System view's model: the engine's facts, disk usage once measured, plugins, and the recent events as they come. Pure. */
import type { DiskUsage, EngineFacts, PluginSummary } from '../../engine/systemMapping';
import type { EngineEvent } from '../../engine/types';
import { bytes } from '../../units';
import type { ModelNode } from '../shared/treeModel';

export interface SystemSnapshot {
  facts: EngineFacts | undefined;
  plugins: readonly PluginSummary[];
  /** `/system/df` is slow: read when Disk Usage is opened or measured again. */
  disk: { usage: DiskUsage; measuredAt: Date } | undefined;
  /** Newest first, at most RECENT_EVENTS. */
  events: readonly EngineEvent[];
}

export const RECENT_EVENTS = 50;

/** One line of facts: what, and its value. */
export interface Fact {
  label: string;
  value: string;
  detail?: string;
}

export type SectionId = 'engine' | 'storage' | 'security' | 'registries' | 'disk' | 'plugins' | 'events';

export interface Section {
  id: SectionId;
  title: string;
  /** A count or a time for the section's row. */
  summary: string;
}

/** Plugin and daemon events change what the view reads; every event goes into Recent Events. */
export function systemAffectedBy(event: EngineEvent): boolean {
  return event.type === 'plugin' || event.type === 'daemon';
}

/** Adds an event to the front of the recent ones, keeping RECENT_EVENTS. */
export function withEvent(snapshot: SystemSnapshot, event: EngineEvent): SystemSnapshot {
  return { ...snapshot, events: [event, ...snapshot.events].slice(0, RECENT_EVENTS) };
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

function fact(label: string, value: string, detail?: string): ModelNode {
  return { kind: 'fact', key: label, resource: { label, value: value || '—', ...(detail ? { detail } : {}) } satisfies Fact };
}

export function engineFacts(f: EngineFacts): ModelNode[] {
  return [
    fact('Version', `${f.version}`, f.gitCommit ? `commit ${f.gitCommit}, ${f.goVersion}` : undefined),
    fact('API', `${f.apiVersion} (oldest accepted ${f.minApiVersion})`),
    fact('Operating system', f.operatingSystem),
    fact('Kernel', f.kernelVersion),
    fact('Machine', `${f.osType}/${f.architecture} · ${f.cpus} CPUs · ${bytes(f.memoryBytes)}`),
    fact('Root folder', f.rootDir),
    ...f.components.map((c) => fact(c.name, c.version)),
    fact('Swarm', f.swarm),
  ];
}

export function storageFacts(f: EngineFacts): ModelNode[] {
  const status = f.storageStatus.map(([k, v]) => `${k}: ${v}`).join(' · ');
  return [
    fact('Storage driver', f.storageDriver, status || undefined),
    ...f.storageStatus.map(([k, v]) => fact(`  ${k}`, v)),
    fact('Logging driver', f.loggingDriver),
    fact('Cgroups', `${f.cgroupDriver}, version ${f.cgroupVersion}`),
    fact('Runtimes', f.runtimes.map((r) => (r === f.defaultRuntime ? `${r} (default)` : r)).join(', ')),
  ];
}

export function securityFacts(f: EngineFacts): ModelNode[] {
  const option = (name: string): string => {
    const o = f.security.find((s) => s.name === name);
    if (!o) return 'off';
    const settings = Object.entries(o.settings).filter(([k]) => k !== 'name');
    return settings.length > 0 ? `on (${settings.map(([k, v]) => `${k} ${v}`).join(', ')})` : 'on';
  };
  return [fact('Seccomp', option('seccomp')), fact('AppArmor', option('apparmor')), fact('SELinux', option('selinux')), fact('Rootless', yesNo(f.rootless)), fact('User namespaces', yesNo(f.userns))];
}

export function registryFacts(f: EngineFacts): ModelNode[] {
  return [fact('Registry mirrors', f.registryMirrors.join(', ') || 'none'), fact('Insecure registries', f.insecureRegistries.join(', ') || 'none'), fact('Live restore', yesNo(f.liveRestore))];
}

export function diskRows(usage: DiskUsage): ModelNode[] {
  const line = (key: string, label: string, u: DiskUsage['images']): ModelNode => ({ kind: 'diskUsage', key, resource: { label, ...u } });
  return [line('images', 'Images', usage.images), line('containers', 'Containers', usage.containers), line('volumes', 'Volumes', usage.volumes), line('buildCache', 'Build cache', usage.buildCache)];
}

const section = (id: SectionId, title: string, summary: string, children: ModelNode[]): ModelNode => ({ kind: 'section', key: id, resource: { id, title, summary } satisfies Section, children });

/** The sections of the view; Disk Usage has its rows once measured. */
export function systemTree(s: SystemSnapshot): ModelNode[] {
  const f = s.facts;
  const sections: ModelNode[] = [];
  if (f) {
    sections.push(
      section('engine', 'Engine', `${f.version} · API ${f.apiVersion}`, engineFacts(f)),
      section('storage', 'Storage and runtime', `${f.storageDriver} · ${f.defaultRuntime}`, storageFacts(f)),
      section('security', 'Security', f.security.map((o) => o.name).join(', ') || 'none', securityFacts(f)),
      section('registries', 'Registries', f.liveRestore ? 'live restore' : '', registryFacts(f)),
    );
  }
  sections.push(
    section('disk', 'Disk usage', s.disk ? `${bytes(Object.values(s.disk.usage).reduce((n, u) => n + u.bytes, 0))}` : 'open to measure', s.disk ? diskRows(s.disk.usage) : []),
    section('plugins', 'Plugins', String(s.plugins.length), s.plugins.map((p) => ({ kind: 'plugin', key: p.id, resource: p }))),
    section('events', 'Recent events', String(s.events.length), s.events.map((e, i) => ({ kind: 'event', key: `${e.timeNano}-${s.events.length - i}`, resource: e }))),
  );
  return sections;
}

/** The name an event is about: the `name` attribute (containers, volumes, networks, images), else a short id. */
export function eventSubject(event: EngineEvent): string {
  return event.attributes.name ?? event.attributes.image ?? (event.id.length > 24 ? event.id.replace(/^sha256:/, '').slice(0, 12) : event.id);
}

/** `2026-01-02T10:02:03.5Z` of an event's nanoseconds, or undefined for garbage. */
export function eventTime(event: EngineEvent): Date | undefined {
  if (!/^\d{10,}$/.test(event.timeNano)) return undefined;
  return new Date(Number(event.timeNano.slice(0, -6)));
}
