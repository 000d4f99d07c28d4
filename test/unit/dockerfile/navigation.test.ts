/** Definition, references and rename for stages and variables. */
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../src/language/dockerfile/applyEdits';
import { buildModel } from '../../../src/language/dockerfile/model';
import { occurrencesAt, renameEdits } from '../../../src/language/dockerfile/navigation';
import { parseDockerfile } from '../../../src/language/dockerfile/parser';

const TEXT = [
  'ARG BASE=alpine:3.20',
  'FROM $BASE AS build',
  'ARG VERSION=1',
  'ENV APP=/app/${VERSION}',
  'RUN --mount=type=cache,target=/c,from=build echo $VERSION $VERSIONS',
  'FROM build AS test',
  'FROM scratch',
  'COPY --from=build /app /app',
  '',
].join('\n');

function at(line: number, character: number) {
  const df = parseDockerfile(TEXT);
  return { df, model: buildModel(df), p: { line, character } };
}

describe('navigation', () => {
  it('finds a stage from its definition and from every kind of reference', () => {
    for (const [line, ch] of [[1, 16], [5, 6], [7, 14], [4, 40]] as const) {
      const { df, model, p } = at(line, ch);
      const occ = occurrencesAt(df, model, p);
      assert.equal(occ?.kind, 'stage', `at ${line}:${ch}`);
      assert.deepEqual(occ?.definition, { start: { line: 1, character: 14 }, end: { line: 1, character: 19 } });
      assert.deepEqual(occ?.references.map((r) => `${r.start.line}:${r.start.character}`).sort(), ['4:38', '5:5', '7:12']);
    }
  });

  it('finds a variable: definition in scope and references, not longer names', () => {
    const { df, model, p } = at(4, 52);
    const occ = occurrencesAt(df, model, p);
    assert.equal(occ?.name, 'VERSION');
    assert.deepEqual(occ?.definition, { start: { line: 2, character: 4 }, end: { line: 2, character: 11 } });
    assert.deepEqual(occ?.references.map((r) => `${r.start.line}:${r.start.character}`), ['3:15', '4:50']);
    const global = occurrencesAt(df, model, { line: 1, character: 7 });
    assert.deepEqual(global?.definition, { start: { line: 0, character: 4 }, end: { line: 0, character: 8 } });
  });

  it('renames a stage and a variable everywhere they are used', () => {
    const { df, model } = at(0, 0);
    const stage = applyEdits(TEXT, renameEdits(df, model, { line: 7, character: 14 }, 'compile') ?? []);
    assert.match(stage, /FROM \$BASE AS compile\n/);
    assert.match(stage, /from=compile echo/);
    assert.match(stage, /FROM compile AS test/);
    assert.match(stage, /COPY --from=compile \/app/);
    const variable = applyEdits(TEXT, renameEdits(df, model, { line: 2, character: 6 }, 'APP_VERSION') ?? []);
    assert.match(variable, /ARG APP_VERSION=1\nENV APP=\/app\/\$\{APP_VERSION\}/);
    assert.match(variable, /echo \$APP_VERSION \$VERSIONS/);
  });
});
