/**
 * TLS against a real `dockerd --tlsverify` on loopback, with certificates made in the test: the
 * right certificates connect, and each way of getting TLS wrong is reported as `tls` (the view
 * then says to check DOCKER_CERT_PATH), never as a dead daemon.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EngineClient } from '../../src/engine/client';
import { EngineConnection } from '../../src/engine/engineConnection';
import { EngineError } from '../../src/engine/errors';
import { resolveEndpoint } from '../../src/engine/resolveEndpoint';
import { docker, runId, TEST_IMAGE, TEST_LABEL, waitFor } from '../support/docker';
import { startTlsDaemon, type TlsDaemon } from '../support/tlsDaemon';

describe('a TLS engine (a real dockerd --tlsverify on loopback)', function () {
  this.timeout(30_000);
  let daemon: TlsDaemon;
  const disposables: { dispose(): void }[] = [];
  /** The machine's network interfaces before the second daemon started. */
  let interfaces: string[];

  before(async function () {
    this.timeout(120_000);
    interfaces = networkInterfaces();
    daemon = await startTlsDaemon();
  });

  afterEach(() => {
    for (const d of disposables.splice(0)) d.dispose();
  });

  after(async function () {
    this.timeout(60_000);
    await daemon?.stop();
  });

  /** The endpoint as the docker CLI would resolve it from this environment. */
  const endpointFor = (env: NodeJS.ProcessEnv): ReturnType<typeof resolveEndpoint> =>
    resolveEndpoint({ env: { DOCKER_HOST: `tcp://127.0.0.1:${daemon.port}`, ...env }, home: daemon.dir, platform: 'linux' });

  const clientFor = (env: NodeJS.ProcessEnv): EngineClient => {
    const client = new EngineClient(endpointFor(env), { requestTimeoutMs: 10_000 });
    disposables.push(client);
    return client;
  };

  it('connects with the certificates of its CA (DOCKER_TLS_VERIFY=true: any non-empty value, as the CLI)', async () => {
    const client = clientFor({ DOCKER_TLS_VERIFY: 'true', DOCKER_CERT_PATH: daemon.certs.good });
    assert.match((await client.version()).version, /^\d+\./);
    // A fresh daemon of its own: none of the testbed engine's containers.
    assert.deepEqual(await client.containers.list(), []);
  });

  const failures: { what: string; env: () => NodeJS.ProcessEnv; nextStep: RegExp }[] = [
    { what: 'a server certificate from a CA the client does not trust', env: () => ({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: daemon.certs.wrongCa }), nextStep: /DOCKER_CERT_PATH/ },
    { what: 'a client certificate the daemon does not trust', env: () => ({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: daemon.certs.wrongClient }), nextStep: /DOCKER_CERT_PATH/ },
    { what: 'plain HTTP to the TLS port', env: () => ({}), nextStep: /DOCKER_TLS_VERIFY/ },
  ];

  for (const { what, env, nextStep } of failures) {
    it(`reports ${what} as tls, and only tls`, async () => {
      await assert.rejects(clientFor(env()).ping(), (error: unknown) => {
        assert.ok(error instanceof EngineError, `not an EngineError: ${String(error)}`);
        assert.equal(error.kind, 'tls', `${error.kind}: ${error.message}`);
        assert.match(error.nextStep, nextStep);
        return true;
      });
    });

    it(`shows ${what} as the tls state of the connection the views follow`, async () => {
      const connection = new EngineConnection(endpointFor(env()), { requestTimeoutMs: 10_000, backoff: { initialMs: 50, maxMs: 400 } });
      disposables.push(connection);
      const states: string[] = [];
      connection.onDidChangeState((s) => states.push(s.kind));
      connection.start();
      await waitFor('a failed connection', () => connection.state.kind !== 'connecting', 15_000);
      // Several reconnects later it is still tls: no attempt was ever reported as something else.
      await waitFor('three attempts', () => states.length >= 3, 15_000);
      assert.deepEqual([...new Set(states)], ['tls'], `states seen: ${states.join(' → ')}`);
    });
  }

  it('refuses DOCKER_TLS_VERIFY without a ca.pem, as the CLI does, instead of trusting the system CAs', async () => {
    const noCa = fs.mkdtempSync(path.join(daemon.dir, 'no-ca-'));
    for (const f of ['cert.pem', 'key.pem']) fs.copyFileSync(path.join(daemon.certs.good, f), path.join(noCa, f));
    await assert.rejects(clientFor({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: noCa }).ping(), (error: unknown) => {
      assert.ok(error instanceof EngineError, `not an EngineError: ${String(error)}`);
      assert.equal(error.kind, 'tls');
      assert.ok(error.message.includes(path.join(noCa, 'ca.pem')), error.message);
      assert.match(error.nextStep, /unset DOCKER_TLS_VERIFY/);
      return true;
    });
  });

  it('with DOCKER_TLS (no verify) accepts a server certificate from an unknown CA, as the CLI does', async () => {
    await clientFor({ DOCKER_TLS: '1', DOCKER_CERT_PATH: daemon.certs.wrongCa }).ping();
  });

  it("stops, and leaves the machine's network interfaces and the testbed engine as they were", async function () {
    this.timeout(60_000);
    await daemon.stop();
    // A second dockerd shares the network namespace: one started with --bridge=none deletes docker0.
    assert.deepEqual(networkInterfaces(), interfaces);
    await docker(['run', '--rm', '--label', `${TEST_LABEL}=${runId}`, TEST_IMAGE, 'true']);
  });
});

function networkInterfaces(): string[] {
  return fs.readdirSync('/sys/class/net').sort();
}
