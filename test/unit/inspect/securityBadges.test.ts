import * as assert from 'node:assert/strict';
import type { RawContainerInspect } from '../../../src/engine/inspect';
import { securityBadges } from '../../../src/inspect/securityBadges';

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
