/** Completion in every context, and hover on instructions, flags, mount keys, variables and stages. */
import * as assert from 'node:assert/strict';
import { complete } from '../../../src/language/dockerfile/completion';
import { hover } from '../../../src/language/dockerfile/hover';
import { buildModel } from '../../../src/language/dockerfile/model';
import { parseDockerfile } from '../../../src/language/dockerfile/parser';

/** Completion labels at the `|` in `text`. */
function labels(textWithCursor: string, images: string[] = []): string[] {
  const at = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, at) + textWithCursor.slice(at + 1);
  const before = text.slice(0, at).split('\n');
  return complete(text, { line: before.length - 1, character: (before[before.length - 1] ?? '').length }, { images }).map((i) => i.label);
}

function hoverAt(textWithCursor: string): string | undefined {
  const at = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, at) + textWithCursor.slice(at + 1);
  const before = text.slice(0, at).split('\n');
  const df = parseDockerfile(text);
  return hover(df, buildModel(df), { line: before.length - 1, character: (before[before.length - 1] ?? '').length })?.contents;
}

describe('completion', () => {
  it('offers instructions with snippets at the start of a line', () => {
    const all = labels('FROM a:1\n|');
    assert.ok(['FROM', 'RUN', 'COPY', 'HEALTHCHECK', 'SHELL', 'ONBUILD'].every((i) => all.includes(i)));
    assert.ok(labels('FROM a:1\nRU|').includes('RUN'));
    const run = complete('', { line: 0, character: 0 }).find((i) => i.label === 'RUN');
    assert.equal(run?.snippet, true);
  });

  it('offers parser directives in the leading comments', () => {
    assert.deepEqual(labels('# |\nFROM a:1\n'), ['syntax', 'escape', 'check']);
    assert.deepEqual(labels('FROM a:1\n# |\n'), []);
  });

  it('offers every flag of the instruction', () => {
    assert.deepEqual(labels('FROM a:1\nRUN --|'), ['--mount', '--network', '--security']);
    assert.deepEqual(labels('FROM a:1\nCOPY --|'), ['--from', '--chown', '--chmod', '--link', '--parents', '--exclude']);
    assert.deepEqual(labels('FROM a:1\nADD --|'), ['--checksum', '--keep-git-dir', '--chown', '--chmod', '--link', '--exclude', '--unpack']);
    assert.deepEqual(labels('FROM --|'), ['--platform']);
    assert.deepEqual(labels('FROM a:1\nHEALTHCHECK --|'), ['--interval', '--timeout', '--start-period', '--start-interval', '--retries']);
    assert.deepEqual(labels('FROM a:1\nRUN echo --|'), [], 'no flags once the arguments started');
  });

  it('offers flag values', () => {
    assert.deepEqual(labels('FROM a:1\nRUN --network=|'), ['default', 'none', 'host']);
    assert.deepEqual(labels('FROM a:1\nRUN --security=|'), ['sandbox', 'insecure']);
    assert.ok(labels('FROM --platform=|').includes('$BUILDPLATFORM'));
  });

  it('offers --mount keys per type, and their values', () => {
    assert.deepEqual(labels('FROM a:1\nRUN --mount=type=|'), ['bind', 'cache', 'secret', 'ssh', 'tmpfs']);
    assert.deepEqual(labels('FROM a:1\nRUN --mount=type=cache,|'), ['target', 'id', 'sharing', 'from', 'source', 'mode', 'uid', 'gid', 'ro']);
    assert.deepEqual(labels('FROM a:1\nRUN --mount=type=cache,target=/x,|'), ['id', 'sharing', 'from', 'source', 'mode', 'uid', 'gid', 'ro']);
    assert.deepEqual(labels('FROM a:1\nRUN --mount=type=cache,sharing=|'), ['shared', 'private', 'locked']);
    assert.deepEqual(labels('FROM a:1\nRUN --mount=type=bind,|'), ['target', 'source', 'from', 'rw']);
    assert.deepEqual(labels('FROM a:1\nRUN --mount=type=secret,|'), ['id', 'target', 'env', 'required', 'mode', 'uid', 'gid']);
    assert.deepEqual(labels('FROM a:1\nRUN --mount=type=ssh,|'), ['id', 'target', 'required', 'mode', 'uid', 'gid']);
    assert.deepEqual(labels('FROM a:1\nRUN --mount=type=tmpfs,|'), ['target', 'size']);
  });

  it('offers earlier stage names after --from= and in FROM, with engine images and scratch', () => {
    const text = 'FROM a:1 AS build\nFROM b:1 AS test\nFROM c:1\nCOPY --from=|';
    assert.deepEqual(labels(text), ['build', 'test']);
    assert.deepEqual(labels('FROM a:1 AS build\nFROM |', ['nginx:1.27']), ['build', 'nginx:1.27', 'scratch']);
    assert.deepEqual(labels('FROM a:1 |'), ['AS']);
  });

  it('offers the variables in scope after $ and ${', () => {
    const text = 'ARG VERSION=1\nFROM a:$|';
    assert.ok(labels(text).includes('VERSION') && labels(text).includes('TARGETPLATFORM'));
    const inStage = 'ARG GLOBAL=1\nFROM a:1\nARG LOCAL=2\nENV HOME_DIR=/h\nRUN echo ${|';
    const got = labels(inStage);
    assert.ok(got.includes('LOCAL') && got.includes('HOME_DIR') && got.includes('BUILDARCH'));
    assert.ok(!got.includes('GLOBAL'), 'a global ARG is not in a stage until the stage declares it');
  });
});

describe('hover', () => {
  it('documents instructions, flags and mount keys', () => {
    assert.match(hoverAt('FROM a:1\nRU|N echo') ?? '', /\*\*RUN\*\*/);
    assert.match(hoverAt('FROM a:1\nRUN --netw|ork=none echo') ?? '', /--network/);
    assert.match(hoverAt('FROM a:1\nRUN --mount=type=cache,shar|ing=locked echo') ?? '', /sharing.*cache mount[\s\S]*shared, private, locked/);
    assert.match(hoverAt('FROM a:1\nRUN --mount=ty|pe=secret echo') ?? '', /type=secret/);
  });

  it("shows a variable's resolved value", () => {
    assert.match(hoverAt('FROM a:1\nARG V="1.2"\nENV P=/opt/$V\nWORKDIR $|P') ?? '', /\$P\*\* = `\/opt\/1\.2`/);
    assert.match(hoverAt('ARG TAG=3.20\nFROM alpine:$T|AG') ?? '', /\$TAG\*\* = `3.20`/);
    assert.match(hoverAt('FROM a:1\nCOPY $NO|PE /x') ?? '', /not defined/);
  });

  it("summarises a stage where it is named and used", () => {
    const text = 'FROM golang:1.22 AS build\nRUN go build\nFROM scratch\nCOPY --fr|om=build /app /app\n';
    assert.match(hoverAt(text) ?? '', /Stage `build`.*golang:1.22.*1 instruction/);
    assert.match(hoverAt('FROM golang:1.22 AS bu|ild\n') ?? '', /Stage `build`/);
  });
});

describe('outline and folding', () => {
  it('outlines global ARGs and one symbol per stage with its instructions; folds stages', async () => {
    const { documentSymbols, foldingRanges } = await import('../../../src/language/dockerfile/symbols');
    const df = parseDockerfile('ARG V=1\nFROM a:1 AS build\nRUN make\n\nFROM scratch\nCOPY --from=build /x /x\n');
    const model = buildModel(df);
    const symbols = documentSymbols(model);
    assert.deepEqual(symbols.map((s) => [s.kind, s.name, s.children.map((c) => c.name)]), [['arg', 'V', []], ['stage', 'build', ['RUN']], ['stage', 'stage 1', ['COPY']]]);
    assert.deepEqual(symbols[1]?.range, { start: { line: 1, character: 0 }, end: { line: 2, character: 8 } });
    assert.deepEqual(foldingRanges(df, model), [{ start: 1, end: 2 }, { start: 4, end: 5 }]);
  });
});
