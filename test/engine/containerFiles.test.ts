/**
 * The container file browser's engine side against the real daemon: hostile names listed by exec
 * and by the archive of a stopped container alike, a large folder, the read cap, writes, deletes,
 * renames, and a volume browsed through a helper container that is removed afterwards.
 */
import * as assert from 'node:assert/strict';
import { EngineClient } from '../../src/engine/client';
import { ContainerFiles, DEFAULT_FILE_LIMITS, FileProblem } from '../../src/engine/containerFiles';
import { parseDockerHost } from '../../src/engine/endpoint';
import { createVolumeBrowser, removeVolumeBrowsers, VOLUME_BROWSER_LABEL, VOLUME_MOUNT } from '../../src/engine/volumeBrowser';
import { createTestContainer, docker, removeTestContainers, removeTestVolumes, runId, TEST_LABEL } from '../support/docker';

const endpoint = parseDockerHost('unix:///var/run/docker.sock', { source: 'default', contextName: 'default' });

/** Names a shell would act on, if anything ever handed one to it. */
export const HOSTILE_NAMES = ['with space', `a "q" 'b'`, '$(touch pwned)', '; touch pwned2', 'back`id`tick', 'new\nline', 'emoji 🚢', '-dash', '.hidden'];

const names = (entries: { name: string }[]): string[] => entries.map((e) => e.name).sort();

function problem(kind: FileProblem['kind'], text: RegExp): (error: unknown) => boolean {
  return (error) => error instanceof FileProblem && error.kind === kind && text.test(error.message);
}

describe('container files over the Engine API', function () {
  this.timeout(60_000);
  const client = new EngineClient(endpoint, { requestTimeoutMs: 10_000 });
  const files = new ContainerFiles(client);
  let id: string;

  before(async () => {
    id = await createTestContainer(`berth-files-${runId}`, { start: true, extraArgs: ['--network', 'none'] });
    await docker(['exec', id, 'mkdir', '-p', '/h/sub', '/big']);
    // argv, not a shell: the names arrive as they are.
    for (const name of HOSTILE_NAMES) await docker(['exec', id, 'touch', `/h/${name}`]);
    await docker(['exec', id, 'ln', '-s', '/h/sub', '/h/link-to-sub']);
    await docker(['exec', id, 'sh', '-c', 'cd /big && seq 1 3000 | xargs touch']);
    await docker(['exec', id, 'dd', 'if=/dev/zero', 'of=/h/sub/two-mib', 'bs=1024', 'count=2048']);
  });
  after(async () => {
    client.dispose();
    await removeTestContainers();
    await removeTestVolumes();
  });

  const expected = [...HOSTILE_NAMES, 'link-to-sub', 'sub'].sort();

  it('stats a file, a folder and a link to a folder', async () => {
    const hosts = await files.stat(id, '/etc/hosts');
    assert.equal(hosts?.kind, 'file');
    assert.ok(hosts.size > 0);
    assert.equal((await files.stat(id, '/h'))?.kind, 'directory');
    const link = await files.stat(id, '/h/link-to-sub');
    assert.deepEqual([link?.kind, link?.symlink], ['directory', true]);
    assert.equal(await files.stat(id, '/nowhere'), undefined);
  });

  it('lists hostile names as text by exec in a running container, and runs none of them', async () => {
    const listed = await files.list(id, '/h');
    assert.equal(listed.via, 'exec');
    assert.deepEqual(names(listed.entries), expected);
    assert.deepEqual(listed.entries.find((e) => e.name === 'link-to-sub'), { name: 'link-to-sub', kind: 'directory', symlink: true });
    assert.equal(await files.stat(id, '/h/pwned'), undefined);
  });

  it('lists a folder of 3000 files, and refuses one past the entry cap with what to do', async () => {
    assert.equal((await files.list(id, '/big')).entries.length, 3000);
    const capped = new ContainerFiles(client, { ...DEFAULT_FILE_LIMITS, maxEntries: 1000 });
    await assert.rejects(capped.list(id, '/big'), problem('tooLarge', /more entries than Berth lists \(1000\)\. Open a subfolder/));
  });

  it('reads and writes bytes under a hostile name, keeping an existing file mode', async () => {
    const path = '/h/$(touch pwned)';
    await docker(['exec', id, 'chmod', '600', path]);
    const bytes = Buffer.from([0, 1, 2, 255, ...Buffer.from(' é 🚢\n')]);
    await files.write(id, path, bytes);
    assert.deepEqual(Buffer.from(await files.read(id, path)), bytes);
    assert.equal((await files.stat(id, path))?.mode, 0o600);
    await files.write(id, '/h/new file 🚢', Buffer.from('x'));
    assert.equal((await files.stat(id, '/h/new file 🚢'))?.mode, 0o644);
    await files.remove(id, '/h/new file 🚢', false);
  });

  it("keeps an existing file's owner when it is saved, and gives new files and folders their folder's owner", async () => {
    // An app's own files: saving one as root would lock the app out of it.
    // Made by the app's user (this sandbox's containers may not chown).
    await docker(['exec', '-u', '1000:1001', id, 'mkdir', '/tmp/app']);
    await docker(['exec', '-u', '1000:1001', id, 'touch', '/tmp/app/config']);
    await docker(['exec', id, 'touch', '/h/root-owned']);
    const owner = async (path: string): Promise<string> => (await docker(['exec', id, 'stat', '-c', '%u:%g', path])).trim();
    await files.write(id, '/tmp/app/config', Buffer.from('saved'));
    assert.equal(await owner('/tmp/app/config'), '1000:1001');
    await files.write(id, '/tmp/app/new file 🚢', Buffer.from('new'));
    assert.equal(await owner('/tmp/app/new file 🚢'), '1000:1001');
    await files.mkdir(id, '/tmp/app/sub');
    assert.equal(await owner('/tmp/app/sub'), '1000:1001');
    await files.write(id, '/h/root-owned', Buffer.from('still root'));
    assert.equal(await owner('/h/root-owned'), '0:0');
  });

  it('refuses a file over the read cap, pointing at Download…, which streams all of it', async () => {
    const capped = new ContainerFiles(client, { ...DEFAULT_FILE_LIMITS, maxReadBytes: 1024 * 1024 });
    await assert.rejects(capped.read(id, '/h/sub/two-mib'), problem('tooLarge', /2 MiB, more than the 1 MiB .* Use Download…/));
    let received = 0;
    const size = await capped.download(id, '/h/sub/two-mib', async (chunk) => void (received += chunk.length));
    assert.deepEqual([size, received], [2 * 1024 * 1024, 2 * 1024 * 1024]);
  });

  it('makes folders, renames and deletes (recursively only when asked)', async () => {
    await files.mkdir(id, '/h/made `id`');
    await files.write(id, '/h/made `id`/inner', Buffer.from('1'));
    await files.rename(id, '/h/made `id`', '/h/moved $(id)');
    assert.deepEqual(names((await files.list(id, '/h/moved $(id)')).entries), ['inner']);
    await assert.rejects(files.remove(id, '/h/moved $(id)', false), problem('failed', /Could not delete/));
    await files.remove(id, '/h/moved $(id)', true);
    assert.equal(await files.stat(id, '/h/moved $(id)'), undefined);
  });

  it('says a missing parent folder does not exist', async () => {
    await assert.rejects(files.write(id, '/no/such/dir/f', Buffer.from('x')), problem('notFound', /\/no\/such\/dir does not exist/));
  });

  it('lists and reads a stopped container through the archive, writes into it, and refuses delete with what to do', async () => {
    const stopped = await createTestContainer(`berth-files-stopped-${runId}`, { start: true, extraArgs: ['--network', 'none'] });
    await docker(['exec', stopped, 'mkdir', '/h']);
    for (const name of HOSTILE_NAMES) await docker(['exec', stopped, 'touch', `/h/${name}`]);
    await docker(['exec', stopped, 'mkdir', '-p', '/h/sub/deeper']);
    await docker(['exec', stopped, 'ln', '-s', '/h/sub', '/h/link-to-sub']);
    await docker(['stop', stopped]);
    const listed = await files.list(stopped, '/h');
    assert.equal(listed.via, 'archive');
    assert.deepEqual(names(listed.entries), expected);
    assert.deepEqual(listed.entries.find((e) => e.name === 'link-to-sub'), { name: 'link-to-sub', kind: 'directory', symlink: true });
    assert.ok((await files.list(stopped, '/')).entries.some((e) => e.name === 'bin' && e.kind === 'directory'));
    await files.write(stopped, '/h/written', Buffer.from('while stopped'));
    assert.equal(Buffer.from(await files.read(stopped, '/h/written')).toString(), 'while stopped');
    await assert.rejects(files.remove(stopped, '/h/written', false), problem('needsRunning', /not running.*Start the container/));
    const tight = new ContainerFiles(client, { ...DEFAULT_FILE_LIMITS, maxListArchiveBytes: 64 * 1024 });
    await assert.rejects(tight.list(stopped, '/bin'), problem('tooLarge', /too large to list in a stopped container.*Start the container/));
  });

  it('browses a volume read-only through a created, never started helper, and removes it', async () => {
    const volume = `berth-files-vol-${runId}`;
    await docker(['volume', 'create', '--label', `${TEST_LABEL}=${runId}`, volume]);
    await docker(['run', '--rm', '--label', `${TEST_LABEL}=${runId}`, '-v', `${volume}:/data`, 'berth-test/busybox:latest', 'sh', '-c', 'echo kept > "/data/in the volume"']);
    const browser = await createVolumeBrowser(client, volume);
    try {
      const state = JSON.parse(await docker(['inspect', browser.containerId]))[0] as { State: { Status: string }; Config: { Labels: Record<string, string> } };
      assert.equal(state.State.Status, 'created');
      assert.equal(state.Config.Labels[VOLUME_BROWSER_LABEL], volume);
      assert.deepEqual(names((await files.list(browser.containerId, VOLUME_MOUNT)).entries), ['in the volume']);
      assert.equal(Buffer.from(await files.read(browser.containerId, `${VOLUME_MOUNT}/in the volume`)).toString(), 'kept\n');
      await assert.rejects(files.write(browser.containerId, `${VOLUME_MOUNT}/new`, Buffer.from('x')), problem('readOnly', /read-only/));
    } finally {
      assert.deepEqual(await removeVolumeBrowsers(client, [browser.containerId]), [browser.containerId]);
    }
    assert.equal(await docker(['ps', '-aq', '--filter', `id=${browser.containerId}`]), '');
    assert.equal(await docker(['volume', 'ls', '-q', '--filter', `name=^${volume}$`]), volume);
  });

  it('refuses to browse a volume that does not exist, rather than creating it', async () => {
    const missing = `berth-files-missing-${runId}`;
    await assert.rejects(createVolumeBrowser(client, missing), problem('notFound', /does not exist/));
    assert.equal(await docker(['volume', 'ls', '-q', '--filter', `name=^${missing}$`]), '');
  });
});
