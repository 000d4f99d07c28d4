/**
 * Compose files built to blow the linter up (each measured with `berth lint` before the fix): a
 * 5,000-service depends_on chain and 4,000-deep interpolation (stack overflows), a 3,000-service
 * cycle (105 MB of messages), an alias bomb (13 s, then a RangeError), 40,000 anchors of one name
 * (linear per alias) and a mapping of 40,000 keys (quadratic duplicate check). Each lints to an
 * answer; the mocha timeout is only a hang guard (the figures are in `npm run bench`).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { interpolate } from '../../../src/language/compose/interpolate';
import { mergeCompose } from '../../../src/language/compose/merge';
import { covered, lint, memoryHost, PROJECT, withCode, yaml } from './helpers';

/** Nine lists of nine, each the one before: 9^9 strings from a few hundred bytes. */
function aliasBomb(): string {
  const lines = ['x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  let previous = 'a';
  for (const name of 'bcdefghi') {
    lines.push(`x-${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    previous = name;
  }
  return yaml(...lines, 'services:', '  web:', '    image: busybox', `    dns: *${previous}`, `    labels: {bomb: *${previous}}`);
}

describe('compose limits', function () {
  this.timeout(30_000);

  it('a depends_on chain of 5,000 services: no stack overflow, no cycle', () => {
    const lines = ['services:'];
    for (let i = 0; i < 5000; i++) lines.push(`  s${i}:`, '    image: busybox', ...(i < 4999 ? [`    depends_on: [s${i + 1}]`] : []));
    const found = lint(yaml(...lines));
    assert.deepEqual(withCode(found, 'compose/dependency-cycle'), []);
    assert.deepEqual(withCode(found, 'compose/undefined-service'), []);
  });

  it('a cycle of 3,000 services: each dependency marked, the cycle printed once, messages bounded', () => {
    const lines = ['services:'];
    for (let i = 0; i < 3000; i++) lines.push(`  s${i}:`, '    image: busybox', `    depends_on: [s${(i + 1) % 3000}]`);
    const found = withCode(lint(yaml(...lines)), 'compose/dependency-cycle');
    assert.equal(found.length, 3000);
    const bytes = found.reduce((n, f) => n + f.message.length, 0);
    assert.ok(bytes < 1_000_000, `${bytes} bytes of messages`);
    assert.match(found[0]!.message, /^Dependency cycle of 3000 services: `s0` → `s1` → .* → `s2999` → `s0`\./);
    assert.equal(found.filter((f) => f.message.startsWith('Dependency cycle')).length, 1, 'the path is printed once');
  });

  it('an alias bomb: one error, as Compose refuses it, and no expansion (lint and merge)', () => {
    const text = aliasBomb();
    assert.ok(text.length < 600, `${text.length} bytes`);
    const found = lint(text);
    assert.deepEqual(withCode(found, 'compose/excessive-aliasing').map((f) => f.severity), ['error']);
    assert.match(withCode(found, 'compose/excessive-aliasing')[0]!.message, /document contains excessive aliasing/);
    const merged = mergeCompose([path.join(PROJECT, 'compose.yaml')], memoryHost({ 'compose.yaml': text }));
    assert.match(merged.problems.join('\n'), /excessive aliasing/);
  });

  it('duplicate list items are still found through aliases, written in any key order', () => {
    const text = yaml('x-one: &one {target: 80, published: "8080"}', 'services:', '  web:', '    image: busybox', '    ports: [*one, {published: "8080", target: 80}, "9090:90"]');
    assert.deepEqual(withCode(lint(text), 'compose/duplicate-item').map((f) => covered(text, f)), ['{published: "8080", target: 80}']);
  });

  it('40,000 anchors of one name with 40,000 aliases, and a mapping of 40,000 keys with one duplicate', () => {
    const anchors = ['x-anchors:', ...Array.from({ length: 40_000 }, () => '  - &a v'), 'x-aliases:', ...Array.from({ length: 40_000 }, () => '  - *a'), 'services:', '  web:', '    image: busybox'];
    assert.deepEqual(lint(yaml(...anchors)).filter((f) => f.severity === 'error'), []);
    const keys = ['x-keys:', ...Array.from({ length: 40_000 }, (_, i) => `  k${i}: v`), '  k17: again', 'services:', '  web:', '    image: busybox'];
    const text = yaml(...keys);
    const dup = lint(text).filter((f) => f.code === 'yaml/duplicate-key');
    assert.deepEqual(dup.map((f) => covered(text, f)), ['k17']);
  });

  it('interpolation nested 4,000 and 100,000 deep: one warning, no stack overflow', () => {
    for (const depth of [4000, 100_000]) {
      const value = '${A:-'.repeat(depth) + 'x' + '}'.repeat(depth);
      const found = lint(yaml('services:', '  web:', `    image: "${value}"`));
      assert.deepEqual(withCode(found, 'compose/interpolation-too-deep').map((f) => f.severity), ['warning'], String(depth));
      assert.equal(typeof interpolate(value, new Map()), 'string');
    }
  });

  it('a million values or a million nested brackets in 2 MB: one finding at once, not a parse (20 s and 1.4 GB before)', () => {
    const flat = lint(yaml(`x-a: [${Array(1_000_000).fill('a').join(',')}]`, 'services:', '  web:', '    image: busybox'));
    assert.deepEqual(flat.map((f) => [f.code, f.severity]), [['compose/too-many-values', 'warning']]);
    assert.match(flat[0]!.message, /^This file holds 1,000,00\d YAML values; Berth checks files of up to 100,000/);
    const deep = lint(yaml('services:', '  web:', '    image: busybox', `    labels: ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`));
    assert.deepEqual(deep.map((f) => [f.code, f.severity]), [['compose/nesting-too-deep', 'error']]);
    const quoted = yaml('services:', '  web:', '    image: busybox', `    command: "${'['.repeat(2000)}"`, ...Array.from({ length: 2000 }, (_, i) => `    # [${i}`));
    assert.deepEqual(lint(quoted), [], 'brackets in quotes and comments are not nesting');
  });

  it('block mappings 2,000 and 5,000 deep (the yaml parser could overflow the stack and throw): an error, no exception', () => {
    for (const depth of [2000, 5000]) {
      const found = lint(yaml('x-deep:', ...Array.from({ length: depth }, (_, i) => `${' '.repeat(i + 2)}k${i}:`), 'services:', '  web:', '    image: busybox'));
      // Where the stack runs out depends on how much of yaml the JIT has compiled: yaml reports it, or Berth catches it.
      const deep = found.find((f) => f.code === 'compose/nesting-too-deep' || f.code === 'yaml/resource-exhaustion');
      assert.equal(deep?.severity, 'error', JSON.stringify(found));
    }
  });
});
