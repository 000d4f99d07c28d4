import * as assert from 'node:assert/strict';
import { LineSplitter } from '../../../src/engine/jsonLines';

describe('LineSplitter against a hostile engine', () => {
  it('drops a line longer than the limit, says so once, and goes on with the next lines', () => {
    const dropped: number[] = [];
    const splitter = new LineSplitter({ maxLineLength: 1000, onDroppedLine: (limit) => dropped.push(limit) });
    const out: string[] = [];
    out.push(...splitter.push('{"a":1}\n{"long":"'));
    for (let i = 0; i < 50; i++) out.push(...splitter.push('x'.repeat(100)));
    assert.deepEqual(dropped, [1000], 'one report, as soon as the line passes the limit (before its end arrives)');
    out.push(...splitter.push('"}\n{"b":2}\n'));
    assert.deepEqual(out, ['{"a":1}', '{"b":2}']);
    assert.deepEqual(dropped, [1000], 'the end of the dropped line is not reported again');
  });

  it('keeps a line exactly at the limit, split over many chunks', () => {
    const splitter = new LineSplitter({ maxLineLength: 10, onDroppedLine: () => assert.fail('dropped a line within the limit') });
    const out = [...splitter.push('01234'), ...splitter.push('56789'), ...splitter.push('\n')];
    assert.deepEqual(out, ['0123456789']);
  });

  it('takes 50 MB without a newline in 64 KiB chunks and drops it (the old splitter re-split the whole buffer on every chunk: 16 s of CPU)', () => {
    // No timing asserted here (npm run bench has the figures); mocha's timeout is only a hang guard.
    let drops = 0;
    const splitter = new LineSplitter({ onDroppedLine: () => drops++ });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    for (let sent = 0; sent < 50 * 1024 * 1024; sent += chunk.length) assert.equal(splitter.push(chunk).length, 0);
    // Lengths, not the lines: a failure must not print 50 MB.
    const lines = splitter.push('\n{"ok":true}\n');
    assert.deepEqual(lines.map((l) => l.length), ['{"ok":true}'.length]);
    assert.equal(drops, 1);
  });
});
