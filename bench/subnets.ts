/**
 * Free /24 subnets for benchmark networks. The engine's default address pools hold only about 31
 * bridge networks, so a bench that makes more gives each an explicit subnet. They come from
 * 10.210.0.0/16: outside the tests' own 10.200.0.0/13 (testSubnetPrefix) and the swarm testbed's
 * 10.123.0.0/24, and any /24 that overlaps a network the engine or the host already has is skipped.
 */
import { execFileSync } from 'node:child_process';
import { docker } from '../test/support/docker';

const BENCH_RANGE = '10.210';

/** [first, last] address of an IPv4 CIDR as integers; undefined for anything else (IPv6). */
export function cidrRange(cidr: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr.trim());
  if (!m) return undefined;
  const bits = Number(m[5]);
  const base = (((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0);
  const size = 2 ** (32 - bits);
  const first = base - (base % size);
  return [first, first + size - 1];
}

/** Subnets the engine's networks use, and the host's own routes (a bridge of another daemon, a test namespace). */
async function usedSubnets(): Promise<string[]> {
  const ids = (await docker(['network', 'ls', '-q'])).split('\n').filter(Boolean);
  const engine = ids.length ? (await docker(['network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Subnet}} {{end}}', ...ids])).split(/\s+/) : [];
  let host: string[] = [];
  try {
    host = execFileSync('ip', ['-4', 'route'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0] ?? '');
  } catch {
    // No `ip` tool: the engine's own list is what matters most.
  }
  return [...engine, ...host].filter((s) => s.includes('/'));
}

/** `count` /24s (`10.210.N.0/24`) that overlap nothing the engine or the host uses now. */
export async function freeSubnets(count: number): Promise<string[]> {
  return pickFreeSubnets(await usedSubnets(), count);
}

/** `count` /24s of 10.210.0.0/16 that overlap none of `usedCidrs` (IPv6 and other text ignored). */
export function pickFreeSubnets(usedCidrs: readonly string[], count: number): string[] {
  const used = usedCidrs.map(cidrRange).filter((r): r is [number, number] => r !== undefined);
  const free: string[] = [];
  for (let n = 0; n < 256 && free.length < count; n++) {
    const candidate = `${BENCH_RANGE}.${n}.0/24`;
    const [first, last] = cidrRange(candidate)!;
    if (!used.some(([a, b]) => a <= last && first <= b)) free.push(candidate);
  }
  if (free.length < count) throw new Error(`only ${free.length} free /24s in ${BENCH_RANGE}.0.0/16, ${count} needed`);
  return free;
}
