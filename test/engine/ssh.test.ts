/**
 * An ssh:// engine, as the docker CLI reaches one: a real sshd on a loopback port (started by the
 * test, with its own keys) in front of the real daemon, an ssh agent holding the client key, and
 * the system ssh client. The only stand-in: ssh reads ~/.ssh/config from the passwd home, which a
 * test must not touch, so an `ssh` on PATH runs the real /usr/bin/ssh with `-F` and the test's
 * config (its own known_hosts, a host alias).
 */
import * as assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { EngineClient } from '../../src/engine/client';
import { parseDockerHost } from '../../src/engine/endpoint';
import type { EngineError } from '../../src/engine/errors';
import { ExecSession } from '../../src/engine/exec';
import { freePort } from '../harness/codeServer';
import { createTestContainer, removeTestContainers, runId, waitFor } from '../support/docker';

const run = promisify(execFile);

describe('an ssh:// engine', function () {
  this.timeout(60_000);
  let dir: string;
  let sshd: ChildProcess | undefined;
  let sshdLog = '';
  let agentPid: string | undefined;
  let port: number;
  let hostFingerprint: string;
  const savedAgent = process.env.SSH_AUTH_SOCK;
  const savedPath = process.env.PATH;
  const clients: EngineClient[] = [];

  const knownHosts = (): string => path.join(dir, 'known_hosts');
  /** Logins sshd accepted so far: one per ssh session. */
  const logins = (): number => sshdLog.match(/Accepted publickey for/g)?.length ?? 0;
  const client = (host: string): EngineClient => {
    const c = new EngineClient(parseDockerHost(host, { source: 'setting', contextName: 'default' }), { requestTimeoutMs: 20_000 });
    clients.push(c);
    return c;
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-ssh-test-'));
    mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege-separation folder
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'host_key')]);
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'other_host_key')]);
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'client_key')]);
    await run('cp', [path.join(dir, 'client_key.pub'), path.join(dir, 'authorized_keys')]);
    hostFingerprint = /(SHA256:\S+)/.exec((await run('ssh-keygen', ['-l', '-f', path.join(dir, 'host_key.pub')])).stdout)![1]!;
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
    // The user's ssh configuration, as ~/.ssh/config would hold it.
    writeFileSync(
      path.join(dir, 'ssh_config'),
      [
        'Host berth-engine-alias',
        '  HostName 127.0.0.1',
        `  Port ${port}`,
        '  User root',
        'Host *',
        `  UserKnownHostsFile ${knownHosts()}`,
        '  GlobalKnownHostsFile /dev/null',
        `  IdentityFile ${path.join(dir, 'client_key')}`,
        '  IdentitiesOnly yes',
        '',
      ].join('\n'),
    );
    mkdirSync(path.join(dir, 'bin'));
    writeFileSync(path.join(dir, 'bin', 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F '${path.join(dir, 'ssh_config')}' "$@"\n`);
    chmodSync(path.join(dir, 'bin', 'ssh'), 0o755);
    process.env.PATH = `${path.join(dir, 'bin')}${path.delimiter}${savedPath}`;

    sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    sshd.stderr!.on('data', (chunk: Buffer) => (sshdLog += chunk.toString()));
    const agent = await run('ssh-agent', ['-s', '-a', path.join(dir, 'agent.sock')]);
    agentPid = /SSH_AGENT_PID=(\d+)/.exec(agent.stdout)?.[1];
    process.env.SSH_AUTH_SOCK = path.join(dir, 'agent.sock');
    await run('ssh-add', ['-q', path.join(dir, 'client_key')], { env: { ...process.env } });
    await waitFor('sshd to listen', async () => {
      const probe = await run('ssh-keyscan', ['-p', String(port), '127.0.0.1']).catch(() => ({ stdout: '' }));
      return probe.stdout.includes('ssh-ed25519');
    });
  });

  beforeEach(async () => {
    // The host's real key, as a person who once ran `ssh` and checked it would have.
    writeFileSync(knownHosts(), (await run('ssh-keyscan', ['-p', String(port), '127.0.0.1'])).stdout);
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.dispose();
  });

  after(async () => {
    sshd?.kill();
    if (agentPid) process.kill(Number(agentPid));
    if (savedAgent === undefined) delete process.env.SSH_AUTH_SOCK;
    else process.env.SSH_AUTH_SOCK = savedAgent;
    process.env.PATH = savedPath;
    rmSync(dir, { recursive: true, force: true });
    await removeTestContainers();
  });

  it('reads the version and lists containers through ssh and docker system dial-stdio', async () => {
    const id = await createTestContainer(`berth-ssh-${runId}`);
    const c = client(`ssh://root@127.0.0.1:${port}`);
    const version = await c.version();
    assert.match(version.version, /^\d+\./);
    const listed = await c.containers.list();
    assert.ok(listed.some((x) => x.id === id), 'the test container is listed over ssh');
  });

  it('runs a command in a container over ssh: the hijacked exec stream carries input and output, and ends with the command', async () => {
    const id = await createTestContainer(`berth-ssh-exec-${runId}`, { start: true });
    const c = client(`ssh://root@127.0.0.1:${port}`);
    const session = await ExecSession.start(c, id, { cmd: ['sh', '-c', 'read line; echo "got $line"; exit 3'] });
    let output = '';
    let exitCode: number | undefined | null = null;
    session.onData((text) => (output += text));
    session.onExit((code) => (exitCode = code));
    session.write('over ssh\n');
    await waitFor('the command to end', () => exitCode !== null);
    assert.match(output, /got over ssh/);
    assert.equal(exitCode, 3);
  });

  it('applies ~/.ssh/config: a host alias with its own HostName, Port and User', async () => {
    await client('ssh://berth-engine-alias').ping();
  });

  it('shares one ssh session between the event stream and many requests, concurrent ones included', async () => {
    const before = logins();
    const c = client(`ssh://root@127.0.0.1:${port}`);
    const stop = new AbortController();
    const [events] = await Promise.all([c.events(undefined, stop.signal), c.ping(), c.version(), c.containers.list(), c.images.names()]);
    for (let i = 0; i < 5; i++) await c.containers.list();
    await Promise.all([c.ping(), c.ping(), c.ping()]);
    stop.abort();
    (events as NodeJS.ReadableStream & { destroy(): void }).destroy();
    assert.equal(logins() - before, 1, `sshd accepted ${logins() - before} logins for one engine:\n${sshdLog}`);
  });

  it('leaves no ssh master and no control folder behind once disposed, even if the process exits right after', async () => {
    const sessionFolders = (): string[] => readdirSync(tmpdir()).filter((f) => /^berth-ssh-(?!test-)/.test(f));
    const before = new Set(sessionFolders());
    const c = client(`ssh://root@127.0.0.1:${port}`);
    await c.ping();
    const folder = sessionFolders().find((f) => !before.has(f));
    assert.ok(folder, 'the session has a private folder for its control socket');
    c.dispose();
    assert.equal(existsSync(path.join(tmpdir(), folder)), false, 'the folder is gone when dispose() returns');
    const { stdout } = await run('ps', ['-eo', 'args']);
    assert.ok(!stdout.includes(folder), `an ssh process still names ${folder}:\n${stdout}`);
  });

  it('refuses a host whose key is not in known_hosts, naming the host and its fingerprint, and offers it no key', async () => {
    writeFileSync(knownHosts(), '');
    const before = logins();
    await assert.rejects(client(`ssh://root@127.0.0.1:${port}`).ping(), (e: EngineError) => {
      assert.equal(e.kind, 'hostKey', e.userMessage);
      assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      assert.ok(e.message.includes(hostFingerprint), `${e.message} names ${hostFingerprint}`);
      assert.match(e.nextStep, new RegExp(`ssh -p ${port} root@127\\.0\\.0\\.1`));
      return true;
    });
    assert.equal(logins(), before, 'no login to a host whose key was not verified');
  });

  it('refuses a host whose key changed, naming the host and the key it now presents', async () => {
    const otherKey = readFileSync(path.join(dir, 'other_host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(knownHosts(), `[127.0.0.1]:${port} ${otherKey}\n`);
    const before = logins();
    await assert.rejects(client(`ssh://root@127.0.0.1:${port}`).ping(), (e: EngineError) => {
      assert.equal(e.kind, 'hostKey', e.userMessage);
      assert.match(e.message, /has changed/);
      assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      assert.ok(e.message.includes(hostFingerprint), `${e.message} names ${hostFingerprint}`);
      return true;
    });
    assert.equal(logins(), before, 'no login to a host whose key changed');
  });

  it('says the engine is unreachable, with an ssh hint, when the key is not accepted', async () => {
    await assert.rejects(client(`ssh://nobody@127.0.0.1:${port}`).ping(), (e: EngineError) => e.kind === 'unreachable' && /ssh to the host/.test(e.nextStep));
  });
});
