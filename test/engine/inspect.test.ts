/** Inspect with the internals, against the real daemon and this machine's /proc. */
import * as assert from 'node:assert/strict';
import { EngineClient } from '../../src/engine/client';
import { parseDockerHost } from '../../src/engine/endpoint';
import { inspectContainer, isLocalEngine, readLocalInternals } from '../../src/engine/inspect';
import { inspectSummary } from '../../src/inspect/inspectSummary';
import { createTestContainer, removeTestContainers, runId } from '../support/docker';

const endpoint = parseDockerHost('unix:///var/run/docker.sock', { source: 'default', contextName: 'default' });

async function summaryOf(client: EngineClient, id: string): Promise<string> {
  const raw = await inspectContainer(client, id);
  const local = isLocalEngine(endpoint) ? readLocalInternals(raw.State?.Pid ?? 0, raw.Id) : undefined;
  return inspectSummary(raw, local).join('\n');
}

describe('inspect with the internals', () => {
  const client = new EngineClient(endpoint, { requestTimeoutMs: 10_000 });
  after(async () => {
    client.dispose();
    await removeTestContainers();
  });

  it('shows the limits set with --memory, --cpus and --pids-limit', async () => {
    const id = await createTestContainer(`berth-limits-${runId}`, { start: true, extraArgs: ['--network', 'none', '--memory', '64m', '--memory-swap', '96m', '--cpus', '0.5', '--pids-limit', '50', '--cpuset-cpus', '0'] });
    const s = await summaryOf(client, id);
    assert.match(s, /CPU +0\.5 CPUs \(--cpus\)/);
    assert.match(s, /memory +64 MiB/);
    assert.match(s, /swap +96 MiB memory\+swap \(32 MiB swap\)/);
    assert.match(s, /PIDs +50/);
    assert.match(s, /cpuset +cpus 0,/);
    assert.match(s, /runtime +runc/);
    assert.match(s, new RegExp(`cgroup path +\\S*${id}`), 'the cgroup path from /proc names the container');
  });

  it('shows the namespaces of a --pid=host container, measured against the host on a local engine', async () => {
    const shared = await createTestContainer(`berth-pidhost-${runId}`, { start: true, extraArgs: ['--network', 'none', '--pid=host'] });
    const s = await summaryOf(client, shared);
    assert.match(s, /pid +the host's  inode \d+ = host/);
    assert.match(s, /net +its own  inode \d+ \(host \d+\)/);
    assert.match(s, /mnt +its own  inode \d+ \(host \d+\)/);
    assert.match(s, /user +the host's  inode \d+ = host/, 'no userns-remap: the host user namespace');
    assert.match(s, /local engine only/);

    const own = await createTestContainer(`berth-pidown-${runId}`, { start: true, extraArgs: ['--network', 'none'] });
    assert.match(await summaryOf(client, own), /pid +its own  inode \d+ \(host \d+\)/);
  });

  it('leaves the /proc readings out, with a note, for a stopped container', async () => {
    const id = await createTestContainer(`berth-stopped-${runId}`);
    const s = await summaryOf(client, id);
    assert.match(s, /left out: the container is not running/);
    assert.match(s, /state +created/);
  });
});
