/**
 * "Copy docker run Command" against the real daemon: the copied line, run through `sh -c`, makes a
 * container whose inspect matches the original's, hostile env values and labels included. Also
 * kill with a signal, rename and a prune limited to this run's containers.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { EngineClient } from '../../src/engine/client';
import { killContainer, pruneContainers, renameContainer } from '../../src/engine/containerActions';
import { parseDockerHost } from '../../src/engine/endpoint';
import { inspectContainer, type RawContainerInspect } from '../../src/engine/inspect';
import { dockerRunCommand } from '../../src/inspect/dockerRunCommand';
import { createTestContainer, docker, removeTestContainers, runId, TEST_LABEL, waitFor } from '../support/docker';

const endpoint = parseDockerHost('unix:///var/run/docker.sock', { source: 'default', contextName: 'default' });

function sh(line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // PATH names the engine's own CLI first, as a user's shell would find docker.
    execFile('sh', ['-c', line], { env: { PATH: '/usr/bin:/bin:/usr/local/bin' }, timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${line}\n${stderr}`)) : resolve(stdout.trim()),
    );
  });
}

/** The fields the command rebuilds, as the engine holds them. */
function fields(i: RawContainerInspect): Record<string, unknown> {
  const h = i.HostConfig ?? {};
  const pick = (...keys: string[]): Record<string, unknown> => Object.fromEntries(keys.map((k) => [k, h[k]]));
  return {
    name: i.Name,
    image: i.Config?.Image,
    // The engine appends the image's env after the container's; order carries no meaning.
    env: [...(i.Config?.Env ?? [])].sort(),
    labels: i.Config?.Labels,
    user: i.Config?.User,
    cmd: i.Config?.['Cmd'],
    entrypoint: i.Config?.['Entrypoint'],
    ...pick('PortBindings', 'Binds', 'NetworkMode', 'RestartPolicy', 'NanoCpus', 'Memory', 'MemorySwap', 'PidsLimit', 'CpuShares', 'CapAdd', 'ReadonlyRootfs'),
  };
}

describe('docker run command, kill, rename and prune against the real daemon', () => {
  const client = new EngineClient(endpoint, { requestTimeoutMs: 10_000 });
  const marker = `/tmp/berth-pwn-run-${runId}`;
  after(async () => {
    client.dispose();
    await removeTestContainers();
  });

  it('rebuilds a container through sh -c with the same fields, hostile values included', async () => {
    const hostile = `v$(touch ${marker}) "q" \`touch ${marker}\` 'x' é 🚢 $HOME \\`;
    const name = `berth-runcmd-${runId}`;
    const id = await createTestContainer(name, {
      labels: { 'berth.hostile': hostile },
      extraArgs: [
        '--env', `HOSTILE=${hostile}`, '--env', 'PLAIN=1', '--user', '1000:1000', '--restart', 'on-failure:2',
        '--memory', '64m', '--memory-swap', '96m', '--cpus', '0.5', '--pids-limit', '40', '--cpu-shares', '512',
        '--network', 'none', '--cap-add', 'NET_ADMIN', '--read-only', '-p', '127.0.0.1:18099:80', '-v', '/tmp:/host-tmp:ro',
      ],
      cmd: ['sh', '-c', 'echo "$HOSTILE"; sleep 3600'],
    });
    const original = await inspectContainer(client, id);
    const line = dockerRunCommand(original);
    await docker(['rm', '-f', id]);
    const newId = (await sh(line)).split('\n').pop()!;
    assert.notEqual(newId, id);
    const copy = await inspectContainer(client, newId);
    assert.deepEqual(fields(copy), fields(original));
    assert.equal(existsSync(marker), false, 'nothing in the values ran');
    await waitFor('the hostile value in the logs', async () => (await docker(['logs', newId])).includes(hostile));
  });

  it('kills with the signal picked', async () => {
    const id = await createTestContainer(`berth-kill-${runId}`, { start: true, extraArgs: ['--network', 'none'] });
    await killContainer(client, id, 'SIGKILL');
    await waitFor('the container to stop', async () => (await docker(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', id])) === 'exited 137');
  });

  it('renames', async () => {
    const id = await createTestContainer(`berth-rename-${runId}`);
    await renameContainer(client, id, `berth-renamed-${runId}`);
    assert.equal(await docker(['inspect', '-f', '{{.Name}}', id]), `/berth-renamed-${runId}`);
  });

  it('prunes stopped containers and says how many bytes it reclaimed', async () => {
    const id = await createTestContainer(`berth-prune-${runId}`, { start: true, extraArgs: ['--network', 'none'], cmd: ['sh', '-c', 'head -c 300000 /dev/zero > /big'] });
    await waitFor('the container to exit', async () => (await docker(['inspect', '-f', '{{.State.Status}}', id])) === 'exited');
    const running = await createTestContainer(`berth-prune-keep-${runId}`, { start: true, extraArgs: ['--network', 'none'] });
    // Only this run's containers: the engine is shared with other suites.
    const result = await pruneContainers(client, { label: `${TEST_LABEL}=${runId}` });
    assert.ok(result.removedIds.includes(id));
    assert.ok(!result.removedIds.includes(running));
    assert.ok(result.bytesReclaimed >= 300_000, `reclaimed ${result.bytesReclaimed} bytes`);
  });
});
