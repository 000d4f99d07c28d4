/**
 * .dockerignore as BuildKit reads it: patternmatcher's exact, prefix, suffix and wildcard matches,
 * ignorefile's comments and cleaning; patterns BuildKit rejects become problems (never a
 * SyntaxError), and no pattern backtracks.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerIgnore } from '../../../src/language/dockerfile/dockerignore';
import { readDockerignoreFor } from '../../../src/language/dockerfile/dockerignoreFile';
import { lintDockerfile } from '../../../src/language/dockerfile/lint';
import { scratch, type Scratch } from '../files/hostileFiles';

function excluded(patterns: string, paths: string[]): string[] {
  const ignore = new DockerIgnore(patterns);
  return paths.filter((p) => ignore.excludes(p));
}

describe('.dockerignore matching', () => {
  it('matches as BuildKit does: *, ?, classes, ** forms, parents, exceptions', () => {
    const paths = ['a.md', 'docs/a.md', 'docs/deep/b.md', 'keep.md', 'dir/x/y', 'dirt', 'b.txt', 'c.txt', '!.txt', 'x.txt', 'ab', 'ax/b', 'axb', 'star*', 'secrets/key.pem'];
    assert.deepEqual(excluded('*.md\n!keep.md\n', paths), ['a.md']);
    assert.deepEqual(excluded('**/*.md\n', paths), ['a.md', 'docs/a.md', 'docs/deep/b.md', 'keep.md']);
    assert.deepEqual(excluded('dir/**\n', paths), ['dir/x/y']);
    assert.deepEqual(excluded('dir**\n', paths), ['dir/x/y', 'dirt'], 'a trailing ** is a plain prefix');
    assert.deepEqual(excluded('[a-c].txt\n', paths), ['b.txt', 'c.txt']);
    assert.deepEqual(excluded('[^a-c].txt\n', paths), ['!.txt', 'x.txt']);
    assert.deepEqual(excluded('[!a-b].txt\n', paths), ['b.txt', '!.txt'], '`!` in a class is a character, as in Go regexps');
    assert.deepEqual(excluded('?.txt\n', paths), ['b.txt', 'c.txt', '!.txt', 'x.txt']);
    assert.deepEqual(excluded('a**b\n', paths), ['ab', 'ax/b'], 'RE2 `a(.*/)?b`');
    assert.deepEqual(excluded('star\\*\n', paths), ['star*']);
    assert.deepEqual(excluded('secrets\n', paths), ['secrets/key.pem'], 'a parent folder matches');
    assert.deepEqual(excluded('**\n!docs\n', paths), paths.filter((p) => !p.startsWith('docs/')), '** excludes everything; the exception brings docs back');
  });

  it('reads lines as ignorefile does: # only at the very start, a leading / dropped, CRLF and a BOM', () => {
    assert.deepEqual(excluded('\uFEFF#a.md\r\n /b.txt \r\n ./docs/../c.txt\n', ['a.md', 'b.txt', 'c.txt']), ['b.txt', 'c.txt']);
    assert.deepEqual(excluded(' #x\n', ['#x']), ['#x'], 'an indented # is a pattern');
  });

  it('never backtracks: 13 stars against a 40-character name (minutes before)', () => {
    const started = Date.now();
    assert.deepEqual(excluded('*a*a*a*a*a*a*a*a*a*a*a*a*a*b\n', ['a'.repeat(40), 'a'.repeat(40) + 'b']), ['a'.repeat(40) + 'b']);
    assert.ok(Date.now() - started < 2000, 'hang guard');
  });

  it('keeps the patterns BuildKit rejects as problems, with their lines, and matches with the rest', () => {
    const ignore = new DockerIgnore('ok.md\n[z-a]\n[abc\n[]\nfoo\\\n!\n' + 'x'.repeat(70_000) + '\n');
    assert.deepEqual(
      ignore.problems.map((p) => [p.line, p.problem.split(':')[0]]),
      [
        [1, 'has a reversed range `z-a`'],
        [2, 'has an unclosed, empty or malformed `[…]`'],
        [3, 'has an unclosed, empty or malformed `[…]`'],
        [4, 'ends with a lone `\\`'],
        [5, 'a lone `!` excludes nothing'],
        [6, 'is longer than 64 KiB'],
      ],
    );
    assert.equal(ignore.excludes('ok.md'), true);
    assert.equal(ignore.excludes('z'), false);
  });

  it('lints a Dockerfile whose .dockerignore holds [z-a]: one error on the first COPY, no exception', () => {
    const found = lintDockerfile('FROM busybox\nRUN true\nCOPY a /a\nCOPY b /b\n', { dockerignore: '[z-a]\n*.md\n' }).filter((f) => f.code === 'berth/dockerignore');
    assert.deepEqual(found.map((f) => [f.severity, f.range.start.line]), [['error', 2]]);
    assert.match(found[0]!.message, /^\.dockerignore line 1: `\[z-a\]` has a reversed range `z-a`: BuildKit rejects it \("syntax error in pattern"\)\. Fix the pattern/);
    assert.deepEqual(lintDockerfile('FROM busybox\nCOPY --from=x /a /a\n', { dockerignore: '[z-a]\n' }).filter((f) => f.code === 'berth/dockerignore'), [], 'nothing reads the context');
    assert.deepEqual(
      lintDockerfile('FROM busybox\nCOPY a /a\n', { dockerignore: { problem: '`.dockerignore` was not read: it is not a regular file (a device, pipe or socket)' } })
        .filter((f) => f.code === 'berth/dockerignore')
        .map((f) => [f.severity, f.message]),
      [['warning', '`.dockerignore` was not read: it is not a regular file (a device, pipe or socket); CopyIgnoredFile is not checked.']],
    );
  });
});

describe('.dockerignore size', function () {
  this.timeout(20_000); // hang guard: 30,000 patterns against 3,000 sources ran over 30 s before the budget

  it('tests sources against a huge file up to a budget, then says how far it got', () => {
    const patterns = Array.from({ length: 30_000 }, (_, i) => `src/g${i}*.txt`).join('\n') + '\nsrc/f1.txt\n';
    const copies = Array.from({ length: 3000 }, (_, i) => `COPY src/f${i}.txt /x/`).join('\n');
    const found = lintDockerfile(`FROM busybox\n${copies}\n`, { dockerignore: patterns });
    assert.deepEqual(found.filter((f) => f.code === 'CopyIgnoredFile').map((f) => f.range.start.line), [2], 'src/f1.txt is still found: it comes early');
    const budget = found.filter((f) => f.code === 'berth/dockerignore');
    assert.deepEqual(budget.map((f) => [f.severity, f.range.start.line]), [['info', 1]]);
    assert.match(budget[0]!.message, /^\.dockerignore has 30,001 patterns: Berth checked the first \d+ COPY and ADD sources against it, and no more\.$/);
  });
});

describe('.dockerignore on disk', function () {
  this.timeout(10_000); // hang guard: /dev/zero used to be read until memory ran out
  let s: Scratch;
  beforeEach(() => (s = scratch('berth-dockerignore-')));
  afterEach(() => s.remove());

  it('prefers <Dockerfile>.dockerignore, and refuses a device or a path out of an untrusted workspace', () => {
    const dockerfile = s.write('app/Dockerfile', 'FROM busybox\nCOPY . /\n');
    assert.equal(readDockerignoreFor(dockerfile), undefined);
    s.write('app/.dockerignore', '*.md\n');
    assert.deepEqual(readDockerignoreFor(dockerfile), { text: '*.md\n' });
    s.link('app/Dockerfile.dockerignore', '/dev/zero');
    assert.deepEqual(readDockerignoreFor(dockerfile), { problem: '`Dockerfile.dockerignore` was not read: it is not a regular file (a device, pipe or socket)' });
    const outside = scratch('berth-dockerignore-outside-');
    try {
      fs.unlinkSync(path.join(s.dir, 'app', 'Dockerfile.dockerignore'));
      fs.unlinkSync(path.join(s.dir, 'app', '.dockerignore'));
      s.link('app/.dockerignore', outside.write('.dockerignore', '*\n'));
      assert.match((readDockerignoreFor(dockerfile, { allowedRoots: [s.dir] }) as { problem: string }).problem, /outside the workspace folders/);
      assert.deepEqual(readDockerignoreFor(dockerfile), { text: '*\n' }, 'trusted: the symlink is followed');
    } finally {
      outside.remove();
    }
  });
});
