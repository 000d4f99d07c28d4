import * as assert from 'node:assert/strict';
import type { RawContainerInspect } from '../../../src/engine/inspect';
import { SecurityBadgeCache } from '../../../src/inspect/securityBadgeCache';

interface Call {
  id: string;
  resolve: (raw: RawContainerInspect) => void;
  reject: (error: Error) => void;
}

/** A loader whose answers the test hands out one by one, to see ordering and concurrency. */
function controlledLoader(): { calls: Call[]; load: (id: string) => Promise<RawContainerInspect> } {
  const calls: Call[] = [];
  return {
    calls,
    load: (id) => new Promise((resolve, reject) => calls.push({ id, resolve, reject })),
  };
}
const privileged = (id: string): RawContainerInspect => ({ Id: id, HostConfig: { Privileged: true }, Config: { User: '1000' }, Mounts: [] });
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('security badge cache', () => {
  it('reads each container once, however many rows ask', async () => {
    const { calls, load } = controlledLoader();
    const cache = new SecurityBadgeCache(load);
    const both = Promise.all([cache.load('a'), cache.load('a')]);
    await tick();
    assert.equal(calls.length, 1);
    calls[0]?.resolve(privileged('a'));
    const [first, second] = await both;
    assert.deepEqual(first.map((b) => b.kind), ['privileged']);
    assert.equal(first, second);
    await cache.load('a');
    assert.equal(calls.length, 1, 'a cached container is not inspected again');
    assert.deepEqual(cache.peek('a')?.map((b) => b.kind), ['privileged']);
  });

  it('runs at most four inspects at once, and all of them in the end', async () => {
    const { calls, load } = controlledLoader();
    const loaded: string[] = [];
    const cache = new SecurityBadgeCache(load, (id) => loaded.push(id));
    const all = Promise.all(Array.from({ length: 10 }, (_, i) => cache.load(`c${i}`)));
    await tick();
    assert.equal(calls.length, 4);
    for (let done = 0; done < 10; done++) {
      calls[done]?.resolve(privileged(`c${done}`));
      await tick();
      await tick();
    }
    await all;
    assert.equal(calls.length, 10);
    assert.equal(loaded.length, 10);
    assert.equal(cache.size, 10);
  });

  it('reads again after a start, and keeps no answer that was in flight when it was forgotten', async () => {
    const { calls, load } = controlledLoader();
    const cache = new SecurityBadgeCache(load);
    const stale = cache.load('a');
    await tick();
    cache.forget('a');
    calls[0]?.resolve(privileged('a'));
    await stale;
    assert.equal(cache.peek('a'), undefined, 'the answer from before the start is not kept');
    const fresh = cache.load('a');
    await tick();
    assert.equal(calls.length, 2);
    calls[1]?.resolve({ Id: 'a', HostConfig: {}, Config: { User: '1000' }, Mounts: [] });
    assert.deepEqual(await fresh, []);
    assert.deepEqual(cache.peek('a'), []);
  });

  it('a failed inspect (container gone) yields no badges and is not cached', async () => {
    const { calls, load } = controlledLoader();
    const cache = new SecurityBadgeCache(load);
    const gone = cache.load('gone');
    await tick();
    calls[0]?.reject(new Error('no such container'));
    assert.deepEqual(await gone, []);
    assert.equal(cache.peek('gone'), undefined);
  });

  it('clear() leaves no caller waiting on a queued read', async () => {
    const { calls, load } = controlledLoader();
    const cache = new SecurityBadgeCache(load, undefined, 1);
    const first = cache.load('a');
    const queued = cache.load('b');
    await tick();
    cache.clear();
    calls[0]?.resolve(privileged('a'));
    await first;
    await tick();
    calls[1]?.resolve(privileged('b'));
    assert.deepEqual((await queued).map((b) => b.kind), ['privileged']);
    assert.equal(cache.size, 0);
  });
});
