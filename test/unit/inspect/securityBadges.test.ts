import * as assert from 'node:assert/strict';
import type { RawContainerInspect } from '../../../src/engine/inspect';
import { badgeDecoration, securityBadges } from '../../../src/inspect/securityBadges';

function container(host: Record<string, unknown>, extra: Partial<RawContainerInspect> = {}): RawContainerInspect {
  return { Id: 'x', HostConfig: { NetworkMode: 'default', PidMode: '', IpcMode: 'private', ...host }, Config: { User: '1000' }, Mounts: [], ...extra };
}
const kinds = (i: RawContainerInspect): string[] => securityBadges(i).map((b) => b.kind);

describe('security badges', () => {
  it('finds nothing for a plain container with a user', () => {
    assert.deepEqual(kinds(container({})), []);
  });
  it('finds each case, with a line that explains it', () => {
    assert.deepEqual(kinds(container({ Privileged: true })), ['privileged']);
    assert.deepEqual(kinds(container({}, { Mounts: [{ Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock' }] })), ['dockerSocket']);
    assert.deepEqual(kinds(container({}, { Config: { User: '' } })), ['root']);
    assert.deepEqual(kinds(container({}, { Config: { User: '0:0' } })), ['root']);
    assert.deepEqual(kinds(container({ NetworkMode: 'host', PidMode: 'host', IpcMode: 'host' })), ['hostNetwork', 'hostPid', 'hostIpc']);
    assert.deepEqual(kinds(container({ CapAdd: ['CAP_NET_ADMIN', 'CAP_CHOWN'] })), ['dangerousCaps']);
    assert.deepEqual(kinds(container({ SecurityOpt: ['seccomp=unconfined', 'apparmor:unconfined'] })), ['unconfined']);
    const [caps] = securityBadges(container({ CapAdd: ['SYS_PTRACE', 'ALL'] }));
    assert.equal(caps?.explanation, 'Dangerous capabilities added: SYS_PTRACE, ALL.');
  });
});

describe('security badge decoration', () => {
  it('shows nothing without findings', () => {
    assert.equal(badgeDecoration([]), undefined);
  });
  it('puts the most dangerous first, at most two letters, and explains every finding', () => {
    const badges = securityBadges(container({ NetworkMode: 'host', Privileged: true, CapAdd: ['NET_ADMIN'] }, { Config: { User: '' } }));
    const decoration = badgeDecoration(badges);
    assert.equal(decoration?.badge, 'PH');
    assert.equal(decoration?.severity, 'danger');
    assert.equal(decoration?.tooltip.split('\n').length, badges.length);
    assert.match(decoration?.tooltip ?? '', /^Privileged/);
  });
  it('rates root alone a note and host namespaces a warning', () => {
    assert.deepEqual(badgeDecoration(securityBadges(container({}, { Config: { User: 'root' } })))?.severity, 'note');
    assert.deepEqual(badgeDecoration(securityBadges(container({ IpcMode: 'host' })))?.badge, 'H');
    assert.deepEqual(badgeDecoration(securityBadges(container({ IpcMode: 'host' })))?.severity, 'warning');
  });
});
