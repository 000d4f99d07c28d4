/**
 * BuildKit's own parser suite (moby/buildkit frontend/dockerfile/parser/testfiles): Berth's parse,
 * dumped the way BuildKit's Node.Dump() does, must equal every `result` file, and every
 * testfiles-negative case must be rejected.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Instruction } from '../../../src/language/dockerfile/ast';
import { nodeArgs } from '../../../src/language/dockerfile/nodeArgs';
import { parseDockerfile } from '../../../src/language/dockerfile/parser';
import { corpusPath, listDirs } from './corpus';

/** Go's strconv.Quote for the strings in the suite. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (ch === '\x07') out += '\\a';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

function dump(inst: Instruction, escape: string): string {
  let s = inst.keyword.toLowerCase();
  if (inst.flags.length > 0) s += ' [' + inst.flags.map((f) => goQuote('--' + f.name + (f.value === undefined ? '' : '=' + f.value))).join(' ') + ']';
  if (inst.name === 'ONBUILD') {
    if (inst.trigger) s += ' (' + dump(inst.trigger, escape) + ')';
    return s;
  }
  const args = nodeArgs(inst.name, inst.argsText, escape);
  if ('values' in args) for (const v of args.values) s += ' ' + goQuote(v);
  return s;
}

/** BuildKit's parser testfiles and testfiles-negative as copied: fewer means the data went missing. */
const MIN_CASES = 33;
const MIN_NEGATIVES = 4;

describe('parser: BuildKit parser suite', () => {
  const root = corpusPath('dockerfile-parser');
  let agreed = 0;
  let rejected = 0;
  const cases = listDirs(path.join(root, 'testfiles'));
  const negatives = listDirs(path.join(root, 'testfiles-negative'));

  it(`has at least ${MIN_CASES} cases and ${MIN_NEGATIVES} negative cases`, () => {
    assert.ok(cases.length >= MIN_CASES, `${root}/testfiles holds ${cases.length} cases, expected at least ${MIN_CASES}`);
    assert.ok(negatives.length >= MIN_NEGATIVES, `${root}/testfiles-negative holds ${negatives.length} cases, expected at least ${MIN_NEGATIVES}`);
  });

  for (const name of cases) {
    it(`agrees with BuildKit on ${name}`, () => {
      const dir = path.join(root, 'testfiles', name);
      const df = parseDockerfile(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'));
      assert.deepEqual(df.errors, [], 'BuildKit parses this file');
      const got = df.instructions.map((i) => '(' + dump(i, df.escapeChar) + ')').join('\n') + '\n';
      assert.equal(got, fs.readFileSync(path.join(dir, 'result'), 'utf8'));
      agreed++;
    });
  }
  for (const name of negatives) {
    it(`rejects ${name} as BuildKit does`, () => {
      const df = parseDockerfile(fs.readFileSync(path.join(root, 'testfiles-negative', name, 'Dockerfile'), 'utf8'));
      assert.ok(df.errors.length > 0, 'expected a parse error');
      rejected++;
    });
  }
  after(() => {
    console.log(`      BuildKit parser suite: ${agreed}/${cases.length} cases agree, ${rejected}/${negatives.length} negative cases rejected`);
  });
});
