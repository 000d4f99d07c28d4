/**
 * `node out/bench/hostile.js`: what hostile inputs cost `berth lint`, each in a child process of its
 * own (so its peak memory counts everything, Buffers included): the cases issue 9 measured, then
 * the worst of the fuzz test's inputs, then the in-process compose corpus mutations. Prints tables.
 * Targets: every input under 200 MB of peak memory and far under the fuzz test's 20 s hang guard;
 * a mutated corpus file linted in ≤ 50 ms at p95.
 */
import { percentile } from './stats';
import { fuzzCases, lintMutatedCorpus } from '../test/fuzz/fuzzCases';
import { caseBytes, issueCases } from '../test/fuzz/hostileInputs';
import { runCases, type CaseResult } from '../test/fuzz/runCases';

const MAX_RSS_MB = 200;
const HANG_GUARD_MS = 20_000;

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
}

function row(r: CaseResult, bytes?: number): string[] {
  const rep = r.report;
  return [
    r.name,
    bytes === undefined ? '' : bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`,
    rep ? String(rep.code) : 'killed',
    rep ? `${rep.ms.toFixed(0)} ms` : r.problem ?? '',
    `${r.wallMs.toFixed(0)} ms`,
    rep ? `${rep.peakRssMb.toFixed(0)} MB` : '',
    rep ? String(rep.findings) : '',
  ];
}

const HEAD = ['input', 'size', 'exit', 'lint', 'process', 'peak RSS', 'findings'];

async function main(): Promise<void> {
  let ok = true;
  const judge = (results: CaseResult[]): void => {
    for (const r of results) if (!r.report || r.report.peakRssMb >= MAX_RSS_MB || r.wallMs >= HANG_GUARD_MS || r.report.failures.length > 0 || r.report.code > 1) ok = false;
  };

  console.log('issue 9 cases, one at a time (lint: run() alone; process: with Node start-up):');
  const issue = issueCases();
  const issueResults = await runCases(issue, { timeLimitMs: 60_000, killAboveMb: 2048 });
  table([HEAD, ...issueResults.map((r, i) => row(r, caseBytes(issue[i]!)))]);
  judge(issueResults);

  const cases = fuzzCases();
  const fuzz = await runCases(cases, { timeLimitMs: 60_000, killAboveMb: 2048 });
  judge(fuzz);
  const byTime = [...fuzz].sort((a, b) => (b.report?.ms ?? Infinity) - (a.report?.ms ?? Infinity)).slice(0, 5);
  const byMemory = [...fuzz].sort((a, b) => (b.report?.peakRssMb ?? Infinity) - (a.report?.peakRssMb ?? Infinity)).slice(0, 5);
  const size = (r: CaseResult): number => caseBytes(cases.find((c) => c.name === r.name)!);
  console.log(`\nfuzz test inputs (${fuzz.length}, one at a time): median lint ${percentile(fuzz.map((r) => r.report?.ms ?? NaN), 50).toFixed(0)} ms, median peak ${percentile(fuzz.map((r) => r.report?.peakRssMb ?? NaN), 50).toFixed(0)} MB`);
  console.log('slowest:');
  table([HEAD, ...byTime.map((r) => row(r, size(r)))]);
  console.log('most memory:');
  table([HEAD, ...byMemory.map((r) => row(r, size(r)))]);

  const mutated = lintMutatedCorpus(3000);
  const ms = mutated.map((m) => m.ms);
  const p95 = percentile(ms, 95);
  if (p95 > 50) ok = false;
  console.log(`\n3,000 mutated compose corpus files in-process: p50 ${percentile(ms, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${Math.max(...ms).toFixed(1)} ms`);
  console.log(`targets (every input < ${MAX_RSS_MB} MB and < ${HANG_GUARD_MS / 1000} s, no lint failure; mutated corpus p95 ≤ 50 ms): ${ok ? 'met' : 'NOT met'}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}
