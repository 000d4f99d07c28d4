/** The one shape of a rule's first test: it fires on one text and stays quiet on a near-identical one. */
import * as assert from 'node:assert/strict';

export type RuleCase = readonly [code: string, fires: string, quiet: string];

/** One mocha test per case; `codesIn` lists the codes reported on a text. */
export function itFiresAndStaysQuiet(cases: readonly RuleCase[], codesIn: (text: string) => string[]): void {
  for (const [code, fires, quiet] of cases) {
    it(`${code} fires and stays quiet`, () => {
      assert.ok(codesIn(fires).includes(code), `${code} should fire on:\n${fires}\ngot ${codesIn(fires).join(', ')}`);
      assert.ok(!codesIn(quiet).includes(code), `${code} should not fire on:\n${quiet}\ngot ${codesIn(quiet).join(', ')}`);
    });
  }
}
