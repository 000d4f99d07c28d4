/**
 * Mutates the corpus (fixed seed), in-process: the linter never throws. A case that runs for
 * seconds fails as a hang; how fast the cases are is a figure in `npm run bench`, not asserted here.
 */
import * as assert from 'node:assert/strict';
import { lintMutatedCorpus } from '../../fuzz/fuzzCases';

/** Far above the slowest mutation (a few milliseconds); only a runaway reaches it. */
const HANG_GUARD_MS = 5000;

describe('compose fuzz', function () {
  this.timeout(120_000);

  it('lints 3,000 mutated corpus files without an exception or a hang', () => {
    const results = lintMutatedCorpus(3000);
    assert.equal(results.length, 3000);
    for (const r of results) if (r.error) assert.fail(`${r.name} threw ${(r.error as Error).stack}\n---\n${r.text}`);
    assert.deepEqual(results.filter((r) => r.ms > HANG_GUARD_MS).map((r) => `${r.name}: ${r.ms.toFixed(0)} ms`), []);
  });
});
