/**
 * The pieces the Dockerfile analysis shares between rules: --mount reading, the per-analysis memo,
 * the instruction under a line, and words split on first use.
 */
import * as assert from 'node:assert/strict';
import { ListBuffer } from '../../../src/language/dockerfile/list';
import { buildModel } from '../../../src/language/dockerfile/model';
import { parseMount } from '../../../src/language/dockerfile/mount';
import { parseDockerfile } from '../../../src/language/dockerfile/parser';
import { instructionAt } from '../../../src/language/dockerfile/scope';
import { splitWords } from '../../../src/language/dockerfile/words';

describe('--mount values', () => {
  it('reads keys (aliases resolved, case folded), values and offsets', () => {
    const m = parseMount('type=cache,Dst=/root/.npm,sharing=locked');
    assert.equal(m.type, 'cache');
    assert.deepEqual(
      m.options.map((o) => [o.key, o.canonical, o.value, o.start, o.end]),
      [
        ['type', 'type', 'cache', 0, 10],
        ['dst', 'target', '/root/.npm', 11, 25],
        ['sharing', 'sharing', 'locked', 26, 40],
      ],
    );
    assert.equal(m.get('target'), '/root/.npm');
    assert.equal(m.get('id'), undefined);
  });

  it('defaults to a bind mount, skips blank options and keeps a lone "=" as an empty key', () => {
    assert.equal(parseMount('target=/x').type, 'bind');
    assert.deepEqual(parseMount('type=tmpfs,, ,target=/t').options.map((o) => o.key), ['type', 'target']);
    assert.deepEqual(parseMount(' = ').options.map((o) => [o.key, o.value]), [['', ' ']]);
  });

  it('keeps commas inside quotes and removes the quotes around a value', () => {
    const m = parseMount('type=secret,id="a,b",target=\'/run/s\'');
    assert.deepEqual(m.options.map((o) => o.value), ['secret', 'a,b', '/run/s']);
    assert.equal(parseMount('id=""').get('id'), '');
    assert.equal(parseMount('id="a').get('id'), undefined, 'an unterminated quote runs to the end: no option is read');
  });
});

describe('the per-analysis memo', () => {
  const df = parseDockerfile('FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl && cd /x\n');
  const run = df.instructions[1]!;

  it('works out a RUN’s commands and mounts once per model', () => {
    const model = buildModel(df);
    assert.equal(model.memo.runCommands(run), model.memo.runCommands(run));
    assert.deepEqual(model.memo.runCommands(run).map((c) => c.words[0]), ['apk', 'cd']);
    assert.equal(model.memo.mount(run.flags[0]!), model.memo.mounts(run.flags)[0]);
    assert.notEqual(buildModel(df).memo.runCommands(run), model.memo.runCommands(run), 'a new analysis starts afresh');
  });

  it('places a command’s range in the document only when asked', () => {
    const cd = buildModel(df).memo.runCommands(run)[1]!;
    assert.deepEqual(cd.range, { start: { line: 1, character: 61 }, end: { line: 1, character: 66 } });
  });
});

describe('instructionAt', () => {
  const df = parseDockerfile('# comment\nFROM a\n\nRUN x \\\n  y\nCOPY <<EOF /f\nbody\nEOF\n\nUSER 1\n');

  it('finds the instruction holding a line, continuation and heredoc lines included', () => {
    const at = (line: number): string | undefined => instructionAt(df, line)?.name;
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(at), [undefined, 'FROM', undefined, 'RUN', 'RUN', 'COPY', 'COPY', 'COPY', undefined, 'USER', undefined]);
  });

  it('finds nothing in an empty file', () => {
    assert.equal(instructionAt(parseDockerfile(''), 0), undefined);
  });
});

describe('instruction words', () => {
  it('are split on first use, the same as BuildKit’s parseWords, and kept', () => {
    const text = 'FROM a\nRUN echo "a b" \\\n  c\\ d \'e f\'\n';
    const run = parseDockerfile(text).instructions[1]!;
    assert.deepEqual(run.words.map((w) => w.text), splitWords(run.argsText, '\\').map((w) => w.text));
    assert.equal(run.words, run.words);
    assert.deepEqual(run.words[2]!.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 6 } });
  });
});

describe('ListBuffer', () => {
  it('hands over what was pushed, in order, in a fresh array each time, and starts empty again', () => {
    const buffer = new ListBuffer<number>();
    [1, 2, 3].forEach((n) => buffer.push(n));
    const a = buffer.take();
    buffer.push(4);
    const b = buffer.take();
    assert.deepEqual(a, [1, 2, 3]);
    assert.deepEqual(b, [4]);
    assert.deepEqual(buffer.take(), []);
    a.push(9);
    assert.deepEqual(b, [4], 'lists taken do not share storage');
  });
});
