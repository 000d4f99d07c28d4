/** Berth's error diagnostics and good-practice rules: each fires where it should, and only there. */
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../src/language/dockerfile/applyEdits';
import { lintDockerfile } from '../../../src/language/dockerfile/lint';
import { editDistance } from '../../../src/language/dockerfile/suggest';
import { itFiresAndStaysQuiet, type RuleCase } from './ruleCases';

const codes = (text: string): string[] => lintDockerfile(text, { settings: { hints: { cacheMount: false, secretMount: false, bindMount: false } } }).map((f) => f.code);

const cases: RuleCase[] = [
  ['berth/unknown-instruction', 'FROM a:1\nCOPPY x /y\n', 'FROM a:1\nCOPY x /y\n'],
  ['berth/missing-arguments', 'FROM a:1\nWORKDIR\n', 'FROM a:1\nWORKDIR /x\n'],
  ['berth/missing-arguments', 'FROM a:1\nCOPY onlyone\n', 'FROM a:1\nCOPY <<EOF /x\nhi\nEOF\n'],
  ['berth/extra-arguments', 'FROM a:1 b\n', 'FROM a:1 AS b\n'],
  ['berth/stage-name', 'FROM a:1 AS 1st\n', 'FROM a:1 AS first\n'],
  ['berth/unknown-flag', 'FROM a:1\nCOPY --form=x a /b\n', 'FROM a:1 AS x\nFROM a:1\nCOPY --from=x a /b\n'],
  ['berth/flag-value', 'FROM a:1\nRUN --network=bridge true\n', 'FROM a:1\nRUN --network=none true\n'],
  ['berth/duration', 'FROM a:1\nHEALTHCHECK --interval=5 CMD true\n', 'FROM a:1\nHEALTHCHECK --interval=5s CMD true\n'],
  ['berth/mount-type', 'FROM a:1\nRUN --mount=type=cash,target=/c true\n', 'FROM a:1\nRUN --mount=type=cache,target=/c true\n'],
  ['berth/mount-key', 'FROM a:1\nRUN --mount=type=cache,traget=/c true\n', 'FROM a:1\nRUN --mount=type=cache,dst=/c true\n'],
  ['berth/mount-value', 'FROM a:1\nRUN --mount=type=cache,target=/c,sharing=exclusive true\n', 'FROM a:1\nRUN --mount=type=cache,target=/c,sharing=locked true\n'],
  ['berth/copy-from', 'FROM a:1 AS builder\nFROM a:1\nCOPY --from=buidler /x /y\n', 'FROM a:1 AS builder\nFROM a:1\nCOPY --from=nginx:1 /x /y\n'],
  ['berth/expose', 'FROM a:1\nEXPOSE 80/http 70000\n', 'FROM a:1\nEXPOSE 80/tcp 8000-8010 $PORT\n'],
  ['berth/invalid-escape', '# escape=x\nFROM a:1\n', '# escape=`\nFROM a:1\n'],
  ['berth/unterminated-heredoc', 'FROM a:1\nRUN <<EOF\necho\n', 'FROM a:1\nRUN <<EOF\necho\nEOF\n'],
  ['berth/shell-json', 'FROM a:1\nSHELL /bin/bash -c\n', 'FROM a:1\nSHELL ["/bin/bash", "-c"]\n'],
  ['berth/check-directive', '# check=skipp=all\nFROM a:1\n', '# check=skip=all\nFROM a:1\n'],
  ['berth/unpinned-base-image', 'FROM node\n', 'FROM node:22\n'],
  ['berth/latest-base-image', 'FROM node:latest\n', 'FROM node@sha256:' + 'a'.repeat(64) + '\n'],
  ['berth/apt-no-install-recommends', 'FROM debian:12\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n', 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n'],
  ['berth/apt-lists-not-cleaned', 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n', 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get install -y --no-install-recommends curl\n'],
  ['berth/apt-upgrade', 'FROM debian:12\nRUN apt-get upgrade -y\n', 'FROM debian:12\nRUN apt-get update\n'],
  ['berth/add-instead-of-copy', 'FROM a:1\nADD app /app\n', 'FROM a:1\nADD app.tar.gz /app\n'],
  ['berth/add-url-checksum', 'FROM a:1\nADD https://example.com/x.tgz /x\n', 'FROM a:1\nADD --checksum=sha256:' + 'a'.repeat(64) + ' https://example.com/x.tgz /x\n'],
  ['berth/curl-pipe-shell', 'FROM a:1\nRUN curl -fsSL https://x.sh | sh\n', 'FROM a:1\nRUN curl -fsSLo x.sh https://x.sh && sha256sum -c x.sum && sh x.sh\n'],
  ['berth/cd-in-run', 'FROM a:1\nRUN cd /app && make\n', 'FROM a:1\nWORKDIR /app\nRUN make\n'],
  ['berth/copy-all-before-install', 'FROM node:22\nCOPY . .\nRUN npm ci\n', 'FROM node:22\nCOPY package.json .\nRUN npm ci\nCOPY . .\n'],
  ['berth/root-final-stage', 'FROM node:22\nCMD ["node"]\n', 'FROM node:22\nUSER node\nCMD ["node"]\n'],
  ['berth/sudo', 'FROM a:1\nRUN sudo make install\n', 'FROM a:1\nRUN make install\n'],
];

describe('Berth rules: errors and good practice', () => {
  itFiresAndStaysQuiet(cases, codes);

  it('offers the stage a COPY --from typo meant', () => {
    const text = 'FROM a:1 AS builder\nFROM a:1\nCOPY --from=buidler /x /y\n';
    const f = lintDockerfile(text).find((x) => x.code === 'berth/copy-from');
    assert.match(f?.message ?? '', /Did you mean "builder"/);
    assert.equal(applyEdits(text, f?.fixes?.[0]?.edits ?? []), 'FROM a:1 AS builder\nFROM a:1\nCOPY --from=builder /x /y\n');
  });

  it('counts two swapped letters as one typo: biuld means build, RNU means RUN', () => {
    const text = 'FROM a:1 AS build\nFROM a:1\nCOPY --from=biuld /x /y\nRNU true\n';
    const found = lintDockerfile(text);
    assert.match(found.find((x) => x.code === 'berth/copy-from')?.message ?? '', /Did you mean "build"/);
    assert.match(found.find((x) => x.code === 'berth/unknown-instruction')?.message ?? '', /Did you mean RUN\?/);
    assert.equal(editDistance('biuld', 'build'), 2);
    assert.equal(editDistance('biuld', 'build', true), 1);
    assert.equal(editDistance('ca', 'abc', true), 3, 'optimal string alignment: no edit of a swapped pair');
  });

  it('quick fixes of BuildKit checks are exact', () => {
    const fix = (text: string, code: string): string => applyEdits(text, lintDockerfile(text).find((f) => f.code === code)?.fixes?.[0]?.edits ?? []);
    assert.equal(fix('FROM a:1 as b\n', 'FromAsCasing'), 'FROM a:1 AS b\n');
    assert.equal(fix('FROM a:1\nENV A hello world\n', 'LegacyKeyValueFormat'), 'FROM a:1\nENV A="hello world"\n');
    assert.equal(fix('FROM a:1\nMAINTAINER Me <me@x.org>\n', 'MaintainerDeprecated'), 'FROM a:1\nLABEL org.opencontainers.image.authors="Me <me@x.org>"\n');
    assert.equal(fix('FROM --platform=$TARGETPLATFORM a:1\n', 'RedundantTargetPlatform'), 'FROM a:1\n');
    assert.equal(fix('FROM a:1\nEXPOSE 53/UDP\n', 'ExposeProtoCasing'), 'FROM a:1\nEXPOSE 53/udp\n');
    assert.equal(fix('FROM a:1\nrun x\nRUN y\nRUN z\n', 'ConsistentInstructionCasing'), 'FROM a:1\nRUN x\nRUN y\nRUN z\n');
    assert.equal(fix('FROM a:1\nADD app /app\n', 'berth/add-instead-of-copy'), 'FROM a:1\nCOPY app /app\n');
  });

  it('berth/add-url-checksum: a git source is pinned by commit, never by sha256', () => {
    const findings = (text: string) => lintDockerfile(text).filter((f) => f.code === 'berth/add-url-checksum');
    // A ref from a build arg or a commit id: nothing to say.
    for (const quiet of [
      'FROM a:1\nARG V=v1.2.3\nADD https://github.com/go-delve/delve.git?ref=${V}&keep-git-dir=1 .\n',
      'FROM a:1\nARG V=1\nADD https://github.com/x/util.git?commit=${V}&keep-git-dir=1 .\n',
      'FROM a:1\nARG V=1\nADD "https://github.com/alpinelinux/aports.git#${V}" aports\n',
      'FROM a:1\nADD https://github.com/x/y.git#' + 'c'.repeat(40) + ' /src\n',
      'FROM a:1\nADD https://github.com/x/y.git?ref=' + 'c'.repeat(40) + ' /src\n',
      'FROM a:1\nADD --checksum=' + 'c'.repeat(40) + ' https://github.com/x/y.git?ref=v1 /src\n',
    ]) {
      assert.deepEqual(findings(quiet), [], quiet);
    }
    // A tag, a branch or no ref at all can move: suggest a commit, not a sha256 digest.
    for (const [text, what] of [
      ['FROM a:1\nADD https://github.com/x/y.git?ref=v1.2&keep-git-dir=1 /src\n', /`v1\.2`/],
      ['FROM a:1\nADD git@github.com:x/y.git#main /src\n', /`main`/],
      ['FROM a:1\nADD https://github.com/x/y.git /src\n', /default branch/],
    ] as const) {
      const [f] = findings(text);
      assert.ok(f, text);
      assert.match(f.message, what);
      assert.match(f.message, /--checksum=<commit/);
      assert.doesNotMatch(f.message, /sha256/);
    }
    assert.match(findings('FROM a:1\nADD https://example.com/x.tgz /x\n')[0]?.message ?? '', /--checksum=sha256:/, 'plain downloads keep the digest advice');
  });

  it('lets settings turn rules off', () => {
    const text = 'FROM node\nRUN sudo make\n';
    assert.ok(lintDockerfile(text).some((f) => f.code === 'berth/sudo'));
    assert.ok(!lintDockerfile(text, { settings: { disabled: ['berth/sudo'] } }).some((f) => f.code === 'berth/sudo'));
    assert.ok(!lintDockerfile(text, { settings: { practice: false } }).some((f) => f.source === 'berth' && f.severity !== 'error'));
  });
});
