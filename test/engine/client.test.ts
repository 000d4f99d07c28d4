import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../src/engine/client';
import { parseDockerHost } from '../../src/engine/endpoint';
import { EngineError } from '../../src/engine/errors';
import { EngineEventStream } from '../../src/engine/eventStream';
import type { EngineEvent } from '../../src/engine/types';
import { createTestContainer, docker, removeTestContainers, runId, waitFor } from '../support/docker';

const endpoint = parseDockerHost('unix:///var/run/docker.sock', { source: 'default', contextName: 'default' });

describe('EngineClient against the real daemon', () => {
  const client = new EngineClient(endpoint, { requestTimeoutMs: 10_000 });
  after(async () => {
    client.dispose();
    await removeTestContainers();
  });

  it('pings and reads the version', async () => {
    await client.ping();
    const v = await client.version();
    assert.match(v.version, /^\d+\.\d+/);
    assert.match(v.apiVersion, /^1\.\d+$/);
    assert.equal(v.os, 'linux');
  });

  it('walks a container through created, running, paused, exited and removed', async () => {
    const name = `berth-life-${runId}`;
    const id = await createTestContainer(name);
    const state = async (): Promise<string | undefined> => (await client.containers.list()).find((c) => c.id === id)?.state;
    const summary = (await client.containers.list()).find((c) => c.id === id);
    assert.equal(summary?.name, name);
    assert.equal(summary?.state, 'created');
    assert.equal(summary?.labels['berth.test'], runId);

    await client.containers.start(id);
    assert.equal(await state(), 'running');
    await client.containers.start(id); // 304 "already started" is success, not an error
    await client.containers.pause(id);
    assert.equal(await state(), 'paused');
    assert.equal(await docker(['inspect', '-f', '{{.State.Paused}}', id]), 'true');
    await client.containers.unpause(id);
    assert.equal(await state(), 'running');
    await client.containers.restart(id);
    assert.equal(await state(), 'running');
    await client.containers.stop(id);
    assert.equal(await state(), 'exited');
    await client.containers.remove(id);
    assert.equal(await state(), undefined);
  });

  it('lists only the containers an event names, in one request', async () => {
    const a = await createTestContainer(`berth-ids-a-${runId}`);
    const b = await createTestContainer(`berth-ids-b-${runId}`);
    await createTestContainer(`berth-ids-c-${runId}`);
    const some = await client.containers.list({ ids: [a, b, 'f'.repeat(64)] });
    assert.deepEqual(some.map((c) => c.id).sort(), [a, b].sort());
  });

  it('classifies engine refusals: not found and conflict', async () => {
    await assert.rejects(client.containers.stop('berth-no-such-container'), (e: EngineError) => e.kind === 'notFound' && /No such container/.test(e.message));
    const id = await createTestContainer(`berth-conflict-${runId}`, { start: true });
    await assert.rejects(client.containers.remove(id), (e: EngineError) => e.kind === 'conflict' && /running/.test(e.message));
    await client.containers.remove(id, { force: true });
  });

  it('keeps hostile compose labels as plain data and runs nothing', async () => {
    const marker = `/tmp/berth-pwn-${runId}`;
    const project = `p$(touch ${marker}) "q" \`touch ${marker}\` é 🚢`;
    const id = await createTestContainer(`berth-hostile-${runId}`, { labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': 'web;rm -rf /' } });
    const c = (await client.containers.list()).find((x) => x.id === id);
    assert.equal(c?.composeProject, project);
    assert.equal(c?.composeService, 'web;rm -rf /');
    await client.containers.remove(id, { force: true });
    assert.equal(existsSync(marker), false);
  });

  it('streams the events of a container lifecycle', async () => {
    const stream = new EngineEventStream(client);
    const seen: EngineEvent[] = [];
    stream.onEvent((e) => seen.push(e));
    stream.start();
    try {
      await waitFor('the event stream to connect', () => stream.state.kind === 'connected');
      const id = await createTestContainer(`berth-events-${runId}`, { start: true });
      await docker(['pause', id]);
      await docker(['unpause', id]);
      await docker(['rm', '-f', id]);
      const actions = await waitFor('create…destroy events', () => {
        const mine = seen.filter((e) => e.type === 'container' && e.id === id).map((e) => e.action);
        return mine.includes('destroy') ? mine : undefined;
      });
      for (const a of ['create', 'start', 'pause', 'unpause', 'die', 'destroy']) assert.ok(actions.includes(a), `${a} in ${actions.join(',')}`);
      assert.equal(seen.find((e) => e.id === id && e.action === 'create')?.attributes.name, `berth-events-${runId}`);
    } finally {
      stream.dispose();
    }
  });
});

describe('EngineClient failures', () => {
  it('says the daemon is not reachable when the socket does not exist', async () => {
    const c = new EngineClient(parseDockerHost('unix:///run/berth-no-such.sock', { source: 'setting', contextName: 'default' }), { requestTimeoutMs: 2000 });
    await assert.rejects(c.ping(), (e: EngineError) => e.kind === 'unreachable' && /Start Docker/.test(e.userMessage));
  });

  it('says nothing listens on a closed TCP port', async () => {
    const c = new EngineClient(parseDockerHost('tcp://127.0.0.1:1', { source: 'setting', contextName: 'default' }), { requestTimeoutMs: 2000 });
    await assert.rejects(c.ping(), (e: EngineError) => e.kind === 'unreachable');
  });

  it('times out a request the engine never answers (a silent socket stands in for a hung engine)', async () => {
    const silent = net.createServer(() => undefined); // accepts and never answers: a hang the real daemon cannot produce on demand
    const socketPath = path.join(tmpdir(), `berth-silent-${runId}.sock`);
    await new Promise<void>((resolve) => silent.listen(socketPath, () => resolve()));
    try {
      const c = new EngineClient(parseDockerHost(`unix://${socketPath}`, { source: 'setting', contextName: 'default' }), { requestTimeoutMs: 300 });
      await assert.rejects(c.containers.list(), (e: EngineError) => e.kind === 'timeout' && /did not answer within 0.3 s/.test(e.message) && /berth.requestTimeout/.test(e.nextStep));
      c.dispose();
    } finally {
      silent.close();
    }
  });

  it('cancels a request when the caller aborts', async () => {
    const c = new EngineClient(endpoint, { requestTimeoutMs: 10_000 });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(c.containers.list({ signal: controller.signal }), (e: EngineError) => e.kind === 'cancelled');
  });
});
