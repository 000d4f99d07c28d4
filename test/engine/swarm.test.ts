/**
 * The swarm client against a real three-node swarm (scripts/testbed/swarm.sh): two managers and a
 * worker, each its own dockerd in its own network namespace, plus a spare engine in no swarm.
 * This kernel has no IPVS and no ESP, so services use `--endpoint-mode dnsrr` (a virtual IP cannot
 * carry traffic here) and nothing is published through the ingress routing mesh or an encrypted
 * overlay; everything else runs on three real nodes.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { EngineClient } from '../../src/engine/client';
import { parseDockerHost } from '../../src/engine/endpoint';
import { EngineError } from '../../src/engine/errors';
import { EngineEventStream } from '../../src/engine/eventStream';
import { swarmEventKey } from '../../src/engine/swarmEvents';
import { changeNodeLabels, initSwarm, leaveSwarm, listNodes, setNodeAvailability, setNodeRole, swarmStatus } from '../../src/engine/swarmNodes';
import { createSecretLike, inspectSecretLike, listSecretLikes, removeSecretLike } from '../../src/engine/swarmSecrets';
import { forceRestartService, inspectService, removeService, rollbackService, scaleService, updateServiceImage } from '../../src/engine/swarmServices';
import { loadSwarm, relistSwarm, type SwarmSnapshot } from '../../src/engine/swarmSnapshot';
import type { EngineEvent } from '../../src/engine/types';
import { ServiceUpdatePoll } from '../../src/engine/swarmUpdatePoll';
import { groupByStack, replicaCount, servicesUsing, updateInProgress } from '../../src/explorer/swarm/swarmModel';
import { docker, runId, SERVICE_CMD, TEST_LABEL, waitFor } from '../support/docker';
import { hostInterfaces, networkNamespaces, nodeDocker, startSwarm, type TestSwarm } from '../support/swarm';

const clientFor = (host: string): EngineClient => new EngineClient(parseDockerHost(host, { source: 'default', contextName: 'default' }), { requestTimeoutMs: 20_000 });

describe('swarm client on a real three-node swarm', function () {
  this.timeout(60_000);
  let swarm: TestSwarm;
  let manager: EngineClient;
  let worker: EngineClient;
  let before_: { interfaces: string[]; namespaces: string[]; engineSwarm: string };
  const serviceName = `berth-web-${runId}`;

  /** A service on the swarm through the CLI (Berth does not create services); returns its id. */
  const createService = (name: string, extra: readonly string[], cmd: readonly string[] = SERVICE_CMD): Promise<string> =>
    nodeDocker(swarm.nodes[0], ['service', 'create', '-d', '--no-resolve-image', '--name', name, '--label', `${TEST_LABEL}=${runId}`, '--endpoint-mode', 'dnsrr', '--stop-grace-period', '1s', ...extra, swarm.image, ...cmd]);

  const snapshot = (): Promise<SwarmSnapshot> => loadSwarm(manager);
  const hostnameOf = (s: SwarmSnapshot, nodeId: string | undefined): string | undefined => s.nodes.find((n) => n.id === nodeId)?.hostname;
  /** The running tasks of a service, by node hostname. */
  const runningOn = (s: SwarmSnapshot, serviceId: string): string[] =>
    (s.tasks.get(serviceId) ?? []).filter((t) => t.state === 'running' && t.desiredState === 'running').map((t) => hostnameOf(s, t.nodeId) ?? '?').sort();

  before(async function () {
    this.timeout(120_000);
    before_ = { interfaces: hostInterfaces(), namespaces: networkNamespaces(), engineSwarm: await docker(['info', '--format', '{{.Swarm.LocalNodeState}}']) };
    swarm = await startSwarm();
    manager = clientFor(swarm.nodes[0].host);
    worker = clientFor(swarm.nodes[2].host);
  });

  after(async function () {
    this.timeout(120_000);
    manager?.dispose();
    worker?.dispose();
    await swarm?.stop();
    // The testbed engine, its network and its swarm state are as they were; nothing is left behind.
    assert.deepEqual(hostInterfaces(), before_.interfaces);
    assert.deepEqual(networkNamespaces(), before_.namespaces);
    assert.equal(await docker(['info', '--format', '{{.Swarm.LocalNodeState}}']), before_.engineSwarm);
    assert.equal(existsSync('/tmp/berth-swarm'), false);
  });

  it('reads the swarm: three nodes, two managers, node 1 the leader; a worker can see no more than its state', async () => {
    const status = await swarmStatus(manager);
    assert.equal(status.localState, 'active');
    assert.equal(status.isManager, true);
    assert.equal(status.nodes, 3);
    assert.equal(status.managers, 2);
    const nodes = await listNodes(manager);
    assert.deepEqual(nodes.map((n) => n.hostname).sort(), swarm.nodes.map((n) => n.hostname));
    const byName = new Map(nodes.map((n) => [n.hostname, n]));
    assert.equal(byName.get(swarm.nodes[0].hostname)?.leader, true);
    assert.equal(byName.get(swarm.nodes[1].hostname)?.role, 'manager');
    assert.equal(byName.get(swarm.nodes[1].hostname)?.reachability, 'reachable');
    assert.equal(byName.get(swarm.nodes[2].hostname)?.role, 'worker');
    assert.equal(byName.get(swarm.nodes[2].hostname)?.reachability, undefined);
    assert.ok(nodes.every((n) => n.state === 'ready' && n.availability === 'active' && /^\d+\.\d+/.test(n.engineVersion)));

    const fromWorker = await loadSwarm(worker);
    assert.equal(fromWorker.status?.localState, 'active');
    assert.equal(fromWorker.status?.isManager, false);
    assert.deepEqual(fromWorker.services, []);
  });

  it('initializes and leaves a single-node swarm on a spare engine', async () => {
    const spare = clientFor(swarm.spare.host);
    try {
      assert.equal((await swarmStatus(spare)).localState, 'inactive');
      const nodeId = await initSwarm(spare, swarm.spare.addr);
      const status = await swarmStatus(spare);
      assert.equal(status.localState, 'active');
      assert.equal(status.nodeId, nodeId);
      assert.equal(status.nodeAddr, swarm.spare.addr);
      await assert.rejects(leaveSwarm(spare, false), (e: EngineError) => e.kind === 'engine' && /force/i.test(e.message));
      await leaveSwarm(spare, true);
      assert.equal((await swarmStatus(spare)).localState, 'inactive');
    } finally {
      spare.dispose();
    }
  });

  let serviceId: string;

  it('lists a 3-replica service with one task on each node', async () => {
    serviceId = await createService(serviceName, ['--replicas', '3', '--update-parallelism', '1', '--update-delay', '1s', '--update-monitor', '500ms', '--rollback-parallelism', '0', '--rollback-monitor', '500ms', '--env', 'GREETING=$(touch /tmp/berth-pwn)']);
    const s = await waitFor('three running tasks, one per node', async () => {
      const snap = await snapshot();
      return runningOn(snap, serviceId).join() === swarm.nodes.map((n) => n.hostname).join() ? snap : undefined;
    }, 30_000, 100);
    const service = s.services.find((x) => x.id === serviceId);
    assert.equal(service?.name, serviceName);
    assert.equal(service?.mode, 'replicated');
    assert.equal(service?.replicas, 3);
    assert.equal(service?.image, swarm.image);
    assert.equal(service?.endpointMode, 'dnsrr');
    assert.deepEqual(service?.updateConfig && { p: service.updateConfig.parallelism, d: service.updateConfig.delayMs, m: service.updateConfig.monitorMs }, { p: 1, d: 1000, m: 500 });
    assert.deepEqual(replicaCount(service!, s.tasks.get(serviceId)), { running: 3, desired: 3 });
    assert.deepEqual([...new Set(s.tasks.get(serviceId)!.map((t) => t.slot))].sort(), [1, 2, 3]);
  });

  it('scales to 5 and back to 3', async () => {
    await scaleService(manager, serviceId, 5);
    await waitFor('5 running tasks', async () => replicaCount((await inspectService(manager, serviceId)), (await snapshot()).tasks.get(serviceId)).running === 5, 30_000, 100);
    await scaleService(manager, serviceId, 3);
    const s = await waitFor('3 running tasks again', async () => {
      const snap = await snapshot();
      return runningOn(snap, serviceId).length === 3 ? snap : undefined;
    }, 30_000, 100);
    assert.equal(s.services.find((x) => x.id === serviceId)?.replicas, 3);
    await assert.rejects(scaleService(manager, serviceId, -1), /not a replica count/);
  });

  it('follows a rolling update to a second tag from events and the update re-list, then rolls it back', async function () {
    this.timeout(90_000);
    const events: EngineEvent[] = [];
    const stream = new EngineEventStream({ events: (since, signal) => manager.events(since, signal) });
    stream.onEvent((e) => events.push(e));
    stream.start();
    let current = await snapshot();
    const relisted: string[][] = [];
    const poll = new ServiceUpdatePoll(async (ids) => {
      relisted.push([...ids]);
      current = await relistSwarm(manager, current, ids.map((id) => `service:${id}`));
      return current.services.filter((s) => ids.includes(s.id) && updateInProgress(s)).map((s) => s.id);
    });
    const states = new Set<string>();
    try {
      await waitFor('the event stream', () => stream.state.kind === 'connected');
      await updateServiceImage(manager, serviceId, swarm.imageV2);
      const updateEvent = await waitFor('a service update event', () => events.find((e) => e.type === 'service' && e.id === serviceId));
      assert.equal(swarmEventKey(updateEvent), `service:${serviceId}`);
      // The spec's event can come before the engine has set UpdateStatus: its next events (or a re-list) show it.
      current = await waitFor('UpdateStatus to say updating', async () => {
        const snap = await relistSwarm(manager, current, [swarmEventKey(updateEvent) as string]);
        const s = snap.services.find((x) => x.id === serviceId);
        return s && updateInProgress(s) ? snap : undefined;
      }, 10_000, 50);
      assert.equal(current.services.find((s) => s.id === serviceId)?.image, swarm.imageV2);
      poll.track([serviceId]);
      // The poll alone follows the tasks converging on the other nodes, and stops when the update ends.
      await waitFor('the update to complete, followed by the poll', () => {
        const s = current.services.find((x) => x.id === serviceId);
        if (s?.updateStatus) states.add(s.updateStatus.state);
        return !poll.active && s?.updateStatus?.state === 'completed';
      }, 60_000, 50);
      assert.ok(relisted.length >= 3, `re-listed ${relisted.length} times`);
      assert.deepEqual(runningOn(current, serviceId).length, 3);
      const running = current.tasks.get(serviceId)!.filter((t) => t.desiredState === 'running');
      assert.ok(running.every((t) => t.image === swarm.imageV2), running.map((t) => t.image).join());
      assert.ok(states.has('updating'));

      await rollbackService(manager, serviceId);
      current = await snapshot();
      poll.track(current.services.filter(updateInProgress).map((s) => s.id));
      await waitFor('the rollback to complete', () => {
        const s = current.services.find((x) => x.id === serviceId);
        return !poll.active && s?.updateStatus?.state === 'rollback_completed' && runningOn(current, serviceId).length === 3;
      }, 60_000, 50);
      assert.equal(current.services.find((x) => x.id === serviceId)?.image, swarm.image);
      await assert.rejects(rollbackService(manager, 'no-such-service'), (e: EngineError) => e.kind === 'notFound');
    } finally {
      poll.dispose();
      stream.dispose();
    }
  });

  it('drains node 3: its tasks move to the managers; activating it takes new tasks again', async () => {
    const n3 = (await listNodes(manager)).find((n) => n.hostname === swarm.nodes[2].hostname)!;
    await setNodeAvailability(manager, n3.id, 'drain');
    let current = await snapshot();
    assert.equal(current.nodes.find((n) => n.id === n3.id)?.availability, 'drain');
    // What a node event re-lists: the tasks of every service that had a task there.
    current = await waitFor('no task left on node 3', async () => {
      const s = await relistSwarm(manager, current, [`node:${n3.id}`]);
      current = s;
      const on = runningOn(s, serviceId);
      return on.length === 3 && !on.includes(swarm.nodes[2].hostname) ? s : undefined;
    }, 30_000, 100);
    await setNodeAvailability(manager, n3.id, 'active');
    assert.equal((await listNodes(manager)).find((n) => n.id === n3.id)?.availability, 'active');
  });

  it('promotes the worker and demotes it again', async () => {
    const n3 = (await listNodes(manager)).find((n) => n.hostname === swarm.nodes[2].hostname)!;
    await setNodeRole(manager, n3.id, 'manager');
    await waitFor('node 3 a reachable manager', async () => (await listNodes(manager)).find((n) => n.id === n3.id)?.reachability === 'reachable', 30_000, 100);
    assert.equal((await swarmStatus(manager)).managers, 3);
    await setNodeRole(manager, n3.id, 'worker');
    await waitFor('node 3 a worker again', async () => {
      const n = (await listNodes(manager)).find((x) => x.id === n3.id);
      return n?.role === 'worker' && n.reachability === undefined;
    }, 30_000, 100);
    await waitFor('node 3 no longer a manager by its own account', async () => (await swarmStatus(worker)).isManager === false, 30_000, 100);
  });

  it('adds and removes node labels, hostile text kept as text', async () => {
    const n2 = (await listNodes(manager)).find((n) => n.hostname === swarm.nodes[1].hostname)!;
    const hostile = `z$(touch /tmp/berth-pwn-${runId}) "q" \`id\` é 🚢`;
    await changeNodeLabels(manager, n2.id, { add: { zone: hostile, ssd: '' } });
    assert.deepEqual((await listNodes(manager)).find((n) => n.id === n2.id)?.labels, { zone: hostile, ssd: '' });
    await changeNodeLabels(manager, n2.id, { remove: ['zone'] });
    assert.deepEqual((await listNodes(manager)).find((n) => n.id === n2.id)?.labels, { ssd: '' });
    await changeNodeLabels(manager, n2.id, { remove: ['ssd'] });
    assert.equal(existsSync(`/tmp/berth-pwn-${runId}`), false);
  });

  it('creates a secret and a config a service uses; the value reaches the task and nothing else', async () => {
    const value = `s3cr3t-${runId}-${Date.now()}`;
    const bytes = Buffer.from(value);
    const secretId = await createSecretLike(manager, 'secret', { name: `berth-secret-${runId}`, labels: { [TEST_LABEL]: runId }, value: bytes });
    assert.ok(bytes.every((b) => b === 0), 'the value buffer is zeroed once sent');
    const configId = await createSecretLike(manager, 'config', { name: `berth-config-${runId}`, value: Buffer.from('mode=test\n') });
    assert.ok((await listSecretLikes(manager, 'secret')).some((s) => s.id === secretId && s.labels[TEST_LABEL] === runId));
    const inspected = JSON.stringify(await inspectSecretLike(manager, 'secret', secretId));
    assert.ok(!inspected.includes(value) && !inspected.includes(Buffer.from(value).toString('base64')));
    assert.ok(!JSON.stringify(await inspectSecretLike(manager, 'config', configId)).includes('"Data"'));

    const user = await createService(`berth-user-${runId}`, ['--secret', `berth-secret-${runId}`, '--config', `source=berth-config-${runId},target=/etc/berth.conf`]);
    const s = await waitFor('the secret user running', async () => {
      const snap = await snapshot();
      return runningOn(snap, user).length === 1 ? snap : undefined;
    }, 30_000, 100);
    assert.deepEqual(servicesUsing('secret', secretId, s.services).map((x) => x.name), [`berth-user-${runId}`]);
    assert.deepEqual(servicesUsing('config', configId, s.services).map((x) => x.name), [`berth-user-${runId}`]);
    const task = s.tasks.get(user)!.find((t) => t.state === 'running')!;
    const node = swarm.nodes.find((n) => n.hostname === hostnameOf(s, task.nodeId))!;
    assert.equal(await nodeDocker(node, ['exec', task.containerId!, 'cat', `/run/secrets/berth-secret-${runId}`]), value);
    assert.equal(await nodeDocker(node, ['exec', task.containerId!, 'cat', '/etc/berth.conf']), 'mode=test');

    // In use: the engine refuses, and says by whom.
    await assert.rejects(removeSecretLike(manager, 'secret', secretId), (e: EngineError) => /in use/.test(e.message) && !e.message.includes(value));
    await removeService(manager, user);
    await waitFor('the secret free again', async () => {
      await removeSecretLike(manager, 'secret', secretId);
      return true;
    }, 30_000, 200);
    await removeSecretLike(manager, 'config', configId);
    const bad = Buffer.from(value);
    await assert.rejects(createSecretLike(manager, 'secret', { name: 'bad name$(x)', value: bad }), (e: EngineError) => /not a valid name/.test(e.message) && !e.message.includes(value));
    assert.ok(bad.every((b) => b === 0), 'a refused value is zeroed too');
  });

  it('groups a deployed stack by its namespace label', async () => {
    const stack = `berthstack${runId}`;
    await nodeDocker(swarm.nodes[0], ['service', 'create', '-d', '--no-resolve-image', '--name', `${stack}_web`, '--label', `com.docker.stack.namespace=${stack}`, '--label', `${TEST_LABEL}=${runId}`, '--endpoint-mode', 'dnsrr', '--mode', 'global', swarm.image, ...SERVICE_CMD]);
    const s = await snapshot();
    const { stacks, loose } = groupByStack(s.services);
    assert.deepEqual(stacks.find((g) => g.name === stack)?.services.map((x) => x.name), [`${stack}_web`]);
    assert.equal(stacks.find((g) => g.name === stack)?.services[0]?.mode, 'global');
    assert.ok(loose.some((x) => x.name === serviceName));
    await removeService(manager, stacks.find((g) => g.name === stack)!.services[0]!.id);
  });

  it('force-restarts a service: every task is replaced', async () => {
    const one = await createService(`berth-restart-${runId}`, []);
    const first = await waitFor('its task running', async () => (await snapshot()).tasks.get(one)?.find((t) => t.state === 'running'), 30_000, 100);
    await forceRestartService(manager, one);
    await waitFor('a new running task', async () => {
      const running = (await snapshot()).tasks.get(one)!.filter((t) => t.state === 'running' && t.desiredState === 'running');
      return running.length === 1 && running[0]!.id !== first.id;
    }, 30_000, 100);
    await removeService(manager, one);
  });

  it('removes a service; a stale id is "not found"', async () => {
    await removeService(manager, serviceId);
    assert.equal((await snapshot()).services.some((s) => s.id === serviceId), false);
    await assert.rejects(removeService(manager, serviceId), (e: EngineError) => e.kind === 'notFound');
    await assert.rejects(scaleService(manager, 'bad/../id', 1), /not a swarm object id/);
    assert.equal(existsSync('/tmp/berth-pwn'), false);
  });
});
