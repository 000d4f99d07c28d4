/** The exec session behind "Attach Shell" and "Run Command…", against the real daemon. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../src/engine/client';
import { parseDockerHost } from '../../src/engine/endpoint';
import { ExecSession, findShell } from '../../src/engine/exec';
import { createTestContainer, docker, removeTestContainers, runId, TEST_LABEL, waitFor } from '../support/docker';

const endpoint = parseDockerHost('unix:///var/run/docker.sock', { source: 'default', contextName: 'default' });

/** Collects a session's output and its exit code. */
function record(session: ExecSession): { output: () => string; exit: Promise<number | undefined> } {
  let output = '';
  session.onData((d) => (output += d));
  const exit = new Promise<number | undefined>((resolve) => session.onExit(resolve));
  return { output: () => output, exit };
}

describe('exec over the Engine API', () => {
  const client = new EngineClient(endpoint, { requestTimeoutMs: 10_000 });
  let id: string;
  before(async () => {
    id = await createTestContainer(`berth-exec-${runId}`, { start: true, extraArgs: ['--network', 'none'] });
    // The test image has no stty applet; link one so the test can read the TTY's size.
    await docker(['exec', id, 'ln', '-s', '/bin/busybox', '/bin/stty']);
  });
  after(async () => {
    client.dispose();
    await removeTestContainers();
  });

  it('finds sh when the container has no bash', async () => {
    assert.equal(await findShell(client, id), '/bin/sh');
  });

  it('finds no shell in a container that has none', async () => {
    // An image with one empty folder and nothing else.
    const folder = mkdtempSync(path.join(tmpdir(), 'berth-empty-'));
    const tar = path.join(folder, 'empty.tar');
    execFileSync('tar', ['-C', folder, '-cf', tar, '--exclude', 'empty.tar', '.']);
    const image = `berth-test/empty-${runId}`;
    await docker(['import', tar, image]);
    rmSync(folder, { recursive: true });
    const bare = await docker(['create', '--label', `${TEST_LABEL}=${runId}`, image, '/nothing']);
    try {
      assert.equal(await findShell(client, bare), undefined);
    } finally {
      await docker(['rm', '-f', bare]).catch(() => undefined);
      await docker(['rmi', image]);
    }
  });

  it('runs a shell with a TTY: types, reads 42, resizes, and reports the exit code', async () => {
    const session = await ExecSession.start(client, id, { cmd: ['/bin/sh'], size: { columns: 100, rows: 30 } });
    const { output, exit } = record(session);
    session.write('echo $((6*7))\r');
    await waitFor('42 in the output', () => /\r\n42\r\n/.test(output()));
    await waitFor('the first size', async () => {
      session.write('stty size\r');
      return /30 100/.test(output());
    }, 5000, 200);
    await session.resize(132, 43);
    session.write('stty size\r');
    await waitFor('the new size', () => /43 132/.test(output()));
    session.write('exit 3\r');
    assert.equal(await exit, 3);
  });

  it('runs one command as another user in another folder', async () => {
    const session = await ExecSession.start(client, id, { cmd: ['sh', '-c', 'id -u; pwd'], user: '1234', workingDir: '/tmp' });
    const { output, exit } = record(session);
    assert.equal(await exit, 0);
    assert.match(output(), /1234\r\n\/tmp\r\n/);
  });

  it('says what went wrong for a command that does not exist', async () => {
    const session = await ExecSession.start(client, id, { cmd: ['/no/such/tool'] });
    const { exit } = record(session);
    assert.notEqual(await exit, 0);
  });
});
