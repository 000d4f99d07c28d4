import * as assert from 'node:assert/strict';
import { engineDate, imageWithoutDigest, toSwarmNode, toSwarmService, toSwarmStatus, toSwarmTask } from '../../../src/engine/swarmMapping';
import type { SwarmNode, SwarmService, SwarmTask } from '../../../src/engine/swarmTypes';
import { rawService, rawTask } from './fixtures';
import { EMPTY_SWARM, type SwarmSnapshot } from '../../../src/engine/swarmSnapshot';
import { groupByStack, replicaCount, servicesUsing, sortNodes, tasksConverging, updateInProgress, updateProblem, visibleTasks } from '../../../src/explorer/swarm/swarmModel';
import { followedKeys, keysSettlingAfter, nodeConverging } from '../../../src/explorer/swarm/swarmTreeModel';

const service = (over: Parameters<typeof rawService>[0]): SwarmService => toSwarmService(rawService(over));
const task = (over: Parameters<typeof rawTask>[0]): SwarmTask => toSwarmTask(rawTask(over));

describe('swarm mapping', () => {
  it('maps a replicated service: replicas, image without its digest pin, ports, VIPs, update config, stack', () => {
    const s = toSwarmService(rawService({ id: 's1', name: 'web', replicas: 3, labels: { 'com.docker.stack.namespace': 'shop' } }));
    assert.equal(s.mode, 'replicated');
    assert.equal(s.replicas, 3);
    assert.equal(s.image, 'berth-test/busybox:latest');
    assert.equal(s.stack, 'shop');
    assert.equal(s.version, 12);
    assert.equal(s.endpointMode, 'dnsrr');
    assert.deepEqual(s.ports, [{ targetPort: 80, publishedPort: 8080, protocol: 'tcp', publishMode: 'host' }]);
    assert.deepEqual(s.virtualIps, [{ networkId: 'n1', addr: '10.0.0.5/24' }]);
    assert.deepEqual(s.updateConfig, { parallelism: 1, delayMs: 1000, failureAction: 'pause', order: 'stop-first', monitorMs: 500, maxFailureRatio: 0 });
    assert.equal(s.createdAt?.toISOString(), '2026-11-30T05:00:00.123Z');
  });

  it('maps a global service, and survives an object with nothing in it', () => {
    assert.equal(service({ id: 'g', name: 'agent', global: true }).mode, 'global');
    assert.equal(service({ id: 'g', name: 'agent', global: true }).replicas, undefined);
    const empty = toSwarmService({});
    assert.equal(empty.name, '');
    assert.equal(empty.mode, 'replicated');
    assert.deepEqual(empty.ports, []);
    assert.equal(toSwarmTask(null).state, '');
    assert.equal(toSwarmNode(undefined).state, 'unknown');
    assert.equal(toSwarmStatus({}).localState, 'inactive');
  });

  it('reads the zero time as "never" and keeps digests off image names', () => {
    assert.equal(engineDate('0001-01-01T00:00:00Z'), undefined);
    assert.equal(engineDate('garbage'), undefined);
    assert.equal(imageWithoutDigest('a/b:1@sha256:ff'), 'a/b:1');
    assert.equal(imageWithoutDigest('a/b:1'), 'a/b:1');
  });

  it('maps nodes: leader, reachability only for managers, user labels', () => {
    const n = toSwarmNode({ ID: 'n1', Version: { Index: 3 }, Spec: { Role: 'manager', Availability: 'drain', Labels: { zone: 'a' } }, Description: { Hostname: 'h1', Engine: { EngineVersion: '20.10.24' } }, Status: { State: 'ready', Addr: '10.1.0.1' }, ManagerStatus: { Leader: true, Reachability: 'reachable' } });
    assert.deepEqual(
      { leader: n.leader, reach: n.reachability, labels: n.labels, availability: n.availability, version: n.engineVersion },
      { leader: true, reach: 'reachable', labels: { zone: 'a' }, availability: 'drain', version: '20.10.24' },
    );
    assert.equal(toSwarmNode({ ID: 'w', Spec: { Role: 'worker' } }).reachability, undefined);
  });
});

describe('swarm model', () => {
  it('counts running/desired from the tasks: replicas for replicated services, wanted tasks for global ones', () => {
    const tasks = [task({ id: 'a', service: 's', slot: 1, state: 'running' }), task({ id: 'b', service: 's', slot: 2, state: 'preparing' }), task({ id: 'c', service: 's', slot: 1, state: 'shutdown', desired: 'shutdown' })];
    assert.deepEqual(replicaCount(service({ id: 's', name: 'web', replicas: 3 }), tasks), { running: 1, desired: 3 });
    assert.deepEqual(replicaCount(service({ id: 's', name: 'agent', global: true }), tasks), { running: 1, desired: 2 });
    // Without tasks: the engine's own ServiceStatus count.
    assert.deepEqual(replicaCount(service({ id: 's', name: 'web', replicas: 3 }), undefined), { running: 1, desired: 3 });
    // A running task the engine wants stopped does not count as running.
    assert.deepEqual(replicaCount(service({ id: 's', name: 'web', replicas: 1 }), [task({ id: 'x', service: 's', state: 'running', desired: 'shutdown' })]), { running: 0, desired: 1 });
  });

  it('hides failed and shut-down tasks unless asked, and orders by slot, newest first', () => {
    const tasks = [
      task({ id: 'old', service: 's', slot: 1, state: 'failed', desired: 'shutdown', err: 'exit 1', created: '2026-11-30T04:00:00Z' }),
      task({ id: 'two', service: 's', slot: 2, state: 'running' }),
      task({ id: 'new', service: 's', slot: 1, state: 'running', created: '2026-11-30T05:00:00Z' }),
      task({ id: 'done', service: 's', slot: 3, state: 'shutdown', desired: 'shutdown' }),
    ];
    assert.deepEqual(visibleTasks(tasks, false).map((t) => t.id), ['new', 'two']);
    assert.deepEqual(visibleTasks(tasks, true).map((t) => t.id), ['new', 'old', 'two', 'done']);
  });

  it('groups services by stack and keeps the others apart, sorted by name', () => {
    const services = [
      service({ id: '1', name: 'shop_web', labels: { 'com.docker.stack.namespace': 'shop' } }),
      service({ id: '2', name: 'lone' }),
      service({ id: '3', name: 'shop_api', labels: { 'com.docker.stack.namespace': 'shop' } }),
      service({ id: '4', name: 'a_db', labels: { 'com.docker.stack.namespace': 'a' } }),
    ];
    const { stacks, loose } = groupByStack(services);
    assert.deepEqual(stacks.map((s) => [s.name, s.services.map((x) => x.name)]), [['a', ['a_db']], ['shop', ['shop_api', 'shop_web']]]);
    assert.deepEqual(loose.map((s) => s.name), ['lone']);
  });

  it('puts the leader first, then managers, then workers', () => {
    const node = (id: string, role: string, leader = false): object => ({ ID: id, Spec: { Role: role }, Description: { Hostname: id }, ...(role === 'manager' ? { ManagerStatus: { Leader: leader } } : {}) });
    const nodes = [node('w1', 'worker'), node('m2', 'manager'), node('a-worker', 'worker'), node('m1', 'manager', true)].map(toSwarmNode);
    assert.deepEqual(sortNodes(nodes).map((n) => n.id), ['m1', 'm2', 'a-worker', 'w1']);
  });

  it('names the services that use a secret or config', () => {
    const services = [service({ id: '1', name: 'web', secrets: [{ SecretID: 'sec1', SecretName: 'db-password' }] }), service({ id: '2', name: 'api' })];
    assert.deepEqual(servicesUsing('secret', 'sec1', services).map((s) => s.name), ['web']);
    assert.deepEqual(servicesUsing('config', 'sec1', services), []);
  });

  it('knows when an update is rolling out, and what to say when one stopped short', () => {
    const at = (state: string, message = ''): SwarmService => service({ id: 's', name: 'web', update: { State: state, Message: message, StartedAt: '2026-11-30T05:00:00Z' } });
    assert.equal(updateInProgress(at('updating')), true);
    assert.equal(updateInProgress(at('rollback_started')), true);
    for (const done of ['completed', 'paused', 'rollback_completed', 'rollback_paused']) assert.equal(updateInProgress(at(done)), false, done);
    assert.equal(updateInProgress(service({ id: 's', name: 'web' })), false);
    assert.match(updateProblem(at('paused', 'update paused due to failure or early termination of task x'))!, /paused: update paused due to failure/);
    assert.match(updateProblem(at('rollback_completed', 'rollback completed'))!, /failed and was rolled back/);
    assert.equal(updateProblem(at('rollback_completed', 'manually requested rollback')), undefined);
    assert.equal(updateProblem(at('completed', 'update completed')), undefined);
  });
});

describe('what the update poll follows', () => {
  const snapshot = (services: SwarmService[], tasks: [string, SwarmTask[]][]): SwarmSnapshot => ({ ...EMPTY_SWARM, services, tasks: new Map(tasks) });

  it('follows a rolling update, and tasks still converging within the settle window after their event', () => {
    const updating = service({ id: 'u', name: 'u', update: { State: 'updating' } });
    const scaled = service({ id: 's', name: 's', replicas: 2 });
    const steady = service({ id: 'd', name: 'd' });
    const snap = snapshot([updating, scaled, steady], [
      ['s', [task({ id: 't1', service: 's', state: 'running' }), task({ id: 't2', service: 's', state: 'preparing', node: 'n2' })]],
      ['d', [task({ id: 't3', service: 'd', state: 'running', node: 'n2' })]],
    ]);
    const now = 1_000_000;
    assert.deepEqual(followedKeys(snap, new Map(), now), ['service:u']);
    assert.deepEqual(followedKeys(snap, new Map([['service:s', now + 1], ['service:d', now + 1]]), now), ['service:u', 'service:s']);
    // The window has ended: a task stuck in `pending` (no node fits) is not polled forever.
    assert.deepEqual(followedKeys(snap, new Map([['service:s', now]]), now), ['service:u']);
    assert.deepEqual(keysSettlingAfter('service:s', snap), ['service:s']);
    assert.deepEqual(keysSettlingAfter('node:n2', snap).sort(), ['node:n2', 'service:d', 'service:s']);
    assert.deepEqual(keysSettlingAfter('secrets', snap), []);
  });

  it('follows a promoted node until it is in the managers\' raft, and a demoted one until it has left', () => {
    const node = (role: string, manager: boolean): SwarmNode => toSwarmNode({ ID: 'n3', Spec: { Role: role }, ...(manager ? { ManagerStatus: { Reachability: 'reachable' } } : {}) });
    assert.equal(nodeConverging(node('manager', false)), true);
    assert.equal(nodeConverging(node('manager', true)), false);
    assert.equal(nodeConverging(toSwarmNode({ ID: 'n3', Spec: { Role: 'manager' }, ManagerStatus: { Reachability: 'unreachable' } })), true, 'promoted, not in the raft yet');
    assert.equal(nodeConverging(node('worker', true)), true);
    assert.equal(nodeConverging(node('worker', false)), false);
    const snap: SwarmSnapshot = { ...EMPTY_SWARM, nodes: [node('manager', false)] };
    assert.deepEqual(followedKeys(snap, new Map([['node:n3', 2]]), 1), ['node:n3']);
    assert.deepEqual(followedKeys(snap, new Map(), 1), []);
  });

  it('calls tasks converged once each is where the engine wants it', () => {
    assert.equal(tasksConverging([task({ id: 'a', service: 's', state: 'running' }), task({ id: 'b', service: 's', state: 'shutdown', desired: 'shutdown' })]), false);
    assert.equal(tasksConverging([task({ id: 'a', service: 's', state: 'starting' })]), true);
    assert.equal(tasksConverging([task({ id: 'a', service: 's', state: 'running', desired: 'shutdown' })]), true);
    assert.equal(tasksConverging([task({ id: 'a', service: 's', state: 'failed' })]), false);
  });
});
