/** ANSI colours become styled plain-text segments; every other escape is dropped; nothing is HTML. */
import * as assert from 'node:assert/strict';
import { applySgr, cssColor, parseAnsi, stripAnsi } from '../../../src/logs/ansi';

describe('ANSI rendering', () => {
  it('turns SGR colours and styles into segments', () => {
    assert.deepEqual(parseAnsi('plain \x1b[1;31mbold red\x1b[0m back \x1b[38;5;208morange\x1b[39m \x1b[48;2;1;2;3mrgb'), [
      { text: 'plain ', style: {} },
      { text: 'bold red', style: { bold: true, fg: 1 } },
      { text: ' back ', style: {} },
      { text: 'orange', style: { fg: 208 } },
      { text: ' ', style: {} },
      { text: 'rgb', style: { bg: { r: 1, g: 2, b: 3 } } },
    ]);
    assert.deepEqual(applySgr({}, '92;104;4;3;7;9'), { fg: 10, bg: 12, underline: true, italic: true, inverse: true, strike: true });
    assert.deepEqual(applySgr({ bold: true, dim: true, fg: 3 }, '22;39'), {});
    assert.deepEqual(applySgr({}, '38:2::255:128:0'), { fg: { r: 255, g: 128, b: 0 } });
  });

  it('drops cursor moves, OSC titles and links, and control characters, keeping the text', () => {
    const line = 'a\x1b[2K\x1b[1Gb\x1b]0;title\x07c\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\d\x07\x08\x00e\tf\x1b(Bg';
    assert.equal(stripAnsi(line), 'abclinkde\tfg');
    assert.equal(parseAnsi(line).map((s) => s.text).join(''), 'abclinkde\tfg');
  });

  it('keeps markup as text and colours as numbers only', () => {
    const segments = parseAnsi('\x1b[31m<img src=x onerror=alert(1)>\x1b[0m');
    assert.equal(segments[0]!.text, '<img src=x onerror=alert(1)>');
    // Out-of-range or malformed colour values are ignored, never passed on.
    assert.deepEqual(applySgr({}, '38;5;999'), {});
    assert.deepEqual(applySgr({}, '38;2;300;0;0'), {});
    assert.deepEqual(applySgr({}, '38;2;1'), {});
  });

  it('maps the 16 colours to the theme, the rest to rgb', () => {
    assert.equal(cssColor(1), 'var(--vscode-terminal-ansiRed)');
    assert.equal(cssColor(12), 'var(--vscode-terminal-ansiBrightBlue)');
    assert.equal(cssColor(16), 'rgb(0, 0, 0)');
    assert.equal(cssColor(196), 'rgb(255, 0, 0)');
    assert.equal(cssColor(244), 'rgb(128, 128, 128)');
    assert.equal(cssColor({ r: 1, g: 2, b: 3 }), 'rgb(1, 2, 3)');
  });

  it('parses a 64 KiB line of escapes in linear time', () => {
    const line = '\x1b[31mx'.repeat(10_000) + '\x1b['.repeat(5000);
    const segments = parseAnsi(line);
    assert.equal(segments.map((s) => s.text).join('').startsWith('x'.repeat(10_000)), true);
  });
});
