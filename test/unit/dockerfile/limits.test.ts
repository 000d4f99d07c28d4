/**
 * Dockerfiles built to blow the linter up: long stage chains (cubic before), `${A:-…}` nested
 * thousands deep (a stack overflow before). Each lints to an answer; the mocha timeout is only a
 * hang guard (the figures are in `npm run bench`).
 */
import * as assert from 'node:assert/strict';
import { lintDockerfile } from '../../../src/language/dockerfile/lint';

const codes = (text: string): string[] => lintDockerfile(text).map((f) => f.code);

describe('Dockerfile limits', function () {
  this.timeout(20_000);

  it('10,000 chained stages lint in linear time, ENV still inherited down the chain', () => {
    const lines = ['FROM scratch AS s0', 'ENV A=1'];
    for (let i = 1; i < 10_000; i++) lines.push(`FROM s${i - 1} AS s${i}`);
    lines.push('COPY $A $B /x');
    const undefinedVars = lintDockerfile(lines.join('\n') + '\n').filter((f) => f.code === 'UndefinedVar');
    assert.deepEqual(undefinedVars.map((f) => f.message), ["Usage of undefined variable '$B' (did you mean $A?)"]);
  });

  it('a stage sees the ENV of the stages it builds on, not of its siblings', () => {
    const text = ['FROM scratch AS base', 'ENV A=1', 'FROM base AS left', 'ENV B=1', 'FROM base AS right', 'COPY $A $B /x', 'FROM left', 'COPY $A $B /y'].join('\n') + '\n';
    const found = lintDockerfile(text).filter((f) => f.code === 'UndefinedVar');
    assert.deepEqual(found.map((f) => [f.range.start.line, f.message]), [[5, "Usage of undefined variable '$B' (did you mean $A?)"]]);
  });

  it('${A:-…} nested 1,500 and 100,000 deep: one finding, no stack overflow', () => {
    for (const depth of [1500, 100_000]) {
      const word = '${A:-'.repeat(depth) + 'x' + '}'.repeat(depth);
      const found = lintDockerfile(`FROM scratch\nARG A\nENV B=${word}\nCOPY ${word} /x\n`).filter((f) => f.code === 'berth/expansion-too-deep');
      assert.deepEqual(found.map((f) => f.range.start.line), [2, 3], String(depth));
      assert.match(found[0]!.message, new RegExp(`nested ${depth} deep`));
    }
    assert.ok(!codes('FROM scratch\nARG A\nENV B=' + '${A:-'.repeat(30) + 'x' + '}'.repeat(30) + '\n').includes('berth/expansion-too-deep'));
  });
});
