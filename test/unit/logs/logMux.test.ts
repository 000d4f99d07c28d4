/** Interleaving: sources with stable colours, markers for restarts and recreates, one last line. */
import * as assert from 'node:assert/strict';
import { composeSourceName, displayTime, LogMux, sourceColor } from '../../../src/logs/logMux';
import type { LogRecord } from '../../../src/logs/logRecord';
import { parseTailSetting, parseViewMessage, sinceSeconds } from '../../../src/logs/logProtocol';
import { VirtualWindow, ROW_HEIGHT } from '../../../src/webview/logs/virtualWindow';

const now = new Date('2026-11-30T05:30:00.000Z');

describe('interleaving a project\'s logs', () => {
  it('keeps each line with its service, in arrival order, with marked breaks', () => {
    const records: LogRecord[] = [];
    let headerChanges = 0;
    const mux = new LogMux((r) => records.push(r), () => headerChanges++, () => now);
    const web = mux.source('web');
    const db = mux.source('db');
    assert.equal(mux.source('web'), web, 'a source is added once');
    mux.line(web, { stream: 'stdout', timestamp: 't1', text: 'GET /' });
    mux.line(db, { stream: 'stderr', timestamp: 't2', text: 'warning' });
    mux.restarted(db, '2026-11-30T05:29:59.123456789Z');
    mux.replaced(web, 'f'.repeat(64), new Date('2026-11-30T05:29:58Z'), true);
    mux.sourceEnded(web, 'container ffffffffffff was removed');
    mux.end('The container was removed.');
    mux.line(web, { stream: 'stdout', timestamp: 't3', text: 'after the end' });
    mux.end('again');
    assert.deepEqual(records.map((r) => [r.kind, mux.sources[r.source]?.name ?? '-', r.text]), [
      ['stdout', 'web', 'GET /'],
      ['stderr', 'db', 'warning'],
      ['marker', 'db', 'restarted at 2026-11-30 05:29:59 UTC'],
      ['marker', 'web', 'recreated: container ffffffffffff at 2026-11-30 05:29:58 UTC'],
      ['marker', 'web', 'container ffffffffffff was removed'],
      ['end', '-', 'The container was removed.'],
    ]);
    assert.equal(headerChanges, 2);
    assert.ok(mux.isEnded);
  });

  it('gives a service the same colour every time, replicas the service\'s colour', () => {
    assert.equal(sourceColor('web'), sourceColor('web'));
    const colours = new Set(['web', 'db', 'cache', 'worker', 'proxy', 'queue'].map(sourceColor));
    assert.ok(colours.size >= 3, 'names spread over the palette');
    const mux = new LogMux(() => undefined);
    mux.source(composeSourceName('web', '2'), 'web');
    assert.equal(mux.sources[0]!.name, 'web-2');
    assert.equal(mux.sources[0]!.color, sourceColor('web'));
    assert.equal(composeSourceName('web', '1'), 'web');
    assert.equal(composeSourceName('web', undefined), 'web');
  });

  it('records drivers per source', () => {
    const mux = new LogMux(() => undefined);
    mux.driver(mux.source('a'), 'json-file', true);
    mux.driver(mux.source('b'), 'none', false);
    mux.driver(0, 'local', true);
    assert.deepEqual(mux.drivers, [{ source: 0, driver: 'local', readable: true }, { source: 1, driver: 'none', readable: false }]);
  });

  it('shows the engine time of a break, or now when it does not parse', () => {
    assert.equal(displayTime('garbage', now), '2026-11-30 05:30:00 UTC');
  });
});

describe('the log view protocol and settings', () => {
  it('accepts only well-formed webview messages', () => {
    assert.deepEqual(parseViewMessage({ type: 'window', requestId: 1, start: 5, count: 10 }), { type: 'window', requestId: 1, start: 5, count: 10 });
    for (const bad of [null, 'ready', { type: 'window', requestId: 1, start: -1, count: 10 }, { type: 'window', requestId: 1, start: 0, count: 1e20 }, { type: 'since', since: '1y' }, { type: 'search', requestId: 1, query: 'x'.repeat(2000) }, { type: 'eval' }]) {
      assert.equal(parseViewMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 60));
    }
  });

  it('reads berth.logs.tail as a number or all, else the default', () => {
    assert.equal(parseTailSetting(50), 50);
    assert.equal(parseTailSetting('all'), 'all');
    assert.equal(parseTailSetting(' 20 '), 20);
    assert.equal(parseTailSetting(-3), 1000);
    assert.equal(parseTailSetting('1; rm -rf /'), 1000);
    assert.equal(parseTailSetting(1.5), 1000);
  });

  it('turns a since choice into engine seconds', () => {
    assert.equal(sinceSeconds('1h', now), String(now.getTime() / 1000 - 3600));
    assert.equal(sinceSeconds('tail', now), undefined);
    assert.equal(sinceSeconds('all', now), undefined);
  });
});

describe('virtual scrolling', () => {
  const view = new VirtualWindow();
  it('maps a scroll position to the lines in sight', () => {
    assert.deepEqual(view.layout(0, 180, 1000), { first: 0, count: 11, top: 0 });
    assert.deepEqual(view.layout(ROW_HEIGHT * 500 + 5, 180, 1000), { first: 500, count: 11, top: ROW_HEIGHT * 500 });
    assert.equal(view.spacerHeight(1000), 1000 * ROW_HEIGHT);
  });

  it('scrolls ten million lines end to end within a browser\'s height limit', () => {
    const total = 10_000_000;
    const height = view.spacerHeight(total);
    assert.ok(height <= 8_000_000);
    assert.equal(view.layout(0, 180, total).first, 0);
    const end = view.layout(height - 180, 180, total);
    assert.equal(end.first + end.count - 1, total, 'the last line is in sight at the bottom');
    const middle = view.layout(view.scrollTopFor(5_000_000, 180, total), 180, total);
    assert.ok(Math.abs(middle.first + middle.count / 2 - 5_000_000) <= 2, `line 5 000 000 is in sight (first ${middle.first})`);
  });
});
