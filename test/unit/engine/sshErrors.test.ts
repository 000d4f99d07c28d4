import * as assert from 'node:assert/strict';
import { parseDockerHost } from '../../../src/engine/endpoint';
import { classifySshFailure, sshHostKeyProblem } from '../../../src/engine/errors';
import { sshArgs, sshCommandLine, sshTarget } from '../../../src/engine/sshSession';

const endpoint = parseDockerHost('ssh://root@127.0.0.1:22999', { source: 'setting', contextName: 'default' });
const sshCommand = 'ssh -p 22999 root@127.0.0.1';

// What OpenSSH 9.2 prints (BatchMode=yes) when the host's key differs from known_hosts.
const CHANGED = `@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
Someone could be eavesdropping on you right now (man-in-the-middle attack)!
It is also possible that a host key has just been changed.
The fingerprint for the ED25519 key sent by the remote host is
SHA256:aWjolJKH6FqXxM/8CVwRgBTLVQ3CA/Xer+kS3la3KVA.
Please contact your system administrator.
Add correct host key in /root/.ssh/known_hosts to get rid of this message.
Offending ED25519 key in /root/.ssh/known_hosts:1
  remove with:
  ssh-keygen -f "/root/.ssh/known_hosts" -R "[127.0.0.1]:22999"
Host key for [127.0.0.1]:22999 has changed and you have requested strict checking.
Host key verification failed.
`;

describe('ssh failures', () => {
  it('names the host and the new fingerprint when the host key changed, and says how to accept it on purpose', () => {
    assert.equal(sshHostKeyProblem(CHANGED), 'changed');
    const e = classifySshFailure({ stderr: CHANGED, exitCode: 255, sshCommand }, endpoint);
    assert.equal(e.kind, 'hostKey');
    assert.match(e.message, /ssh:\/\/root@127\.0\.0\.1:22999/);
    assert.match(e.message, /ED25519 key SHA256:aWjolJKH6FqXxM\/8CVwRgBTLVQ3CA\/Xer\+kS3la3KVA,/);
    assert.match(e.message, /changed/);
    assert.match(e.nextStep, /ssh-keygen -R "\[127\.0\.0\.1\]:22999"/);
    assert.match(e.nextStep, /`ssh -p 22999 root@127\.0\.0\.1`/);
  });

  it('names the host and the key it presented when the key is unknown', () => {
    const stderr = 'Host key verification failed.\n';
    assert.equal(sshHostKeyProblem(stderr), 'unknown');
    const e = classifySshFailure({ stderr, exitCode: 255, sshCommand, presentedKey: 'ssh-ed25519 SHA256:abc+/1' }, endpoint);
    assert.equal(e.kind, 'hostKey');
    assert.match(e.message, /127\.0\.0\.1:22999.*not in your known_hosts.*ssh-ed25519 SHA256:abc\+\/1/);
    assert.match(e.nextStep, /Run `ssh -p 22999 root@127\.0\.0\.1` once in a terminal/);
  });

  it('tells a refused login and a missing docker from a dead host', () => {
    const denied = classifySshFailure({ stderr: 'Warning: Permanently added x\nroot@box: Permission denied (publickey).\n', exitCode: 255, sshCommand }, endpoint);
    assert.equal(denied.kind, 'unreachable');
    assert.match(denied.message, /could not log in.*Permission denied \(publickey\)/);
    assert.match(denied.nextStep, /ssh to the host/);
    const noDocker = classifySshFailure({ stderr: 'bash: line 1: docker: command not found\n', exitCode: 127, sshCommand }, endpoint);
    assert.match(noDocker.message, /no docker command/);
    const refused = classifySshFailure({ stderr: 'ssh: connect to host 127.0.0.1 port 22999: Connection refused\n', exitCode: 255, sshCommand }, endpoint);
    assert.equal(refused.kind, 'unreachable');
    assert.match(refused.message, /Connection refused\)/);
  });

  it('builds ssh arguments as an array with `--` before the host, so a host can never be an option', () => {
    const hostile = parseDockerHost('ssh://-oProxyCommand=touch%20x', { source: 'setting', contextName: 'default' });
    const args = sshArgs(sshTarget(hostile), ['-T'], ['docker', 'system', 'dial-stdio']);
    assert.equal(args[args.indexOf('--') + 1], hostile.hostname);
    assert.ok(args.indexOf('--') > args.indexOf('-T'));
    assert.deepEqual(args.slice(0, 2), ['-o', 'BatchMode=yes']);
  });

  it('leaves port and user to ~/.ssh/config unless the docker host names them', () => {
    const bare = sshTarget(parseDockerHost('ssh://build-box', { source: 'setting', contextName: 'default' }));
    assert.deepEqual(bare, { host: 'build-box' });
    assert.ok(!sshArgs(bare, []).includes('-p'));
    assert.equal(sshCommandLine(sshTarget(endpoint)), 'ssh -p 22999 root@127.0.0.1');
  });
});
