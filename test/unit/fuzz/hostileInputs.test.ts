/**
 * The fuzz test CI runs (seeded, so a failure replays): billion laughs, deep nesting, huge scalars,
 * long lines, NUL bytes, self-includes and /dev/* paths, then mutations of them and of the shared
 * corpus. Each input is linted by `berth lint` in a child process of its own and must end without
 * an exception (no berth/lint-failed, no exit 2) and under 200 MB of peak memory. A child still
 * running after 20 s is killed: a hang guard far above the worst case's few seconds, not a timing.
 * The times and memory of the worst inputs are figures in `npm run bench`.
 */
import * as assert from 'node:assert/strict';
import { FUZZ_SEED, fuzzCases } from '../../fuzz/fuzzCases';
import { runCases } from '../../fuzz/runCases';

const FLOOR = 110;
const MAX_RSS_MB = 200;

describe('fuzz: hostile inputs through berth lint, each in its own process', function () {
  // The whole run takes about a minute on two busy cores; this only stops a runaway.
  this.timeout(150_000);

  it(`lints every input without an exception, each under ${MAX_RSS_MB} MB (seed ${FUZZ_SEED.toString(16)})`, async () => {
    const cases = fuzzCases();
    if (process.env['CI'] === 'true') assert.ok(cases.length >= FLOOR, `only ${cases.length} fuzz cases: CI runs at least ${FLOOR}`);
    const results = await runCases(cases, { timeLimitMs: 20_000, killAboveMb: 1024, parallel: 2 });
    const bad = results.flatMap((r) => {
      if (!r.report) return [`${r.name}: ${r.problem}`];
      const { code, failures, peakRssMb, stderr } = r.report;
      const why = [
        ...(code !== 0 && code !== 1 ? [`exit ${code}: ${stderr.split('\n').slice(0, 3).join(' ')}`] : []),
        ...failures.map((f) => `berth/lint-failed: ${f}`),
        ...(peakRssMb >= MAX_RSS_MB ? [`peak memory ${peakRssMb.toFixed(0)} MB`] : []),
      ];
      return why.map((w) => `${r.name}: ${w}`);
    });
    assert.deepEqual(bad, [], `${bad.length} of ${results.length} inputs failed`);
    assert.equal(results.length, cases.length);
  });
});
