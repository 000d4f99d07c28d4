/**
 * An ssh:// engine, as the docker CLI reaches one: a real sshd on a loopback port (started by the
 * test, with its own keys) in front of the real daemon, and an ssh agent holding the client key.
 */
import * as assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { EngineClient } from '../../src/engine/client';
import { parseDockerHost } from '../../src/engine/endpoint';
import type { EngineError } from '../../src/engine/errors';
import { freePort } from '../harness/codeServer';
import { createTestContainer, removeTestContainers, runId, waitFor } from '../support/docker';

const run = promisify(execFile);

describe('an ssh:// engine', function () {
  this.timeout(60_000);
  let dir: string;
  let sshd: ChildProcess | undefined;
  let agentPid: string | undefined;
  let port: number;
  const savedAgent = process.env.SSH_AUTH_SOCK;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-ssh-'));
    mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege-separation folder
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'host_key')]);
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'client_key')]);
    await run('cp', [path.join(dir, 'client_key.pub'), path.join(dir, 'authorized_keys')]);
    port = await freePort();
    writeFileSync(
      path.join(dir, 'sshd_config'),
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${path.join(dir, 'host_key')}`,
        `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
        `PidFile ${path.join(dir, 'sshd.pid')}`,
        'PermitRootLogin prohibit-password',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'StrictModes no',
        '',
      ].join('\n'),
    );
    sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: 'ignore' });
    const agent = await run('ssh-agent', ['-s', '-a', path.join(dir, 'agent.sock')]);
    agentPid = /SSH_AGENT_PID=(\d+)/.exec(agent.stdout)?.[1];
    process.env.SSH_AUTH_SOCK = path.join(dir, 'agent.sock');
    await run('ssh-add', ['-q', path.join(dir, 'client_key')], { env: { ...process.env } });
    await waitFor('sshd to listen', async () => {
      const probe = await run('ssh-keyscan', ['-p', String(port), '127.0.0.1']).catch(() => ({ stdout: '' }));
      return probe.stdout.includes('ssh-ed25519');
    });
  });

  after(async () => {
    sshd?.kill();
    if (agentPid) process.kill(Number(agentPid));
    if (savedAgent === undefined) delete process.env.SSH_AUTH_SOCK;
    else process.env.SSH_AUTH_SOCK = savedAgent;
    rmSync(dir, { recursive: true, force: true });
    await removeTestContainers();
  });

  it('reads the version and lists containers through ssh and docker system dial-stdio', async () => {
    const id = await createTestContainer(`berth-ssh-${runId}`);
    const client = new EngineClient(parseDockerHost(`ssh://root@127.0.0.1:${port}`, { source: 'setting', contextName: 'default' }), { requestTimeoutMs: 20_000 });
    try {
      const version = await client.version();
      assert.match(version.version, /^\d+\./);
      const listed = await client.listContainers();
      assert.ok(listed.some((c) => c.id === id), 'the test container is listed over ssh');
    } finally {
      client.dispose();
    }
  });

  it('says the engine is unreachable, with an ssh hint, when the key is not accepted', async () => {
    const client = new EngineClient(parseDockerHost(`ssh://nobody@127.0.0.1:${port}`, { source: 'setting', contextName: 'default' }), { requestTimeoutMs: 20_000 });
    try {
      await assert.rejects(client.ping(), (e: EngineError) => e.kind === 'unreachable' && /ssh to the host/.test(e.nextStep));
    } finally {
      client.dispose();
    }
  });
});
