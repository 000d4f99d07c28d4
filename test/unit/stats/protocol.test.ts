/** Everything the stats webview sends is checked before the host acts on it; the state VS Code restores too. */
import * as assert from 'node:assert/strict';
import { MAX_PICK, parsePersistedState, parseWebviewMessage } from '../../../src/shared/protocol';

const ID = 'f'.repeat(64);

describe('stats protocol: what the host accepts from the webview', () => {
  it('accepts each message in its exact shape and returns a fresh copy', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'pause', paused: true }), { type: 'pause', paused: true });
    const ids = [ID, ID];
    const pick = parseWebviewMessage({ type: 'pick', ids, picked: false });
    assert.deepEqual(pick, { type: 'pick', ids: [ID], picked: false }, 'duplicates folded');
    assert.notEqual((pick as { ids: string[] }).ids, ids);
    assert.deepEqual(parseWebviewMessage({ type: 'renderReport', renders: 3, p50Ms: 1.5, p95Ms: 2, maxMs: 4 }), { type: 'renderReport', renders: 3, p50Ms: 1.5, p95Ms: 2, maxMs: 4 });
  });

  it('rejects anything else', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'ready',
      42,
      [],
      ['ready'],
      {},
      { type: 'unknown' },
      { type: 'ready', extra: 1 },
      { type: '__proto__' },
      { type: 'pause' },
      { type: 'pause', paused: 'yes' },
      { type: 'pick', ids: [ID] },
      { type: 'pick', ids: ID, picked: true },
      { type: 'pick', ids: ['abc'], picked: true },
      { type: 'pick', ids: [ID.toUpperCase()], picked: true },
      { type: 'pick', ids: [`${ID}; rm -rf /`], picked: true },
      { type: 'pick', ids: ['../../containers/json'], picked: true },
      { type: 'pick', ids: [42], picked: true },
      { type: 'pick', ids: Array.from({ length: MAX_PICK + 1 }, () => ID), picked: true },
      { type: 'renderReport', renders: -1, p50Ms: 1, p95Ms: 1, maxMs: 1 },
      { type: 'renderReport', renders: 1, p50Ms: Number.NaN, p95Ms: 1, maxMs: 1 },
      { type: 'renderReport', renders: 1, p50Ms: 1, p95Ms: Infinity, maxMs: 1 },
      { type: 'renderReport', renders: 1, p50Ms: 1, p95Ms: 1 },
    ];
    for (const message of bad) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
  });

  it('is not fooled by an inherited type', () => {
    const sneaky = Object.create({ type: 'ready' }) as object;
    assert.equal(parseWebviewMessage(sneaky), undefined);
  });
});

describe('stats protocol: the state a reloaded panel gets back', () => {
  it('keeps what is valid and defaults the rest', () => {
    assert.deepEqual(parsePersistedState({ picked: [ID], follow: { kind: 'project', project: 'shop' }, paused: true, windowMinutes: 15, grouping: 'service', sort: { column: 'cpu', descending: true } }), {
      picked: [ID],
      follow: { kind: 'project', project: 'shop' },
      paused: true,
      windowMinutes: 15,
      grouping: 'service',
      sort: { column: 'cpu', descending: true },
    });
    const defaults = { picked: [], follow: { kind: 'none' }, paused: false, windowMinutes: 5, grouping: 'container', sort: { column: 'name', descending: false } };
    assert.deepEqual(parsePersistedState(undefined), defaults);
    assert.deepEqual(parsePersistedState({ picked: ['nope'], follow: { kind: 'project' }, paused: 'yes', windowMinutes: 7, grouping: 'x', sort: { column: '<img>' } }), defaults);
  });
});
