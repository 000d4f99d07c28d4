import * as assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/language/dockerfile/parser';

describe('parser: ranges, directives, heredocs', () => {
  it('gives exact 0-based ranges for keyword, flags and words across continuations', () => {
    const df = parseDockerfile('FROM alpine\nRUN --mount=type=cache,target=/root/.cache \\\n  # a comment inside\n  pip install x\n');
    const run = df.instructions[1]!;
    assert.deepEqual(run.keywordRange, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
    assert.equal(run.flags[0]!.name, 'mount');
    assert.equal(run.flags[0]!.value, 'type=cache,target=/root/.cache');
    assert.deepEqual(run.flags[0]!.valueRange, { start: { line: 1, character: 12 }, end: { line: 1, character: 42 } });
    assert.deepEqual(run.words.map((w) => w.text), ['pip', 'install', 'x']);
    assert.deepEqual(run.words[2]!.range, { start: { line: 3, character: 14 }, end: { line: 3, character: 15 } });
    assert.equal(run.range.end.line, 3);
  });

  it('reads directives and the escape token only at the top', () => {
    const df = parseDockerfile('# syntax=docker/dockerfile:1\n# escape=`\nFROM x\nRUN a `\n  b\n# escape=\\\n');
    assert.deepEqual(df.directives.map((d) => [d.name, d.value]), [['syntax', 'docker/dockerfile:1'], ['escape', '`']]);
    assert.equal(df.escapeChar, '`');
    assert.equal(df.instructions[1]!.argsText, 'a   b');
  });

  it('rejects a bad escape directive and a duplicate directive', () => {
    assert.equal(parseDockerfile('# escape=x\nFROM a\n').errors[0]!.code, 'invalid-escape');
    assert.equal(parseDockerfile('# syntax=a\n# syntax=b\nFROM a\n').errors[0]!.code, 'duplicate-directive');
  });

  it('reads heredocs: several per line, <<- and quoted delimiters', () => {
    const df = parseDockerfile('FROM x\nCOPY <<A <<"B" /dst/\none\nA\n\ttwo $X\n\tB\nRUN <<-EOT sh\n\techo hi\n\tEOT\nRUN echo after\n');
    const copy = df.instructions[1]!;
    assert.deepEqual(copy.heredocs.map((h) => [h.name, h.expand]), [['A', true], ['B', false]]);
    assert.equal(copy.heredocs[0]!.content, 'one\n');
    assert.equal(df.errors[0]!.code, 'unterminated-heredoc', 'B is not closed by a tab-indented line without <<-');
  });

  it('closes <<- heredocs on tab-indented terminators and reports unterminated ones', () => {
    const df = parseDockerfile('FROM x\nRUN <<-EOT sh\n\techo hi\n\tEOT\nRUN echo after\n');
    assert.deepEqual(df.errors, []);
    assert.equal(df.instructions.length, 3);
    assert.equal(df.instructions[1]!.heredocs[0]!.content, '\techo hi\n');
    assert.equal(df.instructions[1]!.range.end.line, 3);
    const bad = parseDockerfile('FROM x\nRUN <<EOF\necho\n');
    assert.equal(bad.errors[0]!.code, 'unterminated-heredoc');
  });

  it('tells JSON from shell form and keeps the ONBUILD trigger', () => {
    const df = parseDockerfile('FROM x\nCMD ["a", "b"]\nCMD a b\nONBUILD RUN ["x"]\n');
    assert.deepEqual(df.instructions[1]!.json, ['a', 'b']);
    assert.equal(df.instructions[2]!.json, undefined);
    assert.equal(df.instructions[3]!.trigger!.name, 'RUN');
    assert.deepEqual(df.instructions[3]!.trigger!.json, ['x']);
  });

  it('collects the comments above an instruction; an empty line or a bare # resets them', () => {
    const df = parseDockerfile('# one\n# two\nFROM x\n# lost\n\nARG a\n# kept\nARG b\n');
    assert.deepEqual(df.instructions.map((i) => i.comments), [['one', 'two'], [], ['kept']]);
  });
});
