/**
 * The numbers `docker stats` shows, computed from one `/containers/{id}/stats` sample exactly as
 * docker/cli's `cli/command/container/stats_helpers.go` computes them:
 * - CPU % = Δ container usage ÷ Δ system usage × online CPUs × 100, the deltas against the
 *   sample's own `precpu_stats`; without `online_cpus`, the length of `percpu_usage`. On Windows,
 *   Δ usage ÷ (100 ns intervals between `preread` and `read` × processors).
 * - Memory = usage − `total_inactive_file` (cgroup v1) or − `inactive_file` (cgroup v2), as a %
 *   of the limit. (The Engine API reference names `cache` for v1; the CLI, which users compare
 *   against, uses `total_inactive_file`, and so does Berth.) On Windows, the private working set.
 * - Network and block I/O: totals summed over interfaces and devices (block: ops starting r / w).
 * Missing fields count as zero, as Go's zero values do. Pure: no vscode, no I/O.
 */

/** The figures docker stats prints (the webview formats them as the CLI does: src/shared/dockerFormat). */
export interface DockerStatsNumbers {
  cpuPercent: number;
  memoryUsed: number;
  memoryLimit: number;
  memoryPercent: number;
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
}

/** The parts of a stats sample docker stats reads (Engine API, Linux cgroup v1 and v2, Windows). */
export interface RawStatsSample {
  read?: string;
  preread?: string;
  id?: string;
  name?: string;
  num_procs?: number;
  pids_stats?: { current?: number };
  cpu_stats?: RawCpuStats;
  precpu_stats?: RawCpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number>; privateworkingset?: number };
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  storage_stats?: { read_size_bytes?: number; write_size_bytes?: number };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
}

interface RawCpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

export type EnginePlatform = 'linux' | 'windows';

/**
 * One container's figures at one sample, docker stats's numbers; totals are since the container
 * started. On Windows the memory limit, its % and the PIDs are 0: docker stats shows none.
 */
export interface StatsFigures extends DockerStatsNumbers {
  /** When the engine read the sample, in ms since the epoch (sub-millisecond part kept). */
  readAt: number;
}

/** A finite number ≥ 0, or 0: Go decodes a missing or null field as its zero value. */
function n(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/** RFC 3339 with nanoseconds → ms since the epoch; NaN when unreadable. */
export function parseEngineTime(text: string | undefined): number {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(text ?? '');
  if (!m) return NaN;
  const wholeSeconds = Date.parse(`${m[1]}${m[3]}`);
  return wholeSeconds + (m[2] ? Number(`0.${m[2]}`) * 1000 : 0);
}

/** The engine's way of saying "not running": a sample read at Go's zero time (year 1). */
export function isEmptySample(sample: RawStatsSample): boolean {
  const readAt = parseEngineTime(sample.read);
  return !Number.isFinite(readAt) || readAt <= 0;
}

/** One line of the stats stream, or undefined when it is not a JSON object. */
export function parseStatsSample(line: string): RawStatsSample | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RawStatsSample) : undefined;
  } catch {
    return undefined;
  }
}

function cpuPercentUnix(sample: RawStatsSample): number {
  const cpu = sample.cpu_stats ?? {};
  const pre = sample.precpu_stats ?? {};
  const cpuDelta = n(cpu.cpu_usage?.total_usage) - n(pre.cpu_usage?.total_usage);
  const systemDelta = n(cpu.system_cpu_usage) - n(pre.system_cpu_usage);
  let onlineCpus = n(cpu.online_cpus);
  if (onlineCpus === 0) onlineCpus = Array.isArray(cpu.cpu_usage?.percpu_usage) ? cpu.cpu_usage.percpu_usage.length : 0;
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * onlineCpus * 100 : 0;
}

/** RFC 3339 with nanoseconds → whole nanoseconds since the epoch, exactly (Go subtracts times in ns). */
function engineTimeNanos(text: string | undefined): bigint | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text ?? '');
  const wholeSecondsMs = m ? Date.parse(`${m[1]}${m[3]}`) : NaN;
  if (!m || !Number.isFinite(wholeSecondsMs)) return undefined;
  return BigInt(wholeSecondsMs) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

function cpuPercentWindows(sample: RawStatsSample): number {
  const read = engineTimeNanos(sample.read);
  const preread = engineTimeNanos(sample.preread);
  if (read === undefined || preread === undefined || read <= preread) return 0;
  // Whole 100 ns intervals (Go's integer division), times the processors.
  const possible = Number(((read - preread) / 100n) * BigInt(n(sample.num_procs)));
  // Go subtracts unsigned integers here; a counter that went backwards would wrap, Berth says 0 instead.
  const used = Math.max(0, n(sample.cpu_stats?.cpu_usage?.total_usage) - n(sample.precpu_stats?.cpu_usage?.total_usage));
  return possible > 0 ? (used / possible) * 100 : 0;
}

function memoryUsedUnix(memory: RawStatsSample['memory_stats']): number {
  const usage = n(memory?.usage);
  const stats = memory?.stats ?? {};
  if ('total_inactive_file' in stats && n(stats.total_inactive_file) < usage) return usage - n(stats.total_inactive_file);
  if (n(stats.inactive_file) < usage) return usage - n(stats.inactive_file);
  return usage;
}

function blockIo(sample: RawStatsSample): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const entry of sample.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = entry?.op?.[0];
    if (op === 'r' || op === 'R') read += n(entry.value);
    else if (op === 'w' || op === 'W') write += n(entry.value);
  }
  return { read, write };
}

function network(sample: RawStatsSample): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const iface of Object.values(sample.networks ?? {})) {
    rx += n(iface?.rx_bytes);
    tx += n(iface?.tx_bytes);
  }
  return { rx, tx };
}

/** docker stats's figures for one sample. */
export function statsFigures(sample: RawStatsSample, platform: EnginePlatform): StatsFigures {
  const { rx, tx } = network(sample);
  const readAt = parseEngineTime(sample.read);
  if (platform === 'windows') {
    return {
      cpuPercent: cpuPercentWindows(sample),
      memoryUsed: n(sample.memory_stats?.privateworkingset),
      memoryLimit: 0,
      memoryPercent: 0,
      netRx: rx,
      netTx: tx,
      blockRead: n(sample.storage_stats?.read_size_bytes),
      blockWrite: n(sample.storage_stats?.write_size_bytes),
      pids: 0,
      readAt,
    };
  }
  const memoryUsed = memoryUsedUnix(sample.memory_stats);
  const memoryLimit = n(sample.memory_stats?.limit);
  const { read, write } = blockIo(sample);
  return {
    cpuPercent: cpuPercentUnix(sample),
    memoryUsed,
    memoryLimit,
    memoryPercent: memoryLimit !== 0 ? (memoryUsed / memoryLimit) * 100 : 0,
    netRx: rx,
    netTx: tx,
    blockRead: read,
    blockWrite: write,
    pids: n(sample.pids_stats?.current),
    readAt,
  };
}

/** Bytes per second between two totals of one stream; undefined across a reset or without elapsed time. */
export function ratePerSecond(previousTotal: number, total: number, previousAt: number, at: number): number | undefined {
  const seconds = (at - previousAt) / 1000;
  if (!(seconds > 0) || total < previousTotal) return undefined;
  return (total - previousTotal) / seconds;
}
