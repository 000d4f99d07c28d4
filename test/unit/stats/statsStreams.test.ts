/**
 * One stats stream per wanted container, fed here with samples recorded from the real engine
 * (test/fixtures/stats/samples.json). The engine itself stands in for this in the extension-host
 * test; a stand-in stream is used here only for what the engine cannot do on demand: fall silent
 * while the connection stays open, fail mid-stream, or be watched against a clock the test moves.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { FigureIndex } from '../../../src/shared/protocol';
import { StatsStreams, type StreamChange } from '../../../src/stats/statsStreams';
import { waitFor } from '../../support/docker';

const root = path.resolve(__dirname, '../../../..');
const recorded = (JSON.parse(readFileSync(path.join(root, 'test/fixtures/stats/samples.json'), 'utf8')) as { streams: { source: string; samples: { raw: string }[] }[] }).streams.find((s) => s.source.startsWith('Docker Engine'))!.samples.map((s) => s.raw);
const ID = 'c'.repeat(64);

function harness(options: { backoffMs?: number } = {}) {
  let now = 1_000_000;
  const opened: { signal: AbortSignal; stream: PassThrough }[] = [];
  const changes: StreamChange[] = [];
  let failNext = false;
  const streams = new StatsStreams(
    {
      open: async (_id, signal) => {
        if (failNext) {
          failNext = false;
          throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        }
        const stream = new PassThrough();
        opened.push({ signal, stream });
        return stream;
      },
    },
    { platform: () => 'linux', now: () => now, backoff: { initialMs: options.backoffMs ?? 10, maxMs: options.backoffMs ?? 10 } },
  );
  streams.onChange((c) => changes.push(c));
  return {
    streams,
    opened,
    changes,
    advance: (ms: number) => (now += ms),
    failNextOpen: () => (failNext = true),
    last: () => opened.at(-1)!,
  };
}

describe('stats streams', () => {
  it('goes live on the first sample, with rates from the second', async () => {
    const h = harness();
    h.streams.want([ID]);
    await waitFor('the stream opened', () => h.opened.length === 1);
    h.last().stream.write(`${recorded[1]}\n`);
    await waitFor('live', () => h.streams.status(ID)?.status === 'live');
    assert.equal(h.streams.latest(ID)!.row[FigureIndex.netRxRate], null, 'one sample has no rate');
    h.last().stream.write(`${recorded[2]}\n`);
    await waitFor('a rate', () => typeof h.streams.latest(ID)?.row[FigureIndex.netRxRate] === 'number');
    assert.ok((h.streams.latest(ID)!.row[FigureIndex.netRxRate] as number) > 0, 'the recorded ping traffic shows as a rate');
    h.streams.dispose();
  });

  it('blanks a value after 2 s without a sample, and says so', async () => {
    const h = harness();
    h.streams.want([ID]);
    await waitFor('the stream opened', () => h.opened.length === 1);
    h.last().stream.write(`${recorded[1]}\n`);
    await waitFor('live', () => h.streams.status(ID)?.status === 'live');
    h.advance(2000);
    assert.ok(h.streams.latest(ID), 'still shown at 2 s');
    h.advance(1);
    assert.equal(h.streams.latest(ID), undefined, 'blank after 2 s');
    h.streams.checkSilence();
    assert.equal(h.streams.status(ID)?.status, 'silent');
    h.last().stream.write(`${recorded[2]}\n`);
    await waitFor('live again', () => h.streams.status(ID)?.status === 'live');
    h.streams.dispose();
  });

  it('closes the stream for good when the engine sends the zero-time sample of a stopped container', async () => {
    const h = harness();
    h.streams.want([ID]);
    await waitFor('the stream opened', () => h.opened.length === 1);
    h.last().stream.write(`${recorded[1]}\n{"read":"0001-01-01T00:00:00Z","preread":"0001-01-01T00:00:00Z","pids_stats":{}}\n`);
    await waitFor('stopped', () => h.streams.status(ID)?.status === 'stopped');
    assert.equal(h.last().stream.destroyed, true);
    assert.equal(h.streams.openCount, 0);
    assert.equal(h.streams.latest(ID), undefined);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(h.opened.length, 1, 'not retried: the container start makes it wanted again');
    h.streams.reopen(ID);
    await waitFor('reopened', () => h.opened.length === 2);
    h.streams.dispose();
  });

  it('ends a stream as soon as its container is no longer wanted', async () => {
    const h = harness();
    h.streams.want([ID]);
    await waitFor('the stream opened', () => h.streams.openCount === 1);
    h.streams.want([]);
    assert.equal(h.last().signal.aborted, true);
    assert.equal(h.last().stream.destroyed, true);
    assert.equal(h.streams.openCount, 0);
    assert.deepEqual(h.streams.wanted, []);
    h.streams.dispose();
  });

  it('retries a stream that failed while it is still wanted, and skips the wait when told the engine is back', async () => {
    const h = harness({ backoffMs: 60_000 });
    h.failNextOpen();
    h.streams.want([ID]);
    await waitFor('failed', () => h.streams.status(ID)?.status === 'failed');
    assert.match(h.streams.status(ID)!.message ?? '', /not reachable/);
    h.streams.retryNow();
    await waitFor('opened on the retry', () => h.opened.length === 1);
    h.last().stream.destroy(new Error('socket hang up'));
    await waitFor('failed again', () => h.changes.filter((c) => c.status === 'failed').length === 2);
    h.streams.dispose();
    assert.equal(h.streams.openCount, 0);
  });

  it('ignores lines that are not samples', async () => {
    const h = harness();
    h.streams.want([ID]);
    await waitFor('the stream opened', () => h.opened.length === 1);
    h.last().stream.write('not json\n[1,2]\n');
    h.last().stream.write(`${recorded[1]}\n`);
    await waitFor('live', () => h.streams.status(ID)?.status === 'live');
    h.streams.dispose();
  });
});
