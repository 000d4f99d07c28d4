import * as assert from 'node:assert/strict';
import { splitCommandLine } from '../../../src/shell/commandLine';

describe('splitCommandLine', () => {
  it('splits on runs of spaces', () => {
    assert.deepEqual(splitCommandLine('  ls   -l /  '), ['ls', '-l', '/']);
  });
  it('keeps quoted words whole, without their quotes', () => {
    assert.deepEqual(splitCommandLine(`echo "a b" 'c "d"' "e \\"f\\""`), ['echo', 'a b', 'c "d"', 'e "f"']);
  });
  it('passes $(…) and backticks through as text', () => {
    assert.deepEqual(splitCommandLine('echo $(id) `id`'), ['echo', '$(id)', '`id`']);
  });
  it('gives nothing for an empty line', () => {
    assert.deepEqual(splitCommandLine('   '), []);
  });
});
