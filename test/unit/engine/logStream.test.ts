import * as assert from 'node:assert/strict';
import { LogLineSplitter, sinceAfter, type LogLine } from '../../../src/engine/logStream';

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('log stream lines', () => {
  it('demultiplexes stdout and stderr frames split anywhere, timestamps apart', () => {
    const lines: LogLine[] = [];
    const splitter = new LogLineSplitter(true, (l) => lines.push(l));
    const bytes = Buffer.concat([frame(1, '2026-11-30T02:00:00.123456789Z out 1\n2026-11-30T02:00:00.2Z out '), frame(2, '2026-11-30T02:00:01Z err é\n'), frame(1, 'tail\n')]);
    for (let i = 0; i < bytes.length; i += 3) splitter.push(bytes.subarray(i, i + 3));
    splitter.flush();
    assert.deepEqual(lines, [
      { stream: 'stdout', timestamp: '2026-11-30T02:00:00.123456789Z', text: 'out 1' },
      { stream: 'stderr', timestamp: '2026-11-30T02:00:01Z', text: 'err é' },
      { stream: 'stdout', timestamp: '2026-11-30T02:00:00.2Z', text: 'out tail' },
    ]);
  });

  it('reads a TTY container raw, CRLF as one line end', () => {
    const lines: LogLine[] = [];
    const splitter = new LogLineSplitter(false, (l) => lines.push(l));
    splitter.push(Buffer.from('2026-11-30T02:00:00Z \x1b[31mred\x1b[0m\r\nno end'));
    splitter.flush();
    assert.deepEqual(lines.map((l) => l.text), ['\x1b[31mred\x1b[0m', 'no end']);
  });

  it('resumes one nanosecond after the last line', () => {
    assert.equal(sinceAfter('2026-11-30T02:00:00.123456789Z'), `${Date.parse('2026-11-30T02:00:00Z') / 1000}.123456790`);
    assert.equal(sinceAfter('2026-11-30T02:00:00.999999999Z'), `${Date.parse('2026-11-30T02:00:01Z') / 1000}.000000000`);
    assert.equal(sinceAfter('garbage'), undefined);
  });
});
