/** The engine's `/info`, `/version`, `/system/df` and `/plugins` answers as Berth's own types. Pure. */

/** The subset of `GET /info` Berth reads. */
export interface RawInfo {
  Name?: string;
  ServerVersion?: string;
  OperatingSystem?: string;
  OSType?: string;
  Architecture?: string;
  KernelVersion?: string;
  NCPU?: number;
  MemTotal?: number;
  DockerRootDir?: string;
  Driver?: string;
  DriverStatus?: [string, string][] | null;
  LoggingDriver?: string;
  CgroupDriver?: string;
  CgroupVersion?: string;
  Runtimes?: Record<string, unknown> | null;
  DefaultRuntime?: string;
  SecurityOptions?: string[] | null;
  RegistryConfig?: { InsecureRegistryCIDRs?: string[] | null; IndexConfigs?: Record<string, { Name?: string; Secure?: boolean; Mirrors?: string[] | null }> | null; Mirrors?: string[] | null } | null;
  LiveRestoreEnabled?: boolean;
  Swarm?: { LocalNodeState?: string } | null;
}

export interface RawVersion {
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  GoVersion?: string;
  GitCommit?: string;
  Os?: string;
  Arch?: string;
  Components?: { Name?: string; Version?: string }[] | null;
}

/** One security option, e.g. `name=seccomp,profile=default` → { name: 'seccomp', profile: 'default' }. */
export interface SecurityOption {
  name: string;
  settings: Record<string, string>;
}

export interface EngineFacts {
  name: string;
  version: string;
  apiVersion: string;
  minApiVersion: string;
  goVersion: string;
  gitCommit: string;
  /** containerd, runc, docker-init… with their versions. */
  components: { name: string; version: string }[];
  operatingSystem: string;
  osType: string;
  architecture: string;
  kernelVersion: string;
  cpus: number;
  memoryBytes: number;
  rootDir: string;
  storageDriver: string;
  storageStatus: [string, string][];
  loggingDriver: string;
  cgroupDriver: string;
  cgroupVersion: string;
  runtimes: string[];
  defaultRuntime: string;
  security: SecurityOption[];
  rootless: boolean;
  userns: boolean;
  registryMirrors: string[];
  insecureRegistries: string[];
  liveRestore: boolean;
  swarm: string;
}

export function parseSecurityOption(text: string): SecurityOption {
  const settings: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) settings[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return { name: settings.name ?? text, settings };
}

export function toEngineFacts(info: RawInfo, version: RawVersion): EngineFacts {
  const security = (info.SecurityOptions ?? []).map(parseSecurityOption);
  const registries = info.RegistryConfig;
  const insecureIndexes = Object.values(registries?.IndexConfigs ?? {}).filter((c) => c.Secure === false).map((c) => c.Name ?? '');
  return {
    name: info.Name ?? '',
    version: version.Version ?? info.ServerVersion ?? '?',
    apiVersion: version.ApiVersion ?? '?',
    minApiVersion: version.MinAPIVersion ?? '?',
    goVersion: version.GoVersion ?? '',
    gitCommit: version.GitCommit ?? '',
    components: (version.Components ?? []).filter((c) => c.Name && c.Name !== 'Engine').map((c) => ({ name: c.Name ?? '', version: c.Version ?? '' })),
    operatingSystem: info.OperatingSystem ?? '',
    osType: info.OSType ?? version.Os ?? '',
    architecture: info.Architecture ?? version.Arch ?? '',
    kernelVersion: info.KernelVersion ?? '',
    cpus: info.NCPU ?? 0,
    memoryBytes: info.MemTotal ?? 0,
    rootDir: info.DockerRootDir ?? '',
    storageDriver: info.Driver ?? '',
    storageStatus: info.DriverStatus ?? [],
    loggingDriver: info.LoggingDriver ?? '',
    cgroupDriver: info.CgroupDriver ?? '',
    cgroupVersion: info.CgroupVersion ?? '',
    runtimes: Object.keys(info.Runtimes ?? {}).sort(),
    defaultRuntime: info.DefaultRuntime ?? '',
    security,
    rootless: security.some((s) => s.name === 'rootless'),
    userns: security.some((s) => s.name === 'userns'),
    registryMirrors: [...(registries?.Mirrors ?? [])],
    insecureRegistries: [...(registries?.InsecureRegistryCIDRs ?? []), ...insecureIndexes],
    liveRestore: info.LiveRestoreEnabled === true,
    swarm: info.Swarm?.LocalNodeState ?? 'inactive',
  };
}

/** What `/system/df` says about one kind of object. */
export interface UsageLine {
  count: number;
  /** How many are in use (images and volumes a container uses, running containers, build cache in use). */
  active: number;
  bytes: number;
  reclaimableBytes: number;
}

export interface DiskUsage {
  images: UsageLine;
  containers: UsageLine;
  volumes: UsageLine;
  buildCache: UsageLine;
}

export interface RawDiskUsage {
  LayersSize?: number;
  Images?: { Size?: number; SharedSize?: number; Containers?: number }[] | null;
  Containers?: { SizeRw?: number; State?: string }[] | null;
  Volumes?: { UsageData?: { Size?: number; RefCount?: number } | null }[] | null;
  BuildCache?: { Size?: number; InUse?: boolean; Shared?: boolean }[] | null;
}

const positive = (n: number | undefined): number => (n !== undefined && n > 0 ? n : 0);

/** Counts, sizes and what a prune could take back, computed the way `docker system df` does. */
export function toDiskUsage(raw: RawDiskUsage): DiskUsage {
  const images = raw.Images ?? [];
  const usedImages = images.filter((i) => (i.Containers ?? 0) > 0);
  const imageBytes = positive(raw.LayersSize);
  const usedImageBytes = usedImages.reduce((n, i) => n + positive(i.Size) - positive(i.SharedSize), 0);
  const containers = raw.Containers ?? [];
  const running = containers.filter((c) => c.State === 'running');
  const volumes = raw.Volumes ?? [];
  const usedVolumes = volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0);
  const cache = raw.BuildCache ?? [];
  return {
    images: { count: images.length, active: usedImages.length, bytes: imageBytes, reclaimableBytes: Math.max(0, imageBytes - usedImageBytes) },
    containers: {
      count: containers.length,
      active: running.length,
      bytes: containers.reduce((n, c) => n + positive(c.SizeRw), 0),
      reclaimableBytes: containers.filter((c) => c.State !== 'running').reduce((n, c) => n + positive(c.SizeRw), 0),
    },
    volumes: {
      count: volumes.length,
      active: usedVolumes.length,
      bytes: volumes.reduce((n, v) => n + positive(v.UsageData?.Size), 0),
      reclaimableBytes: volumes.filter((v) => (v.UsageData?.RefCount ?? 0) === 0).reduce((n, v) => n + positive(v.UsageData?.Size), 0),
    },
    buildCache: {
      count: cache.length,
      active: cache.filter((c) => c.InUse).length,
      bytes: cache.filter((c) => !c.Shared).reduce((n, c) => n + positive(c.Size), 0),
      reclaimableBytes: cache.filter((c) => !c.InUse && !c.Shared).reduce((n, c) => n + positive(c.Size), 0),
    },
  };
}

export interface PluginSummary {
  id: string;
  /** `name:tag` as installed. */
  name: string;
  enabled: boolean;
  /** `docker.volumedriver/1.0`… */
  types: string[];
  description: string;
  reference: string;
}

export interface RawPlugin {
  Id?: string;
  Name?: string;
  Enabled?: boolean;
  PluginReference?: string;
  Config?: { Description?: string; Interface?: { Types?: (string | { Capability?: string; Prefix?: string; Version?: string })[] | null } | null } | null;
}

export function toPluginSummary(raw: RawPlugin): PluginSummary {
  const types = (raw.Config?.Interface?.Types ?? []).map((t) => (typeof t === 'string' ? t : `${t.Prefix ?? 'docker'}.${t.Capability ?? '?'}/${t.Version ?? '?'}`));
  return { id: raw.Id ?? '', name: raw.Name ?? raw.Id ?? '', enabled: raw.Enabled === true, types, description: raw.Config?.Description ?? '', reference: raw.PluginReference ?? '' };
}

/** A permission a plugin asks for when it is installed. */
export interface PluginPrivilege {
  name: string;
  description: string;
  value: string[];
}

export function toPrivileges(raw: { Name?: string; Description?: string; Value?: string[] | null }[] | null): PluginPrivilege[] {
  return (raw ?? []).map((p) => ({ name: p.Name ?? '', description: p.Description ?? '', value: p.Value ?? [] }));
}
