/** The charts' ring buffer: fixed memory, gaps where a container had no sample, and a round trip through a message. */
import * as assert from 'node:assert/strict';
import { FIGURES, FigureIndex, type FigureRow } from '../../../src/shared/protocol';
import { CHART_FIGURES, ChartIndex, HISTORY_CAPACITY, StatsHistory } from '../../../src/shared/statsHistory';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

/** A full figure row with `cpu` as CPU % and the other figures derived from it. */
function row(cpu: number): FigureRow {
  return FIGURES.map((f, i) => (f === 'cpuPercent' ? cpu : cpu * 10 + i));
}

describe('stats ring buffer', () => {
  it('keeps 15 minutes at one tick a second', () => {
    assert.ok(HISTORY_CAPACITY >= 15 * 60);
  });

  it('keeps the newest ticks once full, oldest first', () => {
    const h = new StatsHistory(4);
    for (let t = 1; t <= 6; t++) h.append(t * 1000, { [A]: row(t) });
    assert.equal(h.length, 4);
    assert.deepEqual([0, 1, 2, 3].map((i) => h.time(i)), [3000, 4000, 5000, 6000]);
    assert.deepEqual([0, 1, 2, 3].map((i) => h.value(A, ChartIndex.cpuPercent, i)), [3, 4, 5, 6]);
    assert.ok(Number.isNaN(h.time(4)) && Number.isNaN(h.value(A, 0, -1)));
  });

  it('stores only the chart figures, from their places in the row', () => {
    const h = new StatsHistory(3);
    h.append(1000, { [A]: row(2) });
    CHART_FIGURES.forEach((figure, f) => assert.equal(h.value(A, f, 0), figure === 'cpuPercent' ? 2 : 20 + FigureIndex[figure]));
  });

  it('writes a gap for a container without a sample in a tick, also over an old value in a reused slot', () => {
    const h = new StatsHistory(3);
    h.append(1000, { [A]: row(1), [B]: row(7) });
    h.append(2000, { [A]: row(2), [B]: row(8) });
    h.append(3000, { [A]: row(3), [B]: row(9) });
    h.append(4000, { [A]: row(4) }); // reuses the slot of tick 1, where B had 7
    assert.deepEqual([0, 1, 2].map((i) => h.value(B, ChartIndex.cpuPercent, i)), [8, 9, NaN]);
    assert.ok(Number.isNaN(h.value(A, ChartIndex.netRxRate, 0)) === false);
  });

  it('treats null figures (no rate yet) as gaps', () => {
    const h = new StatsHistory(3);
    const first = row(1);
    first[FigureIndex.netRxRate] = null;
    h.append(1000, { [A]: first });
    assert.ok(Number.isNaN(h.value(A, ChartIndex.netRxRate, 0)));
  });

  it('drops a container that has had no sample for a whole window, so memory stays bounded', () => {
    const h = new StatsHistory(3);
    h.append(1000, { [A]: row(1), [B]: row(1) });
    for (let t = 2; t <= 4; t++) h.append(t * 1000, { [A]: row(t) });
    assert.deepEqual(h.ids(), [A]);
  });

  it('keeps time moving forward, so the window can be found by binary search', () => {
    const h = new StatsHistory(10);
    for (const t of [1000, 2000, 2000, 1500, 5000]) h.append(t, {});
    const times = Array.from({ length: h.length }, (_, i) => h.time(i));
    assert.deepEqual(times, [1000, 2000, 2001, 2002, 5000]);
    assert.equal(h.firstIndexAtOrAfter(0), 0);
    assert.equal(h.firstIndexAtOrAfter(2001), 2);
    assert.equal(h.firstIndexAtOrAfter(4000), 4);
    assert.equal(h.firstIndexAtOrAfter(6000), 5);
  });

  it('survives a round trip through a message (the host refilling a rebuilt webview)', () => {
    const host = new StatsHistory(5);
    for (let t = 1; t <= 7; t++) host.append(t * 1000, t % 3 === 0 ? { [B]: row(t) } : { [A]: row(t), [B]: row(t + 1) });
    const snapshot = JSON.parse(JSON.stringify(host.snapshot())) as ReturnType<StatsHistory['snapshot']>;
    const webview = new StatsHistory(5);
    webview.load(snapshot);
    assert.equal(webview.length, host.length);
    for (let i = 0; i < host.length; i++) {
      assert.equal(webview.time(i), host.time(i));
      for (let f = 0; f < CHART_FIGURES.length; f++) {
        for (const id of [A, B]) assert.ok(Object.is(webview.value(id, f, i), host.value(id, f, i)), `${id.slice(0, 1)} figure ${f} tick ${i}`);
      }
    }
  });

  it('refuses a capacity it cannot work with', () => {
    assert.throws(() => new StatsHistory(1), RangeError);
    assert.throws(() => new StatsHistory(2.5), RangeError);
  });
});
