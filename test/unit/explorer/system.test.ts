import * as assert from 'node:assert/strict';
import { parseSecurityOption, toDiskUsage, toEngineFacts, toPluginSummary, toPrivileges } from '../../../src/engine/systemMapping';
import type { EngineEvent } from '../../../src/engine/types';
import { describePrivileges, describePrune, diskUsageRow, eventRow, pluginRow } from '../../../src/explorer/system/systemPresentation';
import { RECENT_EVENTS, eventSubject, securityFacts, storageFacts, systemAffectedBy, systemTree, withEvent, type Fact, type SystemSnapshot } from '../../../src/explorer/system/systemModel';

const info = {
  Name: 'vm',
  OperatingSystem: 'Debian GNU/Linux 12 (bookworm)',
  OSType: 'linux',
  Architecture: 'x86_64',
  KernelVersion: '6.1.0',
  NCPU: 2,
  MemTotal: 2 * 1024 ** 3,
  DockerRootDir: '/var/lib/docker',
  Driver: 'overlay2',
  DriverStatus: [['Backing Filesystem', 'extfs']] as [string, string][],
  LoggingDriver: 'json-file',
  CgroupDriver: 'cgroupfs',
  CgroupVersion: '1',
  Runtimes: { runc: {}, 'io.containerd.runc.v2': {} },
  DefaultRuntime: 'runc',
  SecurityOptions: ['name=seccomp,profile=default', 'name=rootless'],
  RegistryConfig: { InsecureRegistryCIDRs: ['127.0.0.0/8'], IndexConfigs: { 'reg.local:5000': { Name: 'reg.local:5000', Secure: false } }, Mirrors: ['https://mirror.example'] },
  LiveRestoreEnabled: true,
  Swarm: { LocalNodeState: 'inactive' },
};
const version = { Version: '20.10.24', ApiVersion: '1.41', MinAPIVersion: '1.12', GoVersion: 'go1.19', GitCommit: 'abc', Components: [{ Name: 'Engine', Version: '20.10.24' }, { Name: 'containerd', Version: '1.6.20' }] };

const event = (n: number, type = 'container', action = 'start'): EngineEvent => ({ type, action, id: `id${n}`, attributes: { name: `c${n}` }, timeNano: `17673230450000${String(n).padStart(5, '0')}` });

describe('system: engine facts', () => {
  const facts = toEngineFacts(info, version);

  it('reads versions, storage, runtimes, security and registries', () => {
    assert.equal(facts.version, '20.10.24');
    assert.deepEqual(facts.components, [{ name: 'containerd', version: '1.6.20' }]);
    assert.deepEqual(facts.runtimes, ['io.containerd.runc.v2', 'runc']);
    assert.equal(facts.rootless, true);
    assert.equal(facts.userns, false);
    assert.deepEqual(facts.insecureRegistries, ['127.0.0.0/8', 'reg.local:5000']);
    assert.deepEqual(facts.registryMirrors, ['https://mirror.example']);
    assert.deepEqual(parseSecurityOption('name=seccomp,profile=default'), { name: 'seccomp', settings: { name: 'seccomp', profile: 'default' } });
  });

  it('says which runtime is the default, and what each security option is set to', () => {
    const runtimes = storageFacts(facts).find((n) => (n.resource as Fact).label === 'Runtimes')!.resource as Fact;
    assert.equal(runtimes.value, 'io.containerd.runc.v2, runc (default)');
    const security = Object.fromEntries(securityFacts(facts).map((n) => [(n.resource as Fact).label, (n.resource as Fact).value]));
    assert.deepEqual(security, { Seccomp: 'on (profile default)', AppArmor: 'off', SELinux: 'off', Rootless: 'yes', 'User namespaces': 'no' });
  });

  it('lays out its sections; disk usage only once measured', () => {
    const snapshot: SystemSnapshot = { facts, plugins: [], disk: undefined, events: [] };
    const tree = systemTree(snapshot);
    assert.deepEqual(tree.map((n) => n.key), ['engine', 'storage', 'security', 'registries', 'disk', 'plugins', 'events']);
    assert.equal(tree[4]!.children!.length, 0);
  });
});

describe('system: disk usage as docker system df counts it', () => {
  it('counts sizes and what a prune could free', () => {
    const usage = toDiskUsage({
      LayersSize: 1000,
      Images: [{ Size: 600, SharedSize: 100, Containers: 1 }, { Size: 400, SharedSize: 0, Containers: 0 }],
      Containers: [{ SizeRw: 10, State: 'running' }, { SizeRw: 20, State: 'exited' }],
      Volumes: [{ UsageData: { Size: 50, RefCount: 1 } }, { UsageData: { Size: 70, RefCount: 0 } }, { UsageData: { Size: -1, RefCount: 0 } }],
      BuildCache: [{ Size: 5, InUse: true }, { Size: 7, InUse: false }, { Size: 9, Shared: true }],
    });
    assert.deepEqual(usage.images, { count: 2, active: 1, bytes: 1000, reclaimableBytes: 500 });
    assert.deepEqual(usage.containers, { count: 2, active: 1, bytes: 30, reclaimableBytes: 20 });
    assert.deepEqual(usage.volumes, { count: 3, active: 1, bytes: 120, reclaimableBytes: 70 });
    assert.deepEqual(usage.buildCache, { count: 3, active: 1, bytes: 12, reclaimableBytes: 7 });
    assert.equal(diskUsageRow({ label: 'Volumes', ...usage.volumes }).description, '3 (1 in use) · 120 B · 70 B reclaimable');
  });

  it('says what a system prune freed', () => {
    assert.equal(describePrune({ containers: 1, networks: 0, images: 3, volumes: 2, bytesReclaimed: 3 * 1024 * 1024 }), 'Freed 3 MiB: removed 1 container, 0 networks, 3 images, 2 volumes.');
  });
});

describe('system: plugins and recent events', () => {
  it('reads plugins and the privileges one asks for', () => {
    const p = toPluginSummary({ Id: 'abc', Name: 'vieux/sshfs:latest', Enabled: false, Config: { Description: 'sshFS', Interface: { Types: ['docker.volumedriver/1.0'] } } });
    assert.equal(pluginRow(p).contextValue, 'plugin.disabled');
    assert.equal(pluginRow(p).description, 'disabled · docker.volumedriver/1.0');
    const privileges = toPrivileges([{ Name: 'network', Description: 'permissions to access a network', Value: ['host'] }, { Name: 'capabilities', Value: ['CAP_SYS_ADMIN'] }]);
    assert.equal(describePrivileges(privileges), '• network: host — permissions to access a network\n• capabilities: CAP_SYS_ADMIN');
    assert.equal(describePrivileges([]), 'It asks for no privileges.');
  });

  it('keeps the newest events first, at most a screenful, without asking the engine', () => {
    let s: SystemSnapshot = { facts: undefined, plugins: [], disk: undefined, events: [] };
    for (let i = 0; i < RECENT_EVENTS + 5; i++) s = withEvent(s, event(i));
    assert.equal(s.events.length, RECENT_EVENTS);
    assert.equal(s.events[0]!.id, `id${RECENT_EVENTS + 4}`);
    assert.equal(systemAffectedBy(event(1)), false);
    assert.equal(systemAffectedBy(event(1, 'plugin', 'enable')), true);
  });

  it('draws an event with its subject and time; hostile attributes as text', () => {
    const e: EngineEvent = { type: 'network', action: 'create', id: 'n1', attributes: { name: 'net$(touch /tmp/x) [a](command:x)', type: 'bridge' }, timeNano: '1767323045123456789' };
    const row = eventRow(e);
    assert.equal(row.label, 'network create');
    assert.match(row.description ?? '', /^net\$\(touch \/tmp\/x\) \[a\]\(command:x\) · \d\d:\d\d:\d\d$/);
    assert.ok(!row.tooltip!.includes('[a](command:'));
    assert.equal(eventSubject({ ...e, attributes: {}, id: `sha256:${'f'.repeat(64)}` }), 'ffffffffffff');
  });
});
