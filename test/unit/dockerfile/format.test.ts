/** Formatting: casing and continuation indentation, and never a change of meaning (checked on the corpus). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Instruction } from '../../../src/language/dockerfile/ast';
import { applyEdits } from '../../../src/language/dockerfile/applyEdits';
import { formatDockerfile } from '../../../src/language/dockerfile/format';
import { parseDockerfile } from '../../../src/language/dockerfile/parser';
import { corpusPath } from './corpus';

const format = (text: string): string => applyEdits(text, formatDockerfile(parseDockerfile(text)));

/** What an instruction means to BuildKit and the shell: name, flags, words (FROM's AS in any case), JSON, heredoc bodies. */
function meaning(i: Instruction): unknown {
  const words = i.words.map((w, n) => (i.name === 'FROM' && n === 1 && w.text.toLowerCase() === 'as' ? 'as' : w.text));
  return [i.name, i.flags.map((f) => [f.name, f.value]), words, i.json, i.heredocs.map((h) => h.content), i.trigger && meaning(i.trigger)];
}

describe('formatting', () => {
  it('upper-cases instructions and AS, and indents continuation lines', () => {
    assert.equal(format('from a:1 as b\nrun apt-get update && \\\n  apt-get install -y x \\\n\t&& true\nonbuild run make\n'), 'FROM a:1 AS b\nRUN apt-get update && \\\n    apt-get install -y x \\\n    && true\nONBUILD RUN make\n');
  });

  it('leaves alone what whitespace would change: quotes, joined words, legacy ENV, heredocs', () => {
    const text = 'FROM a:1\nRUN echo "a \\\n  b"\nRUN echo good\\\nnight\nENV A hello \\\n  world\nRUN <<EOF\n  indented\nEOF\n';
    assert.equal(format(text), text);
  });

  it('never changes meaning on the corpus', () => {
    const dir = corpusPath('dockerfiles');
    for (const name of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const before = parseDockerfile(text);
      const after = parseDockerfile(format(text));
      assert.deepEqual(after.instructions.map(meaning), before.instructions.map(meaning), name);
      assert.equal(format(format(text)), format(text), `${name}: formatting twice changes nothing more`);
    }
  });
});
