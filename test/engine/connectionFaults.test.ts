import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { EngineClient } from '../../src/engine/client';
import { parseDockerHost } from '../../src/engine/endpoint';
import { EngineConnection } from '../../src/engine/engineConnection';
import type { EngineError } from '../../src/engine/errors';
import { resolveEndpoint } from '../../src/engine/resolveEndpoint';
import type { EngineEvent } from '../../src/engine/types';
import { createTestContainer, removeTestContainers, runId, waitFor } from '../support/docker';
import { startTlsProxy, startUnixProxy, type UnixSocketProxy } from '../support/socketProxy';

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

  describe('TLS', () => {
    let certs: string;
    let proxy: { port: number; readonly connections: number; close(): Promise<void> };
    const pem = (f: string): Buffer => readFileSync(path.join(certs, f));

    before(async function () {
      this.timeout(30_000);
      certs = path.join(dir, 'certs');
      await run('mkdir', ['-p', certs]);
      const ssl = (args: string[]): Promise<unknown> => run('openssl', args, { cwd: certs });
      await ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=berth-test-ca', '-keyout', 'ca-key.pem', '-out', 'ca.pem']);
      writeFileSync(path.join(certs, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
      await ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'server-key.pem', '-out', 'server.csr']);
      await ssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '1', '-extfile', 'server.ext', '-out', 'server-cert.pem']);
      writeFileSync(path.join(certs, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
      await ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=client', '-keyout', 'key.pem', '-out', 'client.csr']);
      await ssl(['x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '1', '-extfile', 'client.ext', '-out', 'cert.pem']);
      proxy = await startTlsProxy({ key: pem('server-key.pem'), cert: pem('server-cert.pem'), ca: pem('ca.pem'), requireClientCert: true });
    });
    after(() => proxy?.close());

    const fromEnv = (env: NodeJS.ProcessEnv): EngineClient =>
      new EngineClient(resolveEndpoint({ env: { DOCKER_HOST: `tcp://127.0.0.1:${proxy.port}`, ...env }, home: dir, platform: 'linux' }), { requestTimeoutMs: 5000 });

    it('connects with DOCKER_TLS_VERIFY=true (any non-empty value, as the CLI) and DOCKER_CERT_PATH', async () => {
      const client = fromEnv({ DOCKER_TLS_VERIFY: 'true', DOCKER_CERT_PATH: certs });
      const v = await client.version();
      assert.match(v.version, /^\d+\./);
    });

    it('reports a TLS problem, not a dead daemon, when plain HTTP meets the TLS port', async () => {
      const client = fromEnv({});
      await assert.rejects(client.ping(), (e: EngineError) => e.kind === 'tls' || e.kind === 'unreachable');
    });

    it('reports an untrusted server certificate as TLS', async () => {
      const otherCa = path.join(dir, 'other');
      await run('mkdir', ['-p', otherCa]);
      await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=other', '-keyout', 'k.pem', '-out', 'ca.pem'], { cwd: otherCa });
      for (const f of ['cert.pem', 'key.pem']) writeFileSync(path.join(otherCa, f), pem(f));
      const client = fromEnv({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: otherCa });
      await assert.rejects(client.ping(), (e: EngineError) => e.kind === 'tls' && /DOCKER_CERT_PATH/.test(e.nextStep));
    });

    it('refuses DOCKER_TLS_VERIFY without a ca.pem, as the CLI does, instead of trusting the system CAs', async () => {
      const noCa = path.join(dir, 'no-ca');
      await run('mkdir', ['-p', noCa]);
      for (const f of ['cert.pem', 'key.pem']) writeFileSync(path.join(noCa, f), pem(f));
      const before = proxy.connections;
      const client = fromEnv({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: noCa });
      await assert.rejects(client.ping(), (e: EngineError) => {
        assert.equal(e.kind, 'tls');
        assert.ok(e.message.includes(path.join(noCa, 'ca.pem')), e.message);
        assert.match(e.nextStep, /unset DOCKER_TLS_VERIFY/);
        return true;
      });
      assert.equal(proxy.connections, before, 'refused before connecting');
    });

    it('with DOCKER_TLS (no verify) accepts the unknown server certificate, as the CLI does', async () => {
      const otherCa = path.join(dir, 'other');
      const client = fromEnv({ DOCKER_TLS: '1', DOCKER_CERT_PATH: otherCa });
      await client.ping();
    });
  });
});
