import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { RawContainerInspect } from '../../../src/engine/inspect';
import { dockerRunCommand, dockerRunWords, shellQuote } from '../../../src/inspect/dockerRunCommand';

/** What sh makes of a quoted line: its words, one per line, NUL-separated. */
function shWords(line: string): string[] {
  return execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
}

const hostile = `p$(touch /tmp/berth-pwn-unit) "q" \`id\` 'x' é 🚢\nsecond line \\ $HOME`;

describe('docker run command from inspect', () => {
  it('quotes only what needs quoting, and sh reads back every word exactly', () => {
    assert.equal(shellQuote('berth-test/busybox:latest'), 'berth-test/busybox:latest');
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    assert.deepEqual(shWords([hostile, '', 'a b', "'", '*'].map(shellQuote).join(' ')), [hostile, '', 'a b', "'", '*']);
  });

  it('rebuilds image, name, ports, env, mounts, network, restart, limits, labels, user and command', () => {
    const inspect: RawContainerInspect = {
      Id: 'abc',
      Name: '/web',
      HostConfig: {
        NetworkMode: 'shop_default', RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
        PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8088' }], '53/udp': [{ HostIp: '', HostPort: '5353' }], '9000/tcp': [{ HostIp: '::1', HostPort: '' }] },
        Binds: ['/srv:/data:ro', 'named:/cache'], Mounts: [{ Type: 'tmpfs', Target: '/run,x' }],
        NanoCpus: 1500000000, Memory: 67108864, MemorySwap: 100663296, PidsLimit: 50, CpuShares: 512, CapAdd: ['CAP_NET_ADMIN'], SecurityOpt: ['label=disable', 'no-new-privileges'],
      },
      Config: { Image: 'berth-test/busybox', User: '1000:1000', Env: [`X=${hostile}`], Labels: { 'a.b': hostile }, Cmd: ['sh', '-c', 'echo "$X"'], Entrypoint: null },
    };
    const words = dockerRunWords(inspect);
    const line = dockerRunCommand(inspect);
    assert.deepEqual(shWords(line), words, 'sh reads the line back as the exact words');
    const pairs = (flag: string): string[] => words.flatMap((w, i) => (w === flag ? [words[i + 1]!] : []));
    assert.deepEqual(pairs('--name'), ['web']);
    assert.deepEqual(pairs('-p'), ['127.0.0.1:8088:80/tcp', '5353:53/udp', '[::1]::9000/tcp']);
    assert.deepEqual(pairs('-v'), ['/srv:/data:ro', 'named:/cache']);
    assert.deepEqual(pairs('--mount'), ['type=tmpfs,"target=/run,x"']);
    assert.deepEqual(pairs('--network'), ['shop_default']);
    assert.deepEqual(pairs('--restart'), ['on-failure:3']);
    assert.deepEqual(pairs('--cpus'), ['1.5']);
    assert.deepEqual(pairs('--memory'), ['67108864b']);
    assert.deepEqual(pairs('--memory-swap'), ['100663296b']);
    assert.deepEqual(pairs('--pids-limit'), ['50']);
    assert.deepEqual(pairs('--cap-add'), ['NET_ADMIN']);
    assert.deepEqual(pairs('--security-opt'), ['no-new-privileges']);
    assert.deepEqual(pairs('--env'), [`X=${hostile}`]);
    assert.deepEqual(pairs('--label'), [`a.b=${hostile}`]);
    assert.deepEqual(pairs('--user'), ['1000:1000']);
    assert.deepEqual(words.slice(-4), ['berth-test/busybox', 'sh', '-c', 'echo "$X"']);
  });
});
