/**
 * The whole corpus of real Dockerfiles lints without an exception and without a false error, and a
 * fuzz pass over mutated copies (fixed seed) never throws nor takes over 50 ms.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintDockerfile } from '../../../src/language/dockerfile/lint';
import { corpusPath } from './corpus';

/** Files that exist to exercise an error path of their project: the error is right. */
const EXPECTED_ERRORS: Record<string, string[]> = {
  'compose__pkg_e2e_fixtures_wrong-composefile_service1_Dockerfile': ['berth/unknown-instruction:17'],
};

function corpusFiles(): { name: string; text: string }[] {
  const dir = corpusPath('dockerfiles');
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** A small deterministic PRNG (mulberry32), so the fuzz cases are the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['\\\n', '<<EOF\n', '"', "'", '--mount=type=cache,', '$', '${', '#', '\n', ' AS ', '[', ']', '`', '\t', '=', ',', 'FROM ', 'COPY --from=', 'RUN '];

describe('Dockerfile corpus', () => {
  const files = corpusFiles();

  it(`lints all ${files.length} real Dockerfiles without an exception or a false error`, () => {
    for (const { name, text } of files) {
      const errors = lintDockerfile(text)
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.code}:${f.range.start.line + 1}`);
      assert.deepEqual(errors, EXPECTED_ERRORS[name] ?? [], `${name}: ${errors.join(', ')}`);
    }
  });

  it('survives a fuzz of mutated corpus files (fixed seed): no exception, none over 50 ms', function () {
    this.timeout(120000);
    const random = rng(20261123);
    const cases = Number(process.env['BERTH_FUZZ_CASES'] ?? 3000);
    for (const f of files.slice(0, 5)) lintDockerfile(f.text); // warm up the JIT
    let slowest = 0;
    for (let n = 0; n < cases; n++) {
      const src = files[Math.floor(random() * files.length)]?.text ?? '';
      let text = src;
      const edits = 1 + Math.floor(random() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * (text.length + 1));
        const op = random();
        if (op < 0.4) text = text.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + text.slice(at);
        else if (op < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 20));
        else text = text.slice(0, at) + text.slice(Math.floor(random() * text.length)).slice(0, 200) + text.slice(at);
      }
      let ms = Infinity;
      // Measured in CPU time, so other processes on a loaded machine do not count against a case;
      // a case counts as slow only if three runs all are (a GC pause can land in any one).
      for (let attempt = 0; attempt < 3 && ms > 50; attempt++) {
        const t0 = process.cpuUsage();
        try {
          lintDockerfile(text);
        } catch (err) {
          assert.fail(`case ${n} threw ${(err as Error).stack}\n---\n${text}`);
        }
        const used = process.cpuUsage(t0);
        ms = Math.min(ms, (used.user + used.system) / 1000);
      }
      slowest = Math.max(slowest, ms);
      assert.ok(ms <= 50, `case ${n} took ${ms.toFixed(1)} ms`);
    }
    console.log(`      fuzz: ${cases} cases, slowest ${slowest.toFixed(1)} ms`);
  });
});
