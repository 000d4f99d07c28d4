/** A swarm service's log lines: the engine's details split off, each line named after its task. */
import * as assert from 'node:assert/strict';
import { sourceColor } from '../../../src/logs/logMux';
import { splitServiceLogDetails, taskSource } from '../../../src/logs/serviceLogLines';

const nodes = new Map([
  ['m54tph9a8eviec49nwe7jy8n2', { hostname: 'berthsw-n1' }],
  ['mt6tiwmjwfhjy0000000000000', { hostname: 'berthsw-n2' }],
]);

describe("a swarm service's log lines", () => {
  it('splits the details the engine puts before the text (as sent with details=true)', () => {
    const line = 'com.docker.swarm.node.id=m54tph9a8eviec49nwe7jy8n2,com.docker.swarm.service.id=vr5p75fidnxiawaktq4mziffr,com.docker.swarm.task.id=m2znfvjefxgeqyfzm4546u2vj tick 4';
    assert.deepEqual(splitServiceLogDetails(line), {
      attrs: { 'com.docker.swarm.node.id': 'm54tph9a8eviec49nwe7jy8n2', 'com.docker.swarm.service.id': 'vr5p75fidnxiawaktq4mziffr', 'com.docker.swarm.task.id': 'm2znfvjefxgeqyfzm4546u2vj' },
      text: 'tick 4',
    });
  });

  it('unescapes attribute values, and keeps text that has no details (or only looks like some) whole', () => {
    assert.deepEqual(splitServiceLogDetails('note=a+b%2Cc%3D%F0%9F%9A%A2,bad=%E0%A4%A hello  world '), { attrs: { note: 'a b,c=🚢', bad: '%E0%A4%A' }, text: 'hello  world ' });
    assert.deepEqual(splitServiceLogDetails('plain line with = sign'), { attrs: {}, text: 'plain line with = sign' });
    assert.deepEqual(splitServiceLogDetails('x=1'), { attrs: {}, text: 'x=1' }, 'details are always followed by a space');
    assert.deepEqual(splitServiceLogDetails('a=1, b'), { attrs: {}, text: 'a=1, b' });
    assert.deepEqual(splitServiceLogDetails('k= empty value'), { attrs: { k: '' }, text: 'empty value' });
  });

  it('names a replicated task by service, slot and node; a global one by service and node; colours follow the slot', () => {
    const one = taskSource('web', 't1', { slot: 2, nodeId: 'm54tph9a8eviec49nwe7jy8n2' }, nodes);
    assert.deepEqual(one, { name: 'web.2@berthsw-n1', colorKey: 'slot 2' });
    // The task that replaces it in slot 2 on another node keeps the colour.
    const moved = taskSource('web', 't2', { slot: 2, nodeId: 'mt6tiwmjwfhjy0000000000000' }, nodes);
    assert.equal(moved.name, 'web.2@berthsw-n2');
    assert.equal(sourceColor(moved.colorKey), sourceColor(one.colorKey));
    assert.deepEqual(taskSource('agent', 't3', { slot: undefined, nodeId: 'mt6tiwmjwfhjy0000000000000' }, nodes), { name: 'agent@berthsw-n2', colorKey: 'node berthsw-n2' });
  });

  it('falls back to short ids for a task or node not listed', () => {
    assert.deepEqual(taskSource('web', 'abcdefghijklmnopqrstuvwxy', undefined, nodes, 'zzzzzzzzzzzzzzzzzzzz'), { name: 'web.abcdefghijkl@zzzzzzzzzzzz', colorKey: 'task abcdefghijklmnopqrstuvwxy' });
    assert.deepEqual(taskSource('web', 'abcdefghijklmnopqrstuvwxy', undefined, nodes), { name: 'web.abcdefghijkl', colorKey: 'task abcdefghijklmnopqrstuvwxy' });
    assert.equal(taskSource('web', 't1', { slot: 1, nodeId: 'unknownnode123456' }, nodes).name, 'web.1@unknownnode1');
  });
});
