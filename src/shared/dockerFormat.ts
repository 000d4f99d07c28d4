/**
 * Numbers as `docker stats` prints them: Go's `%.2f` for percentages, go-units' `BytesSize` (binary,
 * `%.4g`) for memory and `HumanSizeWithPrecision(…, 3)` (decimal, `%.3g`) for network and block I/O.
 * Go rounds an exact tie to even and switches `%g` to exponent form at the precision ("1e+03kB"), so
 * these are written out rather than left to `toFixed`/`toPrecision`. Pure: used by the host, the
 * webview and the tests alike.
 */

import type { DockerStatsNumbers } from '../engine/statsMath';

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];
const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** `x` as an exact fraction num / den of integers (x finite and ≥ 0). */
function exactFraction(x: number): { num: bigint; den: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent = -1074;
  if (biased !== 0) {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  return exponent >= 0 ? { num: mantissa << BigInt(exponent), den: 1n } : { num: mantissa, den: 1n << BigInt(-exponent) };
}

/** True when x·10^k lies exactly halfway between two integers: the one case where Go and JavaScript round apart. */
function isExactTie(x: number, k: number): boolean {
  // Cheap first: far from a half in floating point means no tie; only near-halves get the exact test.
  const scaled = x * 10 ** k;
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6 * Math.max(1, scaled)) return false;
  let { num, den } = exactFraction(x);
  if (k >= 0) num *= 10n ** BigInt(k);
  else den *= 10n ** BigInt(-k);
  const twice = 2n * num;
  return twice % den === 0n && (twice / den) % 2n === 1n;
}

/** Go's `strconv.FormatFloat(x, 'f', decimals, 64)` for x ≥ 0. */
export function goFixed(x: number, decimals: number): string {
  if (!Number.isFinite(x) || x < 0) return x < 0 ? `-${goFixed(-x, decimals)}` : String(x);
  const text = x.toFixed(decimals);
  if (x >= 1e21 || !isExactTie(x, decimals)) return text;
  // JavaScript took the larger neighbour; Go takes the even one.
  const digits = BigInt(text.replace('.', ''));
  if (digits % 2n === 0n) return text;
  const even = (digits - 1n).toString().padStart(decimals + 1, '0');
  return decimals === 0 ? even : `${even.slice(0, -decimals)}.${even.slice(-decimals)}`;
}

/** The significant digits (no trailing zeros) and decimal point position of x rounded to `precision` digits, as Go rounds. */
function roundedDigits(x: number, precision: number): { digits: string; point: number } {
  const [mantissa, exp] = x.toExponential(precision - 1).split('e') as [string, string];
  let digits = mantissa.replace('.', '');
  const exponent = Number(exp);
  let magnitude = Math.floor(Math.log10(x));
  if (10 ** magnitude > x) magnitude--;
  else if (10 ** (magnitude + 1) <= x) magnitude++;
  if (isExactTie(x, precision - 1 - magnitude) && Number(digits[digits.length - 1]) % 2 === 1) {
    digits = (BigInt(digits) - 1n).toString().padStart(digits.length, '0');
  }
  digits = digits.replace(/0+$/, '') || '0';
  return { digits, point: exponent + 1 };
}

/** Go's `fmt.Sprintf("%.<precision>g", x)` for x ≥ 0. */
export function goGeneral(x: number, precision: number): string {
  if (!Number.isFinite(x) || x < 0) return x < 0 ? `-${goGeneral(-x, precision)}` : String(x);
  if (x === 0) return '0';
  const { digits, point } = roundedDigits(x, precision);
  const nd = digits.length;
  let eprec = precision;
  if (eprec > nd && nd >= point) eprec = nd;
  const exp = point - 1;
  if (exp < -4 || exp >= eprec) {
    const mantissa = nd > 1 ? `${digits[0]}.${digits.slice(1, Math.min(nd, precision))}` : digits;
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const decimals = Math.max((precision > point ? nd : precision) - point, 0);
  const integer = point > 0 ? digits.slice(0, point).padEnd(point, '0') : '0';
  if (decimals === 0) return integer;
  let fraction = '';
  for (let i = 0; i < decimals; i++) fraction += digits[point + i] ?? '0';
  return `${integer}.${fraction}`;
}

function scaled(size: number, base: number, units: readonly string[]): { size: number; unit: string } {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return { size, unit: units[i]! };
}

/** go-units `BytesSize`: memory in docker stats ("6.234MiB", "64MiB"). */
export function bytesSize(bytes: number): string {
  const { size, unit } = scaled(bytes, 1024, BINARY_UNITS);
  return `${goGeneral(size, 4)}${unit}`;
}

/** go-units `HumanSizeWithPrecision(size, 3)`: network and block I/O in docker stats ("5.34kB"). */
export function humanSize(bytes: number): string {
  const { size, unit } = scaled(bytes, 1000, DECIMAL_UNITS);
  return `${goGeneral(size, 3)}${unit}`;
}

/** docker stats's percentages: two decimals, Go's rounding ("42.10%"). */
export function percentage(value: number): string {
  return `${goFixed(value, 2)}%`;
}

/** A rate in the decimal units docker uses for I/O ("1.2MB/s"). */
export function humanRate(bytesPerSecond: number): string {
  return `${humanSize(bytesPerSecond)}/s`;
}

/** The columns of `docker stats --format '{{json .}}'`, string for string. */
export interface DockerStatsColumns {
  CPUPerc: string;
  MemUsage: string;
  MemPerc: string;
  NetIO: string;
  BlockIO: string;
  PIDs: string;
}

/** What docker stats prints for these figures; Windows shows no limit, memory % or PIDs. */
export function dockerStatsColumns(f: DockerStatsNumbers, platform: 'linux' | 'windows'): DockerStatsColumns {
  const windows = platform === 'windows';
  return {
    CPUPerc: percentage(f.cpuPercent),
    MemUsage: windows ? bytesSize(f.memoryUsed) : `${bytesSize(f.memoryUsed)} / ${bytesSize(f.memoryLimit)}`,
    MemPerc: windows ? '--' : percentage(f.memoryPercent),
    NetIO: `${humanSize(f.netRx)} / ${humanSize(f.netTx)}`,
    BlockIO: `${humanSize(f.blockRead)} / ${humanSize(f.blockWrite)}`,
    PIDs: windows ? '--' : String(f.pids),
  };
}
