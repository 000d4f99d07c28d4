/**
 * `node out/test/fuzz/lintChild.js FILE`: one `berth lint --format json FILE` (the CLI's own run()),
 * in a process of its own so its peak memory can be read, Buffers included (a worker's
 * resourceLimits do not bound those). Prints one JSON line: ChildReport.
 */
import { run } from '../../src/cli/main';

/** What one lint did. */
export interface ChildReport {
  /** run()'s exit code; -1 when it threw. */
  code: number;
  /** The lint alone, without the process's start. */
  ms: number;
  /** Peak resident memory of the whole process. */
  peakRssMb: number;
  findings: number;
  /** Messages of berth/lint-failed findings (Berth failed on the file). */
  failures: string[];
  stderr: string;
}

const out: string[] = [];
const err: string[] = [];
const started = performance.now();
let code: number;
try {
  code = run(['lint', '--format', 'json', ...process.argv.slice(2)], (s) => out.push(s), (s) => err.push(s));
} catch (error) {
  code = -1;
  err.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
}
const ms = performance.now() - started;
const findings = JSON.parse(out.join('\n') || '[]') as { code: string; message: string }[];
const report: ChildReport = {
  code,
  ms,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  findings: findings.length,
  failures: findings.filter((f) => f.code === 'berth/lint-failed').map((f) => f.message),
  stderr: err.join('\n').slice(0, 4000),
};
process.stdout.write(JSON.stringify(report) + '\n');
