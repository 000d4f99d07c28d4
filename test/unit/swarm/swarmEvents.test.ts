import * as assert from 'node:assert/strict';
import { planForKeys, swarmEventKey } from '../../../src/engine/swarmEvents';
import { toSwarmTask } from '../../../src/engine/swarmMapping';
import type { SwarmTask } from '../../../src/engine/swarmTypes';
import { ServiceUpdatePoll } from '../../../src/engine/swarmUpdatePoll';
import type { EngineEvent } from '../../../src/engine/types';
import { rawTask } from './fixtures';

const event = (type: string, action: string, id: string, attributes: Record<string, string> = {}): EngineEvent => ({ type, action, id, attributes, timeNano: '1' });

describe('swarm events', () => {
  it('names what each event changes; the view ignores the rest', () => {
    assert.equal(swarmEventKey(event('service', 'update', 'svc1')), 'service:svc1');
    assert.equal(swarmEventKey(event('node', 'update', 'node1')), 'node:node1');
    assert.equal(swarmEventKey(event('secret', 'create', 'x')), 'secrets');
    assert.equal(swarmEventKey(event('config', 'remove', 'x')), 'configs');
    assert.equal(swarmEventKey(event('container', 'start', 'c1', { 'com.docker.swarm.service.id': 'svc1' })), 'tasks:svc1');
    assert.equal(swarmEventKey(event('container', 'health_status: healthy', 'c1', { 'com.docker.swarm.service.id': 'svc1' })), 'tasks:svc1');
    assert.equal(swarmEventKey(event('container', 'exec_start: sh', 'c1', { 'com.docker.swarm.service.id': 'svc1' })), false);
    assert.equal(swarmEventKey(event('container', 'start', 'c1')), false);
    assert.equal(swarmEventKey(event('image', 'pull', 'x')), false);
    assert.equal(swarmEventKey(event('network', 'create', 'x')), false);
  });

  it('re-lists a service and its tasks on its service event', () => {
    const plan = planForKeys(['service:svc1'], new Map());
    assert.deepEqual(plan, { services: true, nodes: false, secrets: false, configs: false, tasksOf: new Set(['svc1']) });
  });

  it('re-lists the tasks of every service that had a task on a node, on that node event', () => {
    const tasks = new Map<string, SwarmTask[]>([
      ['a', [toSwarmTask(rawTask({ id: 't1', service: 'a', node: 'n3', state: 'running' }))]],
      ['b', [toSwarmTask(rawTask({ id: 't2', service: 'b', node: 'n1', state: 'running' }))]],
      ['c', [toSwarmTask(rawTask({ id: 't3', service: 'c', node: 'n1', state: 'running' })), toSwarmTask(rawTask({ id: 't4', service: 'c', node: 'n3', state: 'running' }))]],
    ]);
    const plan = planForKeys(['node:n3'], tasks);
    assert.equal(plan.nodes, true);
    assert.equal(plan.services, false);
    assert.deepEqual([...plan.tasksOf].sort(), ['a', 'c']);
  });

  it('folds a burst of events into one plan', () => {
    const plan = planForKeys(['secrets', 'configs', 'tasks:x', 'service:y', 'service:y'], new Map());
    assert.deepEqual(plan, { services: true, nodes: false, secrets: true, configs: true, tasksOf: new Set(['x', 'y']) });
  });
});

/** Resolves once the poll has no re-list in flight and none scheduled. */
const idle = (poll: ServiceUpdatePoll): Promise<void> =>
  new Promise((resolve) => {
    const check = (): void => (poll.active ? void setImmediate(check) : resolve());
    check();
  });

describe('the update poll (the one sanctioned poll)', () => {
  /** Resolves after the poll has re-listed `n` times. */
  const counting = (still: (call: number, ids: readonly string[]) => readonly string[]) => {
    const calls: string[][] = [];
    let wake: (() => void) | undefined;
    const poll = new ServiceUpdatePoll(async (ids) => {
      calls.push([...ids]);
      wake?.();
      return still(calls.length, ids);
    }, 5);
    const until = (n: number): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => (calls.length >= n ? resolve() : void (wake = check));
        check();
      });
    return { poll, calls, until };
  };

  it('re-lists only the services being updated, until their update ends, then stops', async () => {
    const { poll, calls, until } = counting((call, ids) => (call < 3 ? ids : ids.filter((id) => id !== 'a')));
    poll.track(['a', 'b']);
    assert.equal(poll.active, true);
    await until(4);
    assert.deepEqual(calls.slice(0, 4), [['a', 'b'], ['a', 'b'], ['a', 'b'], ['b']]);
    poll.track([]);
    await idle(poll);
    assert.equal(calls.length, 4);
    poll.dispose();
  });

  it('does nothing while no service is updating, and stops when the view stops watching', async () => {
    const { poll, calls, until } = counting((_, ids) => ids);
    poll.track([]);
    assert.equal(poll.active, false);
    poll.track(['a']);
    await until(1);
    poll.stop();
    // Once the re-list in flight has ended, no timer is left: nothing can run again.
    await idle(poll);
    assert.deepEqual(poll.services, []);
    assert.equal(calls.length, 1);
  });

  it('keeps following when a re-list fails (the engine did not answer)', async () => {
    const { poll, calls, until } = counting((call, ids) => {
      if (call === 1) throw new Error('engine away');
      return call < 3 ? ids : [];
    });
    poll.track(['a']);
    await until(3);
    assert.deepEqual(calls, [['a'], ['a'], ['a']]);
    poll.dispose();
  });
});
