/** Chart line colours are nudged until they read against the theme's background (WCAG 3:1 for graphics). */
import * as assert from 'node:assert/strict';
import { contrastRatio, LINE_CONTRAST, parseColour, readableOn } from '../../../src/shared/colourContrast';

const ratio = (a: string, b: string): number => contrastRatio(parseColour(a)!, parseColour(b)!);

describe('chart line colours against the theme background', () => {
  it('reads the colour forms the workbench gives', () => {
    assert.deepEqual(parseColour('#D18616'), [209, 134, 22]);
    assert.deepEqual(parseColour('#fff'), [255, 255, 255]);
    assert.deepEqual(parseColour('#1e1e1ecc'), [30, 30, 30]);
    assert.deepEqual(parseColour('rgba(255, 255, 255, 0.12)'), [255, 255, 255]);
    assert.deepEqual(parseColour(' rgb(0 128 255) '), [0, 128, 255]);
    for (const bad of ['', 'orange', '#12', 'rgb(300, 0, 0)', 'var(--x)']) assert.equal(parseColour(bad), undefined, bad);
  });

  it("computes WCAG's contrast ratio", () => {
    assert.equal(ratio('#000000', '#ffffff'), 21);
    assert.equal(ratio('#777777', '#777777'), 1);
    assert.ok(Math.abs(ratio('#767676', '#ffffff') - 4.54) < 0.01);
  });

  it('keeps a colour that already reads, and darkens a faint one on a light background', () => {
    assert.equal(readableOn('#3794ff', '#1f1f1f'), '#3794ff');
    // Light Modern's charts.orange on its white editor: 2.95:1, just too faint.
    const orange = readableOn('#d18616', '#ffffff');
    assert.notEqual(orange, '#d18616');
    assert.ok(ratio(orange, '#ffffff') >= LINE_CONTRAST);
    assert.ok(ratio(orange, '#ffffff') < 4, 'no darker than it needs to be');
  });

  it('lightens a faint one on a dark background, and leaves what it cannot read alone', () => {
    const purple = readableOn('#652d90', '#1e1e1e');
    assert.ok(ratio(purple, '#1e1e1e') >= LINE_CONTRAST);
    assert.ok(ratio('#652d90', '#1e1e1e') < LINE_CONTRAST);
    assert.equal(readableOn('var(--x)', '#ffffff'), 'var(--x)');
    assert.equal(readableOn('#d18616', 'transparent'), '#d18616');
  });
});
