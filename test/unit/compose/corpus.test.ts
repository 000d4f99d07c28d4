/**
 * Every compose file in the shared corpus (Docker's awesome-compose samples and Compose's own e2e
 * fixtures) lints without an exception and without a false error. The fixtures that exist to test
 * one of Compose's error paths are named here with the finding Berth must report for them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeComposeHost } from '../../../src/language/compose/composeHost';
import { lintComposeFile } from '../../../src/language/compose/lintCompose';
import { CORPUS, corpusFiles } from './corpus';

/** Error-path fixtures and the error Compose gives for them, which Berth must also report. */
const ERROR_PATHS: Record<string, { code: string; line: number; why: string }> = {
  'compose-e2e/wrong-composefile/compose.yaml': { code: 'compose/unknown-key', line: 4, why: 'Compose rejects the unknown service key `wrongField`' },
  'compose-e2e/env_file/compose.yaml': { code: 'compose/missing-env-file', line: 8, why: 'Compose stops on the missing `/doesnotexist/.env`' },
  'compose-e2e/build-test/platforms/compose-service-platform-not-in-build-platforms.yaml': {
    code: 'compose/platform-not-built',
    line: 4,
    why: 'Compose refuses a platform missing from build.platforms',
  },
};

/**
 * Error-path fixtures whose error only shows when Compose runs: Berth reports nothing for them.
 * unknown-image.yml: the pull fails; build-error.yml: the Dockerfile fails to build;
 * compose-unsupported-platform.yml: the builder rejects the platform.
 */
const RUNTIME_ERROR_PATHS = ['compose-e2e/wrong-composefile/unknown-image.yml', 'compose-e2e/wrong-composefile/build-error.yml', 'compose-e2e/build-test/platforms/compose-unsupported-platform.yml'];

describe('compose corpus', function () {
  this.timeout(30_000);
  const files = corpusFiles();
  // An empty environment, so the result does not depend on the shell that runs the tests.
  const host = nodeComposeHost({});

  it('finds the corpus', () => {
    assert.ok(files.length > 80, `only ${files.length} compose files under ${CORPUS}`);
    for (const name of [...Object.keys(ERROR_PATHS), ...RUNTIME_ERROR_PATHS]) assert.ok(files.includes(path.join(CORPUS, name)), name);
  });

  it('lints every file without an exception and without a false error', () => {
    const falseErrors: string[] = [];
    for (const file of files) {
      const rel = path.relative(CORPUS, file);
      const errors = lintComposeFile(file, fs.readFileSync(file, 'utf8'), host).filter((f) => f.severity === 'error');
      const expected = ERROR_PATHS[rel];
      for (const e of errors) {
        if (expected && e.code === expected.code && e.range.start.line + 1 === expected.line) continue;
        falseErrors.push(`${rel}:${e.range.start.line + 1} ${e.code} ${e.message}`);
      }
    }
    assert.deepEqual(falseErrors, []);
  });

  for (const [rel, expected] of Object.entries(ERROR_PATHS)) {
    it(`reports the error ${rel} exists for: ${expected.why}`, () => {
      const file = path.join(CORPUS, rel);
      const found = lintComposeFile(file, fs.readFileSync(file, 'utf8'), host).filter((f) => f.code === expected.code);
      assert.deepEqual(found.map((f) => f.range.start.line + 1), [expected.line]);
    });
  }

  it('warns about the variables the e2e tests set in the environment, and not once they are set', () => {
    const file = path.join(CORPUS, 'compose-e2e/simple-build-test/compose-interpolate.yaml');
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(lintComposeFile(file, text, host).filter((f) => f.code === 'compose/unset-variable').length, 1);
    assert.deepEqual(lintComposeFile(file, text, nodeComposeHost({ MYVAR: 'x' })).filter((f) => f.code === 'compose/unset-variable'), []);
  });

  it('reads .env beside the file for interpolation (dotenv fixture)', () => {
    const file = path.join(CORPUS, 'compose-e2e/dotenv/development/compose.yaml');
    assert.deepEqual(lintComposeFile(file, fs.readFileSync(file, 'utf8'), host).filter((f) => f.code === 'compose/unset-variable'), []);
  });
});
