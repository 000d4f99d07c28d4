import * as assert from 'node:assert/strict';
import { backoffDelay, parseEngineEvent, sinceFromTimeNano } from '../../../src/engine/eventStream';
import { LineSplitter } from '../../../src/engine/jsonLines';

describe('event stream parsing', () => {
  // A real line from Engine 20.10's /events.
  const line =
    '{"status":"start","id":"4f2c","from":"berth-test/busybox","Type":"container","Action":"start","Actor":{"ID":"4f2c","Attributes":{"image":"berth-test/busybox","name":"web"}},"scope":"local","time":1763900000,"timeNano":1763900000123456789}';

  it('maps an event and keeps timeNano exact beyond 2^53', () => {
    const e = parseEngineEvent(line);
    assert.deepEqual(e, {
      type: 'container',
      action: 'start',
      id: '4f2c',
      attributes: { image: 'berth-test/busybox', name: 'web' },
      timeNano: '1763900000123456789',
    });
  });

  it('turns timeNano into the `since` form', () => {
    assert.equal(sinceFromTimeNano('1763900000123456789'), '1763900000.123456789');
    assert.equal(sinceFromTimeNano('garbage'), undefined);
  });

  it('ignores what is not an event', () => {
    assert.equal(parseEngineEvent('not json'), undefined);
    assert.equal(parseEngineEvent('null'), undefined);
    assert.equal(parseEngineEvent('{"Type":"container"}'), undefined);
  });

  it('splits lines across arbitrary chunk boundaries, including inside UTF-8', () => {
    const text = Buffer.from('{"a":"é🚢"}\n{"b":1}\n\n{"c":', 'utf8');
    const splitter = new LineSplitter();
    const out: string[] = [];
    for (let i = 0; i < text.length; i++) out.push(...splitter.push(text.subarray(i, i + 1)));
    assert.deepEqual(out, ['{"a":"é🚢"}', '{"b":1}']);
    assert.deepEqual(splitter.push('2}\n'), ['{"c":2}']);
  });

  it('backs off exponentially to a cap and never stops', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 50, 1000].map((n) => backoffDelay(n, { initialMs: 250, maxMs: 5000 }));
    assert.deepEqual(delays, [250, 500, 1000, 2000, 4000, 5000, 5000, 5000, 5000]);
  });
});
