/** The delay before a lint follows what linting the document costs, instead of one fixed debounce. */
import * as assert from 'node:assert/strict';
import { IMMEDIATE_BELOW_MS, lintDelay, MAX_DELAY_MS, nextCost } from '../../src/language/lintDelay';

describe('lint delay', () => {
  it('lints a cheap document on the next tick: a 2,000-line Dockerfile costs about 5 ms', () => {
    assert.equal(lintDelay(undefined), 0, 'not measured yet');
    assert.equal(lintDelay(0.3), 0);
    assert.equal(lintDelay(5), 0);
    assert.equal(lintDelay(12), 0, 'the same file on a busy machine');
    assert.equal(lintDelay(IMMEDIATE_BELOW_MS - 0.1), 0);
  });

  it('makes a costly document wait in proportion to its cost, up to a second', () => {
    assert.equal(lintDelay(20), 40);
    assert.equal(lintDelay(IMMEDIATE_BELOW_MS), 2 * IMMEDIATE_BELOW_MS);
    assert.equal(lintDelay(100), 200);
    assert.ok(lintDelay(200) > lintDelay(100));
    assert.equal(lintDelay(5000), MAX_DELAY_MS);
  });

  it('never delays a lint on a worker whose queue keeps only the newest request per file', () => {
    assert.equal(lintDelay(20, true), 0);
    assert.equal(lintDelay(5000, true), 0);
    assert.equal(lintDelay(5000, false), MAX_DELAY_MS);
  });

  it('follows recent measurements without one odd lint deciding', () => {
    assert.equal(nextCost(undefined, 40), 40);
    assert.equal(nextCost(40, 2), 21);
    let cost = 300; // a cold first lint
    for (let i = 0; i < 6; i++) cost = nextCost(cost, 2);
    assert.equal(lintDelay(cost), 0, 'warm lints bring the delay back to the next tick');
  });
});
