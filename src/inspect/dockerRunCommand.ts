/**
 * Rebuilds a `docker run` command line from a container's inspect: image, name, ports, env,
 * mounts, network, restart policy, limits, labels, user, confinement and command. Every word is
 * quoted for a POSIX shell, so the shell hands the engine back exactly the values it holds. Pure.
 */
import type { RawContainerInspect } from '../engine/inspect';

/** Quotes one word for sh: bare when it has only safe characters, else in single quotes. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_/.:=,@%+-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

type HostConfig = Record<string, unknown>;
const num = (h: HostConfig, key: string): number => (typeof h[key] === 'number' ? (h[key] as number) : 0);
const str = (h: HostConfig, key: string): string => (typeof h[key] === 'string' ? (h[key] as string) : '');
const list = (h: HostConfig, key: string): string[] => (Array.isArray(h[key]) ? (h[key] as unknown[]).map(String) : []);

function portArgs(h: HostConfig): string[] {
  const bindings = (h['PortBindings'] ?? {}) as Record<string, { HostIp?: string; HostPort?: string }[] | null>;
  return Object.entries(bindings).flatMap(([port, published]) =>
    (published ?? []).flatMap((b) => {
      const ip = b.HostIp ? (b.HostIp.includes(':') ? `[${b.HostIp}]` : b.HostIp) : '';
      const hostPort = b.HostPort ?? '';
      const spec = ip ? `${ip}:${hostPort}:${port}` : hostPort ? `${hostPort}:${port}` : port;
      return ['-p', spec];
    }),
  );
}

function mountArgs(h: HostConfig): string[] {
  const args = list(h, 'Binds').flatMap((bind) => ['-v', bind]);
  for (const m of (h['Mounts'] ?? []) as { Type?: string; Source?: string; Target?: string; ReadOnly?: boolean }[]) {
    const parts = [`type=${m.Type ?? 'volume'}`, ...(m.Source ? [`source=${m.Source}`] : []), `target=${m.Target ?? ''}`, ...(m.ReadOnly ? ['readonly'] : [])];
    // A --mount value is CSV: a part with a comma or quote is written as a quoted CSV field.
    args.push('--mount', parts.map((p) => (/[",]/.test(p) ? `"${p.replace(/"/g, '""')}"` : p)).join(','));
  }
  return args;
}

function limitArgs(h: HostConfig): string[] {
  const args: string[] = [];
  const flag = (name: string, value: number | string, when: boolean): void => {
    if (when) args.push(name, String(value));
  };
  flag('--cpus', num(h, 'NanoCpus') / 1e9, num(h, 'NanoCpus') > 0);
  flag('--cpu-quota', num(h, 'CpuQuota'), num(h, 'CpuQuota') > 0);
  flag('--cpu-period', num(h, 'CpuPeriod'), num(h, 'CpuPeriod') > 0);
  flag('--cpu-shares', num(h, 'CpuShares'), num(h, 'CpuShares') > 0);
  flag('--cpuset-cpus', str(h, 'CpusetCpus'), str(h, 'CpusetCpus') !== '');
  flag('--cpuset-mems', str(h, 'CpusetMems'), str(h, 'CpusetMems') !== '');
  flag('--memory', `${num(h, 'Memory')}b`, num(h, 'Memory') > 0);
  flag('--memory-reservation', `${num(h, 'MemoryReservation')}b`, num(h, 'MemoryReservation') > 0);
  if (num(h, 'Memory') > 0) flag('--memory-swap', num(h, 'MemorySwap') === -1 ? '-1' : `${num(h, 'MemorySwap')}b`, num(h, 'MemorySwap') !== 0);
  flag('--pids-limit', num(h, 'PidsLimit'), num(h, 'PidsLimit') > 0);
  return args;
}

function confinementArgs(h: HostConfig): string[] {
  const args: string[] = [];
  if (h['Privileged'] === true) args.push('--privileged');
  if (h['ReadonlyRootfs'] === true) args.push('--read-only');
  for (const cap of list(h, 'CapAdd')) args.push('--cap-add', cap.replace(/^CAP_/, ''));
  for (const cap of list(h, 'CapDrop')) args.push('--cap-drop', cap.replace(/^CAP_/, ''));
  // label=disable is what the engine adds by itself for some modes; the rest the user asked for.
  for (const opt of list(h, 'SecurityOpt')) if (opt !== 'label=disable') args.push('--security-opt', opt);
  for (const [flag, key] of [['--pid', 'PidMode'], ['--ipc', 'IpcMode'], ['--uts', 'UTSMode']] as const) {
    const mode = str(h, key);
    if (mode === 'host' || mode.startsWith('container:')) args.push(flag, mode);
  }
  return args;
}

/** The words of the command (without quoting), for callers that run it without a shell. */
export function dockerRunWords(inspect: RawContainerInspect): string[] {
  const h = inspect.HostConfig ?? {};
  const config = inspect.Config ?? {};
  const words = ['docker', 'run', '-d'];
  const name = (inspect.Name ?? '').replace(/^\//, '');
  if (name) words.push('--name', name);
  if (config['OpenStdin'] === true) words.push('-i');
  if (config['Tty'] === true) words.push('-t');
  if (config.User) words.push('--user', config.User);
  if (typeof config['WorkingDir'] === 'string' && config['WorkingDir']) words.push('--workdir', config['WorkingDir'] as string);
  const network = str(h, 'NetworkMode');
  if (network && network !== 'default' && network !== 'bridge') words.push('--network', network);
  const restart = (h['RestartPolicy'] ?? {}) as { Name?: string; MaximumRetryCount?: number };
  if (restart.Name && restart.Name !== 'no') words.push('--restart', restart.MaximumRetryCount ? `${restart.Name}:${restart.MaximumRetryCount}` : restart.Name);
  words.push(...portArgs(h), ...mountArgs(h), ...limitArgs(h), ...confinementArgs(h));
  for (const entry of config.Env ?? []) words.push('--env', entry);
  for (const [key, value] of Object.entries(config.Labels ?? {}).sort(([a], [b]) => a.localeCompare(b))) words.push('--label', `${key}=${value}`);
  const entrypoint = Array.isArray(config['Entrypoint']) ? (config['Entrypoint'] as string[]) : [];
  // --entrypoint takes one word; the rest of a longer entrypoint goes before the command.
  if (entrypoint.length > 0) words.push('--entrypoint', entrypoint[0]!);
  words.push(config.Image ?? '', ...entrypoint.slice(1), ...(Array.isArray(config['Cmd']) ? (config['Cmd'] as string[]) : []));
  return words;
}

/** The command line to copy: every word quoted for sh, flags on one line. */
export function dockerRunCommand(inspect: RawContainerInspect): string {
  return dockerRunWords(inspect).map(shellQuote).join(' ');
}
