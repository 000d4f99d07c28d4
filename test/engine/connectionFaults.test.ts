import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parseDockerHost } from '../../src/engine/endpoint';
import { EngineConnection } from '../../src/engine/engineConnection';
import type { EngineEvent } from '../../src/engine/types';
import { createTestContainer, removeTestContainers, runId, waitFor } from '../support/docker';
import { startUnixProxy, type UnixSocketProxy } from '../support/socketProxy';

const run = promisify(execFile);

describe('engine connection faults', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-faults-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await removeTestContainers();
  });

  describe('a dropped event stream', () => {
    let proxy: UnixSocketProxy;
    let connection: EngineConnection;
    after(async () => {
      connection?.dispose();
      await proxy?.close();
    });

    it('reconnects by itself and replays what happened meanwhile (since)', async () => {
      proxy = await startUnixProxy(path.join(dir, 'docker.sock'));
      connection = new EngineConnection(parseDockerHost(`unix://${proxy.path}`, { source: 'setting', contextName: 'default' }), {
        requestTimeoutMs: 5000,
        backoff: { initialMs: 50, maxMs: 400 },
      });
      const events: EngineEvent[] = [];
      let resyncs = 0;
      connection.events.onEvent((e) => events.push(e));
      connection.onDidResync(() => resyncs++);
      connection.start();
      await waitFor('connected', () => connection.state.kind === 'connected');
      // One event first, so the stream has a position to resume from.
      const before = await createTestContainer(`berth-before-${runId}`);
      await waitFor('the first create event', () => events.some((e) => e.id === before && e.action === 'create'));

      // Lose the connection several times over: it must never give up (Container Tools stops after three).
      for (let i = 0; i < 4; i++) {
        await proxy.cut();
        await waitFor(`unreachable after cut ${i + 1}`, () => connection.state.kind === 'unreachable');
        await proxy.restore();
        await waitFor(`connected after restore ${i + 1}`, () => connection.state.kind === 'connected', 5000);
      }
      assert.equal(resyncs, 5, 'one resync for the first connect and one per reconnect');

      await proxy.cut();
      await waitFor('unreachable', () => connection.state.kind === 'unreachable');
      const during = await createTestContainer(`berth-during-${runId}`);
      await proxy.restore();
      await waitFor('the create that happened while disconnected', () => events.some((e) => e.id === during && e.action === 'create'), 5000);
    });
  });

  describe('permission denied on the socket', () => {
    it('says to join the docker group (a real EACCES: a process as user nobody)', async () => {
      chmodSync(dir, 0o755); // mkdtemp makes it private to root
      const script = path.join(dir, 'ping-as-nobody.js');
      const clientModule = path.resolve(__dirname, '../../src/engine/client.js');
      const endpointModule = path.resolve(__dirname, '../../src/engine/endpoint.js');
      writeFileSync(
        script,
        `const { EngineClient } = require(${JSON.stringify(clientModule)});
         const { parseDockerHost } = require(${JSON.stringify(endpointModule)});
         new EngineClient(parseDockerHost('unix:///var/run/docker.sock', { source: 'default', contextName: 'default' }), { requestTimeoutMs: 3000 })
           .ping().then(() => console.log(JSON.stringify({ ok: true })), (e) => console.log(JSON.stringify({ kind: e.kind, message: e.userMessage })));`,
      );
      const { stdout } = await run('runuser', ['-u', 'nobody', '--', process.execPath, script], { env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../../node_modules') } });
      const result = JSON.parse(stdout.trim()) as { kind?: string; message?: string; ok?: boolean };
      assert.equal(result.kind, 'permission', stdout);
      assert.match(result.message ?? '', /docker group/);
    });
  });
});
