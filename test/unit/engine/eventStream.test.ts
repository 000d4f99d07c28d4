import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { EngineError } from '../../../src/engine/errors';
import { EngineEventStream, backoffDelay, type EventStreamState, parseEngineEvent, sinceFromTimeNano } from '../../../src/engine/eventStream';
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

describe('EngineEventStream connection control', () => {
  /** An event source whose connects the test answers (or never answers) by hand. */
  function manualSource() {
    const pending: { signal: AbortSignal; resolve: (s: NodeJS.ReadableStream) => void }[] = [];
    return {
      pending,
      source: {
        events: (_since: string | undefined, signal: AbortSignal) =>
          new Promise<NodeJS.ReadableStream>((resolve, reject) => {
            pending.push({ signal, resolve });
            signal.addEventListener('abort', () => reject(new Error('aborted')));
          }),
      },
    };
  }

  it('Retry gives up a connect the engine never answers and starts a new one', () => {
    const { pending, source } = manualSource();
    const stream = new EngineEventStream(source, { initialMs: 60_000, maxMs: 60_000 });
    try {
      stream.start();
      assert.equal(pending.length, 1);
      assert.equal(stream.state.kind, 'connecting');
      stream.reconnectNow();
      assert.equal(pending.length, 2, 'Retry opened a new connection');
      assert.equal(pending[0]!.signal.aborted, true, 'the hung connect was given up');
      assert.equal(pending[1]!.signal.aborted, false);
    } finally {
      stream.dispose();
    }
  });

  it('markLost drops a stream that still flows and says why', async () => {
    const { pending, source } = manualSource();
    const stream = new EngineEventStream(source, { initialMs: 60_000, maxMs: 60_000 });
    try {
      stream.start();
      const body = new PassThrough();
      pending[0]!.resolve(body);
      await new Promise((r) => setImmediate(r));
      const state = (): EventStreamState => stream.state;
      assert.equal(state().kind, 'connected');
      stream.markLost(new EngineError('unreachable', 'socket removed', 'start it'));
      const lost = state();
      assert.ok(lost.kind === 'lost' && lost.error.message === 'socket removed', `state: ${lost.kind}`);
      assert.equal(pending[0]!.signal.aborted, true, 'the old stream is closed');
    } finally {
      stream.dispose();
    }
  });
});
