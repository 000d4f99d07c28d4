/** The spool: records round-trip through the file, any window reads back, search, and the file goes on dispose. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeRecord, encodeRecord, type LogRecord } from '../../../src/logs/logRecord';
import { LogSpool, MAX_LINE_CHARS, MAX_WINDOW_LINES } from '../../../src/logs/logSpool';

const line = (i: number, text = `line ${i}`): LogRecord => ({ kind: i % 3 === 0 ? 'stderr' : 'stdout', source: i % 2, timestamp: `2026-11-30T05:00:00.${String(i).padStart(9, '0')}Z`, text });

describe('log spool', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-spool-test-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('encodes a record as one line, tabs and hostile text kept, newlines never splitting it', () => {
    const hostile: LogRecord = { kind: 'stdout', source: 3, timestamp: '2026-11-30T05:00:00Z', text: 'a\tb <script>alert(1)</script> $(touch /tmp/x) é 🚢\nsecond' };
    const encoded = encodeRecord(hostile);
    assert.equal(encoded.split('\n').length, 2, 'one line and its newline');
    assert.deepEqual(decodeRecord(encoded.slice(0, -1)), { ...hostile, text: 'a\tb <script>alert(1)</script> $(touch /tmp/x) é 🚢 second' });
    assert.deepEqual(decodeRecord('garbage'), { kind: 'info', source: -1, timestamp: '', text: 'garbage' });
  });

  it('reads back any window of 200 000 lines, across flushes and index chunks', () => {
    const spool = new LogSpool(dir);
    for (let i = 0; i < 200_000; i++) spool.append(line(i));
    assert.equal(spool.lineCount, 200_000);
    for (const start of [0, 65_535, 65_536, 131_000, 199_990]) {
      const lines = spool.readLines(start, 20);
      assert.equal(lines.length, Math.min(20, 200_000 - start));
      lines.forEach((l, k) => assert.deepEqual(l.record, line(start + k)));
    }
    assert.equal(spool.readLines(199_999, 50).length, 1);
    assert.deepEqual(spool.readLines(300_000, 10), []);
    assert.equal(spool.readLines(0, 1_000_000).length, MAX_WINDOW_LINES, 'a window is capped');
    spool.dispose();
  });

  it('cuts very long lines in a window, but keeps them whole in the file', () => {
    const spool = new LogSpool(dir);
    const long = 'x'.repeat(MAX_LINE_CHARS * 3);
    for (let i = 0; i < 400; i++) spool.append(line(i, i % 2 ? long : `short ${i}`));
    const lines = spool.readLines(0, 400);
    assert.equal(lines[0]!.record.text, 'short 0');
    assert.equal(lines[0]!.truncated, false);
    assert.equal(lines[1]!.record.text.length, MAX_LINE_CHARS);
    assert.equal(lines[1]!.truncated, true);
    assert.ok(fs.statSync(spool.path).size > 400 * MAX_LINE_CHARS, 'the file holds the whole lines');
    spool.dispose();
  });

  it('searches case-insensitively through ANSI codes, capped', async () => {
    const spool = new LogSpool(dir);
    for (let i = 0; i < 5000; i++) spool.append(line(i, i % 1000 === 7 ? `an \x1b[31mERR\x1b[0mor here ${i}` : `fine ${i}`));
    assert.deepEqual((await spool.search('error')).matches, [7, 1007, 2007, 3007, 4007]);
    assert.deepEqual(await spool.search('error', { maxMatches: 2 }), { matches: [7, 1007], capped: true });
    assert.deepEqual((await spool.search('fine 4999')).matches, [4999]);
    assert.deepEqual((await spool.search('')).matches, []);
    spool.dispose();
  });

  it('keeps the file private and deletes it on dispose', () => {
    const spool = new LogSpool(dir);
    spool.append(line(1));
    assert.equal(fs.statSync(spool.path).mode & 0o777, 0o600);
    spool.dispose();
    assert.equal(fs.existsSync(spool.path), false);
    spool.append(line(2));
    assert.deepEqual(spool.readLines(0, 10), [], 'a disposed spool reads nothing and takes nothing');
  });

  it('holds 8 bytes of index a line in memory, never the text', () => {
    const spool = new LogSpool(dir);
    const text = 'y'.repeat(1000);
    for (let i = 0; i < 70_000; i++) spool.append(line(i, text));
    assert.ok(spool.byteCount > 70_000 * 1000);
    assert.equal(spool.indexBytes, 2 * 65_536 * 8);
    spool.dispose();
  });
});
