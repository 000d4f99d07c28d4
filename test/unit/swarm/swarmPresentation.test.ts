import * as assert from 'node:assert/strict';
import { toSwarmNode, toSwarmService, toSwarmTask } from '../../../src/engine/swarmMapping';
import { nodeContextValue, nodeDescription, serviceContextValue, serviceDescription, serviceTooltip, taskDescription, taskLabel, taskTooltip } from '../../../src/explorer/swarm/swarmPresentation';
import { rawService, rawTask } from './fixtures';

const HOSTILE = 'x$(touch /tmp/pwn) ![i](http://e.x/p.png) <b>b</b> `id` é 🚢';

describe('swarm presentation', () => {
  it('describes a service: running/desired, image, ports; a global one says so; an update in progress shows', () => {
    const web = toSwarmService(rawService({ id: 's', name: 'web', replicas: 3 }));
    assert.equal(serviceDescription(web, { running: 2, desired: 3 }), '2/3 · berth-test/busybox:latest · 8080:80/tcp (host)');
    const agent = toSwarmService(rawService({ id: 'g', name: 'agent', global: true }));
    assert.match(serviceDescription(agent, { running: 3, desired: 3 }), /^global · 3\/3/);
    const updating = toSwarmService(rawService({ id: 's', name: 'web', update: { State: 'updating' } }));
    assert.match(serviceDescription(updating, { running: 1, desired: 1 }), /updating…$/);
    assert.equal(serviceContextValue(updating), 'swarmService.replicated.updating');
    assert.equal(serviceContextValue(agent), 'swarmService.global');
  });

  it('labels a task by slot and node, and says its state, what the engine wants and its error', () => {
    const t = toSwarmTask(rawTask({ id: 't1', service: 's', slot: 2, node: 'n3', state: 'failed', desired: 'shutdown', err: 'task: non-zero exit (1)' }));
    assert.equal(taskLabel(t, new Map([['n3', 'worker-3']])), '2 · worker-3');
    assert.equal(taskLabel(toSwarmTask(rawTask({ id: 't2', service: 's', state: 'pending' })), new Map()), 'not placed yet');
    assert.equal(taskDescription(t), 'failed → shutdown · berth-test/busybox:v2 · task: non-zero exit (1)');
  });

  it('describes nodes: the leader, reachability of other managers, availability and labels', () => {
    const n = toSwarmNode({ ID: 'n2', Spec: { Role: 'manager', Availability: 'drain', Labels: { zone: 'a', ssd: '' } }, Description: { Hostname: 'h2', Engine: { EngineVersion: '20.10.24' } }, Status: { State: 'ready' }, ManagerStatus: { Leader: false, Reachability: 'unreachable' } });
    assert.equal(nodeDescription(n), 'manager (unreachable) · drain · ready · 20.10.24 · zone=a · ssd');
    assert.equal(nodeContextValue(n), 'swarmNode.manager.drain.ready.labelled');
    const promoting = toSwarmNode({ ID: 'n3', Spec: { Role: 'manager', Availability: 'active' }, Description: { Hostname: 'h3' }, Status: { State: 'ready' } });
    assert.match(nodeDescription(promoting), /^manager \(promoting\) · active · ready/);
  });

  it('shows hostile labels, images and errors as plain text in tooltips', () => {
    const s = toSwarmService(rawService({ id: 's', name: HOSTILE, labels: { note: HOSTILE } }));
    const tip = serviceTooltip(s, undefined);
    // Markdown outside code spans is escaped; label values sit inside a code span, which renders them literally.
    const outsideCode = tip.replace(/(`+) .*? \1/g, '');
    assert.ok(!outsideCode.includes('![i](') && !outsideCode.includes('<b>'), tip);
    assert.ok(tip.includes('\\!\\[i\\]\\('), tip);
    assert.match(tip, /^Labels: `` note=x\$\(touch .* `` {2}$/m);
    const t = toSwarmTask(rawTask({ id: 't', service: 's', state: 'failed', err: HOSTILE }));
    const taskTip = taskTooltip(t, new Map());
    assert.ok(!taskTip.includes('![i](') && !taskTip.includes('<b>'), taskTip);
  });
});
