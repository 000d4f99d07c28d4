import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseDockerHost } from '../../../src/engine/endpoint';
import { currentContextName, listDockerContexts } from '../../../src/engine/dockerContext';
import { resolveEndpoint, type ResolveInput } from '../../../src/engine/resolveEndpoint';

describe('engine resolution', () => {
  let home: string;
  const input = (over: Partial<ResolveInput> = {}): ResolveInput => ({ env: {}, home, platform: 'linux', ...over });

  function writeContext(name: string, host: string, opts: { tls?: boolean; skipVerify?: boolean; description?: string } = {}): void {
    const digest = createHash('sha256').update(name).digest('hex');
    const meta = path.join(home, '.docker', 'contexts', 'meta', digest);
    mkdirSync(meta, { recursive: true });
    writeFileSync(
      path.join(meta, 'meta.json'),
      JSON.stringify({ Name: name, Metadata: { Description: opts.description ?? '' }, Endpoints: { docker: { Host: host, SkipTLSVerify: opts.skipVerify ?? false } } }),
    );
    if (opts.tls) {
      const tls = path.join(home, '.docker', 'contexts', 'tls', digest, 'docker');
      mkdirSync(tls, { recursive: true });
      for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(tls, f), 'pem');
    }
  }

  function setCurrentContext(name: string): void {
    mkdirSync(path.join(home, '.docker'), { recursive: true });
    writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ auths: {}, currentContext: name }));
  }

  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), 'berth-home-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('falls back to the platform default socket', () => {
    const e = resolveEndpoint(input());
    assert.equal(e.transport, 'unix');
    assert.equal(e.socketPath, '/var/run/docker.sock');
    assert.equal(e.source, 'default');
    assert.equal(e.contextName, 'default');
  });

  it('uses the named pipe on Windows', () => {
    const e = resolveEndpoint(input({ platform: 'win32' }));
    assert.equal(e.transport, 'npipe');
    assert.equal(e.socketPath, '//./pipe/docker_engine');
  });

  it('prefers the setting over DOCKER_HOST, and DOCKER_HOST over the context', () => {
    writeContext('remote', 'ssh://me@box');
    setCurrentContext('remote');
    assert.equal(resolveEndpoint(input({ hostSetting: 'tcp://10.1.1.1:2375', env: { DOCKER_HOST: 'unix:///tmp/x.sock' } })).host, 'tcp://10.1.1.1:2375');
    const fromEnv = resolveEndpoint(input({ env: { DOCKER_HOST: 'unix:///tmp/x.sock' } }));
    assert.equal(fromEnv.source, 'env');
    assert.equal(fromEnv.socketPath, '/tmp/x.sock');
    const fromContext = resolveEndpoint(input());
    assert.equal(fromContext.source, 'context');
    assert.equal(fromContext.contextName, 'remote');
    assert.equal(fromContext.transport, 'ssh');
    assert.equal(fromContext.username, 'me');
    assert.equal(fromContext.hostname, 'box');
    assert.equal(fromContext.port, 22);
  });

  it('puts the workspace choice first', () => {
    writeContext('other', 'tcp://192.168.7.7:2375');
    const e = resolveEndpoint(input({ workspaceChoice: { context: 'other' }, hostSetting: 'tcp://10.1.1.1:2375', env: { DOCKER_HOST: 'unix:///tmp/x.sock' } }));
    assert.equal(e.source, 'workspace');
    assert.equal(e.hostname, '192.168.7.7');
  });

  it('DOCKER_CONTEXT beats currentContext, and reads the context TLS files', () => {
    writeContext('a', 'tcp://a.example:2376', { tls: true });
    writeContext('b', 'tcp://b.example:2375');
    setCurrentContext('b');
    const e = resolveEndpoint(input({ env: { DOCKER_CONTEXT: 'a' } }));
    assert.equal(e.hostname, 'a.example');
    assert.equal(e.tls?.verify, true);
    assert.match(e.tls?.caPath ?? '', /contexts\/tls\/[0-9a-f]{64}\/docker\/ca\.pem$/);
  });

  it('honours SkipTLSVerify in a context', () => {
    writeContext('insecure', 'tcp://c.example:2376', { tls: true, skipVerify: true });
    const e = resolveEndpoint(input({ contextSetting: 'insecure' }));
    assert.equal(e.tls?.verify, false);
  });

  it('treats any non-empty DOCKER_TLS_VERIFY as verify, like the CLI (not only "1")', () => {
    const certs = path.join(home, 'certs');
    mkdirSync(certs);
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(certs, f), 'pem');
    for (const value of ['1', 'true', 'yes', '0']) {
      const e = resolveEndpoint(input({ env: { DOCKER_HOST: 'tcp://10.0.0.2:2375', DOCKER_TLS_VERIFY: value, DOCKER_CERT_PATH: certs } }));
      assert.equal(e.tls?.verify, true, `DOCKER_TLS_VERIFY=${value}`);
      assert.equal(e.tls?.certPath, path.join(certs, 'cert.pem'));
    }
    const plain = resolveEndpoint(input({ env: { DOCKER_HOST: 'tcp://10.0.0.2:2375', DOCKER_TLS_VERIFY: '' } }));
    assert.equal(plain.tls, undefined);
    const tlsOnly = resolveEndpoint(input({ env: { DOCKER_HOST: 'tcp://10.0.0.2:2376', DOCKER_TLS: '1' } }));
    assert.equal(tlsOnly.tls?.verify, false);
  });

  it('defaults DOCKER_CERT_PATH to ~/.docker', () => {
    mkdirSync(path.join(home, '.docker'), { recursive: true });
    writeFileSync(path.join(home, '.docker', 'ca.pem'), 'pem');
    const e = resolveEndpoint(input({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' } }));
    assert.equal(e.tls?.caPath, path.join(home, '.docker', 'ca.pem'));
  });

  it('with DOCKER_TLS_VERIFY, names ca.pem even when it is missing, so the client refuses as the CLI does', () => {
    const certs = path.join(home, 'no-ca');
    mkdirSync(certs);
    for (const f of ['cert.pem', 'key.pem']) writeFileSync(path.join(certs, f), 'pem');
    const verify = resolveEndpoint(input({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs } }));
    assert.equal(verify.tls?.caPath, path.join(certs, 'ca.pem'));
    const encryptOnly = resolveEndpoint(input({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS: '1', DOCKER_CERT_PATH: certs } }));
    assert.equal(encryptOnly.tls?.caPath, undefined);
  });

  it('honours DOCKER_CONFIG for contexts', () => {
    const alt = path.join(home, 'alt');
    mkdirSync(alt);
    const digest = createHash('sha256').update('alt-ctx').digest('hex');
    mkdirSync(path.join(alt, 'contexts', 'meta', digest), { recursive: true });
    writeFileSync(path.join(alt, 'contexts', 'meta', digest, 'meta.json'), JSON.stringify({ Name: 'alt-ctx', Endpoints: { docker: { Host: 'unix:///alt.sock' } } }));
    writeFileSync(path.join(alt, 'config.json'), JSON.stringify({ currentContext: 'alt-ctx' }));
    const e = resolveEndpoint(input({ env: { DOCKER_CONFIG: alt } }));
    assert.equal(e.socketPath, '/alt.sock');
  });

  it('says how to fix a missing context or a broken config.json', () => {
    setCurrentContext('gone');
    assert.throws(() => resolveEndpoint(input()), /Docker context "gone" does not exist.*docker context ls/);
    writeFileSync(path.join(home, '.docker', 'config.json'), '{ not json');
    assert.throws(() => currentContextName({}, path.join(home, '.docker')), /config\.json is not valid JSON/);
  });

  it('lists contexts sorted and skips broken ones', () => {
    writeContext('zeta', 'tcp://z:2375', { description: 'last' });
    writeContext('alpha', 'ssh://a');
    const broken = path.join(home, '.docker', 'contexts', 'meta', 'deadbeef');
    mkdirSync(broken, { recursive: true });
    writeFileSync(path.join(broken, 'meta.json'), '{');
    assert.deepEqual(listDockerContexts(path.join(home, '.docker')).map((c) => [c.name, c.host, c.description]), [
      ['alpha', 'ssh://a', ''],
      ['zeta', 'tcp://z:2375', 'last'],
    ]);
  });
});

describe('parseDockerHost', () => {
  const parse = (h: string) => parseDockerHost(h, { source: 'setting', contextName: 'default' });

  it('implies tcp:// and the plain port without TLS', () => {
    const e = parse('10.0.0.5');
    assert.equal(e.transport, 'tcp');
    assert.equal(e.port, 2375);
  });

  it('reads IPv6, ports and users', () => {
    assert.equal(parse('tcp://[::1]:2375').hostname, '::1');
    const s = parse('ssh://deploy@build.example:2222');
    assert.deepEqual([s.username, s.hostname, s.port], ['deploy', 'build.example', 2222]);
    assert.equal(s.portGiven, true);
    assert.equal(parse('ssh://build.example').portGiven, undefined, 'no port written: ~/.ssh/config decides');
    assert.equal(parse('npipe:////./pipe/docker_engine').socketPath, '//./pipe/docker_engine');
  });

  it('rejects what the CLI rejects, with a hint', () => {
    assert.throws(() => parse('unix://'), /no socket path/);
    assert.throws(() => parse('ftp://x'), /unsupported scheme "ftp:\/\/"/);
    assert.throws(() => parse('   '), /empty/);
  });
});
