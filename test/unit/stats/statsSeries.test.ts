/** From picked containers to chart series: grouping, summing, gaps and the table's latest values. */
import * as assert from 'node:assert/strict';
import { FIGURES, FigureIndex, type FigureRow, type PanelContainer } from '../../../src/shared/protocol';
import { ChartIndex, StatsHistory } from '../../../src/shared/statsHistory';
import { chartColumns, latestFigures, seriesSpecs } from '../../../src/shared/statsSeries';

const id = (c: string): string => c.repeat(64);
const container = (c: string, name: string, project?: string, service?: string): PanelContainer => ({
  id: id(c),
  name,
  state: 'running',
  status: 'live',
  ...(project ? { project } : {}),
  ...(service ? { service } : {}),
});
const CONTAINERS = [container('a', 'shop-web-1', 'shop', 'web'), container('b', 'shop-web-2', 'shop', 'web'), container('c', 'shop-db-1', 'shop', 'db'), container('d', 'lonely')];
const ALL = CONTAINERS.map((c) => c.id);

function row(values: Partial<Record<(typeof FIGURES)[number], number | null>>): FigureRow {
  return FIGURES.map((f) => (f in values ? values[f]! : 0));
}

describe('stats series', () => {
  it('draws each container, or a compose project summed per service or per project', () => {
    assert.deepEqual(seriesSpecs(CONTAINERS, ALL, 'container').map((s) => s.label), ['lonely', 'shop-db-1', 'shop-web-1', 'shop-web-2']);
    assert.deepEqual(
      seriesSpecs(CONTAINERS, ALL, 'service').map((s) => [s.label, s.members.length]),
      [['lonely', 1], ['shop / db', 1], ['shop / web', 2]],
    );
    assert.deepEqual(
      seriesSpecs(CONTAINERS, ALL, 'project').map((s) => [s.label, s.members.length]),
      [['lonely', 1], ['shop', 3]],
    );
  });

  it('shows only picked containers', () => {
    assert.deepEqual(seriesSpecs(CONTAINERS, [id('c')], 'project').map((s) => s.members), [[id('c')]]);
  });

  it("keeps a hostile project name's series apart from a service of the same text", () => {
    const tricky = [container('e', 'x', 'a / b'), container('f', 'y', 'a', 'b')];
    assert.equal(new Set(seriesSpecs(tricky, [id('e'), id('f')], 'service').map((s) => s.key)).size, 2);
  });

  it('sums members for the window, with a gap for a missed sample and for time nothing was sampled', () => {
    const h = new StatsHistory(100);
    const [web] = seriesSpecs(CONTAINERS, [id('a'), id('b')], 'service');
    h.append(1000, { [id('a')]: row({ cpuPercent: 10 }), [id('b')]: row({ cpuPercent: 5 }) });
    h.append(2000, { [id('a')]: row({ cpuPercent: 20 }) });
    h.append(3000, {});
    h.append(10000, { [id('b')]: row({ cpuPercent: 1 }) }); // the panel was hidden for 7 s
    const columns = chartColumns(h, [web!], ChartIndex.cpuPercent, 60_000, 10_000, 2500);
    assert.deepEqual(columns.x, [1, 2, 3, 4.25, 10]);
    assert.deepEqual(columns.ys, [[15, 20, null, null, 1]]);
  });

  it('starts the columns at the window and mirrors a figure below the axis', () => {
    const h = new StatsHistory(100);
    for (let t = 1; t <= 10; t++) h.append(t * 1000, { [id('d')]: row({ netTxRate: t }) });
    const [lonely] = seriesSpecs(CONTAINERS, [id('d')], 'container');
    const columns = chartColumns(h, [lonely!], ChartIndex.netTxRate, 3000, 10_000, 2500, -1);
    assert.deepEqual(columns.x, [7, 8, 9, 10]);
    assert.deepEqual(columns.ys, [[-7, -8, -9, -10]]);
  });

  it("gives one container's own figures untouched, and a group's sums", () => {
    const rows = {
      [id('a')]: row({ cpuPercent: 12.5, memoryUsed: 100, memoryLimit: 1000, memoryPercent: 10, netRxRate: null, pids: 3 }),
      [id('b')]: row({ cpuPercent: 50, memoryUsed: 300, memoryLimit: 1000, memoryPercent: 30, netRxRate: 7, pids: 2 }),
    };
    const [web] = seriesSpecs(CONTAINERS, [id('a'), id('b')], 'service');
    const [single] = seriesSpecs(CONTAINERS, [id('a')], 'container');
    assert.equal(latestFigures(single!, rows, 0), rows[id('a')]);
    const sum = latestFigures(web!, rows, 0)!;
    assert.equal(sum[FigureIndex.cpuPercent], 62.5);
    assert.equal(sum[FigureIndex.pids], 5);
    assert.equal(sum[FigureIndex.netRxRate], 7, 'a missing rate counts as nothing, not as a blank');
    assert.equal(sum[FigureIndex.memoryLimit], 2000);
    assert.equal(sum[FigureIndex.memoryPercent], 20);
  });

  it("caps a group's memory limit at the engine's memory: unlimited containers each report all of it", () => {
    const rows = {
      [id('a')]: row({ memoryUsed: 100, memoryLimit: 1000 }),
      [id('b')]: row({ memoryUsed: 300, memoryLimit: 1000 }),
    };
    const [web] = seriesSpecs(CONTAINERS, [id('a'), id('b')], 'service');
    const sum = latestFigures(web!, rows, 1000)!;
    assert.equal(sum[FigureIndex.memoryLimit], 1000);
    assert.equal(sum[FigureIndex.memoryPercent], 40);
  });

  it('has no figures for a series none of whose members had a sample', () => {
    const [web] = seriesSpecs(CONTAINERS, [id('a'), id('b')], 'service');
    assert.equal(latestFigures(web!, {}, 0), undefined);
  });
});
