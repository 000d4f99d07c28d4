/**
 * The whole corpus of real Dockerfiles lints without an exception and without a false error, and a
 * fuzz pass over mutated copies (fixed seed) never throws nor hangs. How fast those cases lint is
 * a figure for `npm run bench`, not a test: a busy CI machine must not fail it.
 */
import * as assert from 'node:assert/strict';
import { lintDockerfile } from '../../../src/language/dockerfile/lint';
import { corpusDockerfiles, MIN_CORPUS_FILES, mutatedDockerfiles } from './corpusMutations';

/** Files that exist to exercise an error path of their project: the error is right. */
const EXPECTED_ERRORS: Record<string, string[]> = {
  'compose__pkg_e2e_fixtures_wrong-composefile_service1_Dockerfile': ['berth/unknown-instruction:17'],
};

/** A hang guard, not a speed target: a mutated file lints in about a millisecond; the bench has the real figure. */
const HANG_GUARD_MS = 2_000;

describe('Dockerfile corpus', () => {
  const files = corpusDockerfiles();

  it(`holds at least ${MIN_CORPUS_FILES} real Dockerfiles`, () => {
    assert.ok(files.length >= MIN_CORPUS_FILES, `the corpus has ${files.length} Dockerfiles, expected at least ${MIN_CORPUS_FILES}`);
  });

  it(`lints all ${files.length} real Dockerfiles without an exception or a false error`, () => {
    for (const { name, text } of files) {
      const errors = lintDockerfile(text)
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.code}:${f.range.start.line + 1}`);
      assert.deepEqual(errors, EXPECTED_ERRORS[name] ?? [], `${name}: ${errors.join(', ')}`);
    }
  });

  it('survives a fuzz of mutated corpus files (fixed seed): no exception, no hang', function () {
    this.timeout(120000);
    const cases = Number(process.env['BERTH_FUZZ_CASES'] ?? 3000);
    let n = 0;
    for (const text of mutatedDockerfiles(files, cases)) {
      const t0 = performance.now();
      try {
        lintDockerfile(text);
      } catch (err) {
        assert.fail(`case ${n} threw ${(err as Error).stack}\n---\n${text}`);
      }
      const ms = performance.now() - t0;
      assert.ok(ms <= HANG_GUARD_MS, `case ${n} took ${ms.toFixed(0)} ms (hang guard ${HANG_GUARD_MS} ms)\n---\n${text}`);
      n++;
    }
    assert.equal(n, cases);
  });
});
