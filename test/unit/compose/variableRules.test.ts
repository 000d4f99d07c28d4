import * as assert from 'node:assert/strict';
import { lacksValue, parseDotEnv, scanInterpolation } from '../../../src/language/compose/interpolation';
import { covered, lint, withCode, yaml } from './helpers';

describe('compose interpolation', () => {
  it('finds every form of reference, nested defaults and escapes', () => {
    const { refs, errors } = scanInterpolation('$$A $B ${C} ${D:-x} ${E-${F}} ${G:?need G} ${H+alt} $ 1');
    assert.deepEqual(errors, []);
    assert.deepEqual(
      refs.map((r) => [r.name, r.operator ?? '', r.colon]),
      [
        ['B', '', false],
        ['C', '', false],
        ['D', '-', true],
        ['E', '-', false],
        ['F', '', false],
        ['G', '?', true],
        ['H', '+', false],
      ],
    );
    const f = refs.find((r) => r.name === 'F')!;
    assert.equal('$$A $B ${C} ${D:-x} ${E-${F}}'.slice(f.start, f.end), '${F}');
  });

  it('reports syntax errors', () => {
    assert.match(scanInterpolation('${A').errors[0]!.message, /no closing/);
    assert.match(scanInterpolation('${}').errors[0]!.message, /Empty/);
    assert.match(scanInterpolation('${1A}').errors[0]!.message, /Invalid interpolation/);
    assert.match(scanInterpolation('${A!x}').errors[0]!.message, /Invalid interpolation/);
  });

  it('knows which references lack a value', () => {
    const env = new Map([['SET', 'v'], ['EMPTY', '']]);
    const ref = (t: string) => scanInterpolation(t).refs[0]!;
    assert.equal(lacksValue(ref('${UNSET}'), env), true);
    assert.equal(lacksValue(ref('${SET}'), env), false);
    assert.equal(lacksValue(ref('${EMPTY}'), env), false);
    assert.equal(lacksValue(ref('${EMPTY:?x}'), env), true);
    assert.equal(lacksValue(ref('${UNSET:-d}'), env), false);
    assert.equal(lacksValue(ref('${UNSET:+d}'), env), false);
  });

  it('reads .env like Compose', () => {
    const env = parseDotEnv('# c\nA=1\nexport B="two words"\nC=\'$lit\'\nD=x # comment\nE\n');
    assert.deepEqual([...env], [['A', '1'], ['B', 'two words'], ['C', '$lit'], ['D', 'x'], ['E', '']]);
  });

  it('warns about unset variables without default, reading .env beside the file and the environment', () => {
    const text = yaml('services:', '  web:', '    image: "nginx:${TAG}"', '    command: sh -c "echo $$HOME ${FROM_ENV} ${DEF:-x}"', '    user: ${FROM_DOTENV}', '    hostname: ${NEEDED:?set NEEDED}');
    const found = withCode(lint(text, { '.env': 'FROM_DOTENV=me\n' }, { FROM_ENV: '1' }), 'compose/unset-variable');
    assert.deepEqual(found.map((f) => covered(text, f)), ['${TAG}', '${NEEDED:?set NEEDED}']);
    assert.equal(found[0]!.severity, 'warning');
    assert.match(found[1]!.message, /Required variable `NEEDED` is not set \("set NEEDED"\)/);
  });

  it('reports interpolation syntax errors at their range, in block scalars too', () => {
    const text = yaml('services:', '  web:', '    image: x', '    command: |', '      echo ${BROKEN', '      echo ok');
    const [f] = withCode(lint(text), 'compose/interpolation-syntax');
    assert.equal(covered(text, f!), '${BROKEN');
    assert.equal(f!.range.start.line, 4);
  });
});

describe('compose version', () => {
  it('hints that version is obsolete and offers to remove the line', () => {
    const text = yaml('version: "3.8"', 'services:', '  web:', '    image: x');
    const [f] = withCode(lint(text), 'compose/obsolete-version');
    assert.equal(f!.severity, 'hint');
    assert.deepEqual(f!.fixes![0]!.edits[0]!.range, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
    assert.deepEqual(withCode(lint(yaml('services:', '  web:', '    image: x')), 'compose/obsolete-version'), []);
  });
});
