/** Security badges from the inspect of real containers, one per case. */
import * as assert from 'node:assert/strict';
import { EngineClient } from '../../src/engine/client';
import { parseDockerHost } from '../../src/engine/endpoint';
import { inspectContainer } from '../../src/engine/inspect';
import { securityBadges } from '../../src/inspect/securityBadges';
import { createTestContainer, removeTestContainers, runId } from '../support/docker';

const endpoint = parseDockerHost('unix:///var/run/docker.sock', { source: 'default', contextName: 'default' });

describe('security badges on real containers', () => {
  const client = new EngineClient(endpoint, { requestTimeoutMs: 10_000 });
  after(async () => {
    client.dispose();
    await removeTestContainers();
  });

  const cases: [string, string[], string[]][] = [
    ['privileged', ['--privileged'], ['privileged']],
    ['socket', ['-v', '/var/run/docker.sock:/var/run/docker.sock'], ['dockerSocket']],
    ['hostnet', ['--network', 'host'], ['hostNetwork']],
    ['netadmin', ['--cap-add', 'NET_ADMIN'], ['dangerousCaps']],
    ['user', [], []],
  ];
  for (const [name, args, expected] of cases) {
    it(`${name}: ${expected.join(', ') || 'no badge'}`, async () => {
      // --user 1000 everywhere, so the root badge never hides what each case is about.
      const id = await createTestContainer(`berth-badge-${name}-${runId}`, { extraArgs: ['--user', '1000', ...(args.includes('--network') ? [] : ['--network', 'none']), ...args] });
      assert.deepEqual(securityBadges(await inspectContainer(client, id)).map((b) => b.kind), expected);
    });
  }

  it('root: a container with no user', async () => {
    const id = await createTestContainer(`berth-badge-root-${runId}`, { extraArgs: ['--network', 'none'] });
    assert.deepEqual(securityBadges(await inspectContainer(client, id)).map((b) => b.kind), ['root']);
  });
});
