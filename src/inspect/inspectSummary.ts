/**
 * The summary Berth shows above a container's inspect JSON: what a person looks for first, then
 * the internals (process, cgroup, limits, namespaces, confinement). Pure: text in, text out.
 */
import type { LocalInternals, RawContainerInspect } from '../engine/inspect';
import { limitLines, securityLines } from './limits';
import { namespaceLines } from './namespaces';

/** Engine text on one line: a health check's output may hold newlines and control characters. */
export function oneLine(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function when(iso: string | undefined): string {
  return iso && !iso.startsWith('0001-') ? iso.replace(/\.\d+Z$/, 'Z') : '';
}

function stateLines(inspect: RawContainerInspect): string[] {
  const s = inspect.State ?? {};
  const policy = (inspect.HostConfig?.['RestartPolicy'] ?? {}) as { Name?: string; MaximumRetryCount?: number };
  const started = when(s.StartedAt);
  const finished = when(s.FinishedAt);
  const status = s.Status ?? 'unknown';
  return [
    `state         ${status}${status === 'running' && started ? ` since ${started}` : finished ? ` at ${finished}` : ''}${s.OOMKilled ? ' (killed: out of memory)' : ''}`,
    `exit code     ${s.ExitCode ?? '-'}${s.Error ? `  error: ${oneLine(s.Error)}` : ''}`,
    `restarts      ${inspect.RestartCount ?? 0}`,
    `restart policy ${policy.Name || 'no'}${policy.Name === 'on-failure' && policy.MaximumRetryCount ? ` (at most ${policy.MaximumRetryCount} times)` : ''}`,
  ];
}

function healthLines(inspect: RawContainerInspect): string[] {
  const health = inspect.State?.Health;
  if (!health) return ['health        no health check'];
  const lines = [`health        ${health.Status ?? 'unknown'}${health.FailingStreak ? `, ${health.FailingStreak} failing in a row` : ''}`];
  for (const check of (health.Log ?? []).slice(-5)) {
    lines.push(`  ${when(check.Start)}  exit ${check.ExitCode ?? '?'}  ${oneLine(check.Output ?? '', 120)}`);
  }
  return lines;
}

function mountLines(inspect: RawContainerInspect): string[] {
  const mounts = inspect.Mounts ?? [];
  if (mounts.length === 0) return ['mounts        none'];
  return mounts.map((m, i) => {
    const source = m.Type === 'volume' ? `volume ${m.Name ?? m.Source ?? '?'}` : `${m.Type ?? 'bind'} ${m.Source ?? ''}`;
    return `${i === 0 ? 'mounts        ' : '              '}${oneLine(source)} → ${oneLine(m.Destination ?? '?')} (${m.RW === false ? 'read-only' : 'read-write'})`;
  });
}

function networkLines(inspect: RawContainerInspect): string[] {
  const networks = Object.entries(inspect.NetworkSettings?.Networks ?? {});
  if (networks.length === 0) return [`networks      none (network mode ${String(inspect.HostConfig?.['NetworkMode'] ?? '?')})`];
  return networks.map(([name, n], i) => {
    const addresses = [n.IPAddress, n.GlobalIPv6Address].filter(Boolean).join(', ') || 'no address';
    return `${i === 0 ? 'networks      ' : '              '}${oneLine(name)}: ${addresses}${n.Gateway ? ` (gateway ${n.Gateway})` : ''}`;
  });
}

function portLines(inspect: RawContainerInspect): string[] {
  const ports = Object.entries(inspect.NetworkSettings?.Ports ?? {});
  if (ports.length === 0) return ['ports         none'];
  return ports.map(([port, bindings], i) => {
    const published = (bindings ?? []).map((b) => `${b.HostIp || '0.0.0.0'}:${b.HostPort}`);
    return `${i === 0 ? 'ports         ' : '              '}${port}${published.length > 0 ? ` → ${[...new Set(published)].join(', ')}` : ' (not published)'}`;
  });
}

function internalsLines(inspect: RawContainerInspect, local: LocalInternals | undefined): string[] {
  const h = inspect.HostConfig ?? {};
  const pid = inspect.State?.Pid ?? 0;
  const lines = [
    `host PID      ${pid || 'none (not running)'}`,
    `runtime       ${String(h['Runtime'] || 'runc')}`,
  ];
  if (local?.kind === 'read') lines.push(`cgroup path   ${local.cgroupPath ?? '?'}  (read from /proc: local engine)`);
  else lines.push(`cgroup parent ${String(h['CgroupParent'] || "the engine's default")}`);
  lines.push('', 'Limits', ...limitLines(h), '', 'Namespaces', ...namespaceLines(inspect, local));
  if (local === undefined) {
    lines.push('  (namespace inodes and the cgroup path are read from /proc, which only a local engine shares: left out for this remote engine)');
  } else if (local.kind === 'unavailable') {
    lines.push(`  (namespace inodes and the cgroup path left out: ${local.reason})`);
  } else {
    lines.push('  (inodes read from /proc on this machine: local engine only)');
  }
  lines.push('', 'Confinement', ...securityLines(inspect));
  return lines;
}

/**
 * The summary's lines. `local` is what /proc said (undefined for a remote engine); `masked` is how
 * many env values were hidden, so the reader knows to ask for them.
 */
export function inspectSummary(inspect: RawContainerInspect, local: LocalInternals | undefined, masked = 0): string[] {
  const name = (inspect.Name ?? '').replace(/^\//, '');
  return [
    `Container ${oneLine(name)} (${inspect.Id.slice(0, 12)}), image ${oneLine(inspect.Config?.Image ?? '?')}`,
    '',
    ...stateLines(inspect),
    ...healthLines(inspect),
    ...portLines(inspect),
    ...networkLines(inspect),
    ...mountLines(inspect),
    '',
    'Internals',
    ...internalsLines(inspect, local),
    ...(masked > 0 ? ['', `${masked} env value(s) that look like secrets are masked: run "Berth: Inspect Container (Show Secrets)" to see them.`] : []),
  ];
}

/** The whole read-only document: the summary as comments, then the JSON (JSON with comments). */
export function inspectDocument(inspect: RawContainerInspect, local: LocalInternals | undefined, masked = 0): string {
  const summary = inspectSummary(inspect, local, masked).map((line) => (line ? `// ${line}` : '//'));
  return `${summary.join('\n')}\n\n${JSON.stringify(inspect, null, 2)}\n`;
}
