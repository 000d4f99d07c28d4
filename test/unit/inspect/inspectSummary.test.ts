import * as assert from 'node:assert/strict';
import type { LocalInternals, RawContainerInspect } from '../../../src/engine/inspect';
import { inspectDocument, inspectSummary } from '../../../src/inspect/inspectSummary';
import { looksSecret, MASK, maskSecrets } from '../../../src/inspect/maskSecrets';

/** Shaped like a real 20.10 answer for `docker run --memory 64m --cpus 0.5 --pids-limit 50 --pid=host --cap-add NET_ADMIN`. */
function sample(overrides: Partial<RawContainerInspect> = {}, host: Record<string, unknown> = {}): RawContainerInspect {
  return {
    Id: '6ad861eeea7d404adf3da88ebe13423706e2370d7f2a0e23ad9aa383ffc0d1d9',
    Name: '/web',
    State: { Status: 'running', Pid: 16382, ExitCode: 0, StartedAt: '2026-11-30T02:44:25.761865264Z', FinishedAt: '0001-01-01T00:00:00Z' },
    RestartCount: 2,
    AppArmorProfile: '',
    HostConfig: {
      NetworkMode: 'default', RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 }, CapAdd: ['CAP_NET_ADMIN'], CapDrop: null,
      CgroupnsMode: 'host', IpcMode: 'private', PidMode: 'host', Privileged: false, ReadonlyRootfs: false, SecurityOpt: ['label=disable'],
      UTSMode: '', UsernsMode: '', Runtime: 'runc', CpuShares: 0, Memory: 67108864, NanoCpus: 500000000, CgroupParent: '', CpuPeriod: 0,
      CpuQuota: 0, CpusetCpus: '', CpusetMems: '', MemoryReservation: 0, MemorySwap: 134217728, PidsLimit: 50, ...host,
    },
    Config: { User: '', Image: 'berth-test/busybox', Env: ['PATH=/bin', 'DB_PASSWORD=hunter2', 'GREETING=hello', 'DATABASE_URL=postgres://u:pw@db/x'] },
    Mounts: [{ Type: 'bind', Source: '/srv/data', Destination: '/data', RW: false }],
    NetworkSettings: {
      Ports: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8088' }], '443/tcp': null },
      Networks: { bridge: { IPAddress: '172.17.0.2', Gateway: '172.17.0.1' } },
    },
    ...overrides,
  };
}

const text = (lines: string[]): string => lines.join('\n');

describe('inspect summary', () => {
  it('says state, exit code, restarts, restart policy, ports, networks and mounts', () => {
    const s = text(inspectSummary(sample(), undefined));
    assert.match(s, /state +running since 2026-11-30T02:44:25Z/);
    assert.match(s, /exit code +0/);
    assert.match(s, /restarts +2/);
    assert.match(s, /restart policy on-failure \(at most 5 times\)/);
    assert.match(s, /80\/tcp → 127\.0\.0\.1:8088/);
    assert.match(s, /443\/tcp \(not published\)/);
    assert.match(s, /bridge: 172\.17\.0\.2 \(gateway 172\.17\.0\.1\)/);
    assert.match(s, /bind \/srv\/data → \/data \(read-only\)/);
  });

  it('shows the limits set with --memory, --cpus and --pids-limit', () => {
    const s = text(inspectSummary(sample(), undefined));
    assert.match(s, /CPU +0\.5 CPUs \(--cpus\)/);
    assert.match(s, /memory +64 MiB/);
    assert.match(s, /swap +128 MiB memory\+swap \(64 MiB swap\)/);
    assert.match(s, /PIDs +50/);
    assert.match(s, /cpuset +cpus all, mems all/);
    const quota = text(inspectSummary(sample({}, { NanoCpus: 0, CpuQuota: 150000, CpuPeriod: 100000, CpuShares: 512, CpusetCpus: '0-1' }), undefined));
    assert.match(quota, /CPU +1\.5 CPUs \(quota\/period\)/);
    assert.match(quota, /CPU shares +512/);
    assert.match(quota, /cpus 0-1/);
  });

  it('says which namespaces are shared with the host or a container, from HostConfig', () => {
    const s = text(inspectSummary(sample({}, { NetworkMode: 'container:abc123', IpcMode: 'host' }), undefined));
    assert.match(s, /pid +the host's/);
    assert.match(s, /net +shared with container abc123/);
    assert.match(s, /ipc +the host's/);
    assert.match(s, /uts +its own/);
    assert.match(s, /mnt +its own/);
    assert.match(s, /cgroup +the host's/);
    assert.match(s, /left out for this remote engine/);
  });

  it('measures namespaces from local /proc readings, marked as local', () => {
    const local: LocalInternals = {
      kind: 'read',
      namespaces: { pid: '4026531836', net: '4026532300', user: '4026531837' },
      hostNamespaces: { pid: '4026531836', net: '4026531992', user: '4026531837' },
      cgroupPath: '/docker/6ad861',
    };
    const s = text(inspectSummary(sample(), local));
    assert.match(s, /pid +the host's  inode 4026531836 = host/);
    assert.match(s, /net +its own  inode 4026532300 \(host 4026531992\)/);
    assert.match(s, /cgroup path +\/docker\/6ad861 +\(read from \/proc: local engine\)/);
    assert.match(s, /local engine only/);
    const unavailable = text(inspectSummary(sample(), { kind: 'unavailable', reason: 'the engine runs in a VM' }));
    assert.match(unavailable, /left out: the engine runs in a VM/);
  });

  it('shows confinement: seccomp, AppArmor, capabilities, rootfs, user, no-new-privileges', () => {
    const s = text(inspectSummary(sample(), undefined));
    assert.match(s, /seccomp +the engine's default profile/);
    assert.match(s, /caps added +NET_ADMIN/);
    assert.match(s, /caps dropped +none/);
    assert.match(s, /rootfs +writable/);
    assert.match(s, /user +root/);
    assert.match(s, /no-new-privileges no/);
    const tight = text(inspectSummary(sample({ Config: { User: '1000', Image: 'x' } }, { SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined', 'no-new-privileges:true'], CapDrop: ['ALL'], ReadonlyRootfs: true }), undefined));
    assert.match(tight, /seccomp +unconfined/);
    assert.match(tight, /AppArmor +unconfined/);
    assert.match(tight, /caps dropped +ALL/);
    assert.match(tight, /rootfs +read-only/);
    assert.match(tight, /user +1000/);
    assert.match(tight, /no-new-privileges yes/);
    assert.match(text(inspectSummary(sample({}, { Privileged: true }), undefined)), /privileged +YES/);
  });

  it('lists the last health checks, each on one line even when the output has newlines', () => {
    const s = inspectSummary(sample({ State: { Status: 'running', Health: { Status: 'unhealthy', FailingStreak: 3, Log: [{ Start: '2026-11-30T02:00:00.1Z', ExitCode: 1, Output: 'curl: failed\n// injected\r\n' }] } } }), undefined);
    assert.ok(s.includes('health        unhealthy, 3 failing in a row'));
    assert.ok(s.some((l) => /exit 1 +curl: failed \/\/ injected$/.test(l)));
  });

  it('writes the summary as comments above the JSON, which still parses', () => {
    const doc = inspectDocument(sample(), undefined, 1);
    const json = doc.split('\n').filter((l) => !l.startsWith('//')).join('\n');
    assert.equal((JSON.parse(json) as RawContainerInspect).Id, sample().Id);
    assert.match(doc, /^\/\/ Container web \(6ad861eeea7d\), image berth-test\/busybox$/m);
    assert.match(doc, /1 env value\(s\) that look like secrets are masked/);
  });
});

describe('masking secrets', () => {
  it('masks env values whose names or values look secret, and nothing else', () => {
    const { inspect, masked } = maskSecrets(sample());
    assert.deepEqual(inspect.Config?.Env, ['PATH=/bin', `DB_PASSWORD=${MASK}`, 'GREETING=hello', `DATABASE_URL=${MASK}`]);
    assert.equal(masked, 2);
    assert.deepEqual(sample().Config?.Env?.[1], 'DB_PASSWORD=hunter2', 'the original is left alone');
  });

  it('knows common secret names and values', () => {
    for (const name of ['GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'API_KEY', 'apikey', 'MYSQL_ROOT_PASSWORD', 'PGPASSWORD', 'SENTRY_DSN']) assert.ok(looksSecret(name, 'x'), name);
    for (const name of ['PATH', 'HOME', 'LANG', 'NODE_ENV']) assert.ok(!looksSecret(name, 'x'), name);
    assert.ok(looksSecret('KEY_FILE', '-----BEGIN RSA PRIVATE KEY-----\nabc'));
    assert.ok(!looksSecret('DB_PASSWORD', ''), 'an empty value has nothing to hide');
  });
});
