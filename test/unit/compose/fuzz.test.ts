/** Mutates the corpus (fixed seed): the linter never throws and never takes over 50 ms on a file. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeComposeHost } from '../../../src/language/compose/composeHost';
import { lintComposeFile } from '../../../src/language/compose/lintCompose';
import { corpusFiles } from './corpus';

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [':', '- ', '{', '}', '[', ']', '${', '${A:-', '}', '$$', '&a ', '*a', '<<: *a', '!reset ', '!override ', '\n  ', '\n', '\t', '"', "'", '? ', '|\n', '>-\n', '#', ',', 'x-', 'services:\n', 'depends_on: [', 'ports: ["80:80"]', 'volumes: ["./a:/a"]', '  ', 'null', '~', '%YAML 1.2\n---\n'];

export function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  switch (Math.floor(random() * 5)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 20));
    case 1:
      return text.slice(0, at) + pick(TOKENS) + text.slice(at);
    case 2: {
      const lines = text.split('\n');
      const i = Math.floor(random() * lines.length);
      lines.splice(i, 0, lines[Math.floor(random() * lines.length)] ?? '');
      return lines.join('\n');
    }
    case 3: {
      const lines = text.split('\n');
      const i = Math.floor(random() * lines.length);
      lines[i] = random() < 0.5 ? `  ${lines[i]}` : (lines[i] ?? '').replace(/^ {1,2}/, '');
      return lines.join('\n');
    }
    default:
      return text.slice(0, at) + text.slice(Math.floor(random() * text.length), Math.floor(random() * text.length)) + text.slice(at);
  }
}

describe('compose fuzz', function () {
  this.timeout(120_000);

  it('lints 3,000 mutated corpus files without an exception, each under 50 ms', () => {
    const random = seeded(0xb3e7);
    const files = corpusFiles().map((f) => ({ file: f, text: fs.readFileSync(f, 'utf8') }));
    const host = nodeComposeHost({});
    for (const { file, text } of files) lintComposeFile(file, text, host); // warm up the JIT
    const slow: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const { file, text } = files[Math.floor(random() * files.length)]!;
      let mutated = text;
      const rounds = 1 + Math.floor(random() * 4);
      for (let r = 0; r < rounds; r++) mutated = mutate(mutated, random);
      const started = performance.now();
      try {
        lintComposeFile(file, mutated, host);
      } catch (e) {
        assert.fail(`mutation ${i} of ${path.basename(path.dirname(file))}/${path.basename(file)} threw ${(e as Error).stack}\n---\n${mutated}`);
      }
      let ms = performance.now() - started;
      // Other processes share these cores: a slow case is timed again, and counts only if it stays slow.
      for (let retry = 0; retry < 3 && ms > 50; retry++) {
        const again = performance.now();
        lintComposeFile(file, mutated, host);
        ms = Math.min(ms, performance.now() - again);
      }
      if (ms > 50) slow.push(`mutation ${i} (${path.basename(file)}): ${ms.toFixed(1)} ms`);
    }
    assert.deepEqual(slow, []);
  });
});
