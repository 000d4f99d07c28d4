/**
 * Image history rows mapped back to Dockerfile lines, pinned on `docker history` recorded from an
 * image the 20.10 daemon's BuildKit built (test/fixtures/build/history.*). BuildKit records each
 * instruction's text (`RUN |1 GREETING=hi /bin/sh -c … # buildkit`), never its line.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { historyInstruction, historyLines } from '../../../src/build/historyLines';
import { buildModel } from '../../../src/language/dockerfile/model';
import { parseDockerfile } from '../../../src/language/dockerfile/parser';

const fixtures = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'build');
const model = buildModel(parseDockerfile(readFileSync(path.join(fixtures, 'history.Dockerfile'), 'utf8')));
const rows = readFileSync(path.join(fixtures, 'history.docker-history-20.10.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((createdBy) => ({ createdBy }));

describe('image history to Dockerfile lines', () => {
  it('maps every layer the recorded build made to its line, across the stage it builds on', () => {
    // CMD, EXPOSE, LABEL, RUN (2 lines), COPY in `final`; RUN, WORKDIR, ENV, ARG in `base`.
    assert.deepEqual(historyLines(rows, model), [12, 11, 10, 8, 7, 4, 3, 2, 1]);
  });

  it('reads BuildKit\'s RUN form: the build-arg prefix and the shell go', () => {
    assert.deepEqual(historyInstruction('RUN |1 GREETING=hi /bin/sh -c echo "$GREETING" > /greeting # buildkit'), { name: 'RUN', args: 'echo "$GREETING" > /greeting' });
    assert.deepEqual(historyInstruction('/bin/sh -c #(nop)  CMD ["sh"]'), { name: 'CMD', args: '["sh"]' });
    assert.equal(historyInstruction(''), undefined);
  });

  it('leaves rows from the base image, or of another file, without a line', () => {
    const other = [{ createdBy: 'RUN /bin/sh -c apk add curl # buildkit' }, ...rows, { createdBy: 'Imported from -' }];
    const lines = historyLines(other, model);
    assert.equal(lines[0], undefined);
    assert.equal(lines[lines.length - 1], undefined);
    assert.equal(lines[1], 12);
  });

  it('maps only the named stage\'s chain', () => {
    const base = historyLines(rows, model, 'base');
    assert.deepEqual(base.slice(0, 5), [undefined, undefined, undefined, undefined, undefined]);
    assert.deepEqual(base.slice(5), [4, 3, 2, 1]);
    assert.deepEqual(historyLines(rows, model, 'nope'), rows.map(() => undefined));
  });
});
