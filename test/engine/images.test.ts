/**
 * Images against the real daemon and the testbed's two real registries (one needs a login):
 * listing, history, tag, remove, prune, and pull and push with progress, credentials from a
 * docker config.json (auths and a credential helper, as the CLI reads them) and cancel.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../src/engine/client';
import { parseDockerHost } from '../../src/engine/endpoint';
import type { EngineError } from '../../src/engine/errors';
import { ProgressTracker } from '../../src/engine/pullProgress';
import { registryAuthFor } from '../../src/engine/registryAuth';
import type { ProgressEvent } from '../../src/engine/types';
import { docker, importTinyImage, removeTestImages, runId, TEST_IMAGE, TEST_LABEL, testRegistries } from '../support/docker';

const endpoint = parseDockerHost('unix:///var/run/docker.sock', { source: 'default', contextName: 'default' });

describe('images against the real daemon and registries', function () {
  this.timeout(120_000);
  const client = new EngineClient(endpoint, { requestTimeoutMs: 20_000 });
  const registries = testRegistries();
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'berth-docker-config-'));
  const never = new AbortController().signal;

  after(async () => {
    client.dispose();
    rmSync(configDir, { recursive: true, force: true });
    await removeTestImages();
  });

  it('lists images with tags, size and date, and reads an image’s history', async () => {
    const images = await client.images.list();
    const busybox = images.find((i) => i.repoTags.includes(TEST_IMAGE));
    assert.ok(busybox, 'the test image is listed');
    assert.ok(busybox.size > 100_000);
    assert.ok(busybox.created.getTime() > Date.UTC(2020, 0, 1));
    const history = await client.images.history(busybox.id);
    assert.ok(history.length >= 1);
    assert.equal(history[0]!.id, busybox.id);
  });

  it('tags an image and removes the tag, saying what it untagged', async () => {
    const target = `berth-test/tagged-${runId}:v1`;
    const id = (await client.images.list()).find((i) => i.repoTags.includes(TEST_IMAGE))!.id;
    await client.images.tag(id, target);
    assert.equal(await docker(['image', 'inspect', '-f', '{{.Id}}', target]), id);
    const removal = await client.images.remove(target);
    assert.deepEqual(removal.untagged, [target]);
    assert.deepEqual(removal.deleted, [], 'the image keeps its other tag');
  });

  it('pushes to and pulls from an open registry, reporting progress per layer', async () => {
    const ref = `${registries.open}/berth-test/tiny-${runId}:v1`;
    await importTinyImage(ref);
    const pushed: ProgressEvent[] = [];
    await client.images.push(ref, undefined, (e) => pushed.push(e), never);
    assert.ok(pushed.some((e) => /Pushed|Layer already exists/.test(e.status)), pushed.map((e) => e.status).join(' | '));
    await docker(['rmi', ref]);
    const tracker = new ProgressTracker();
    await client.images.pull(ref, undefined, (e) => tracker.add(e), never);
    const summary = tracker.summary();
    assert.ok(summary.layers >= 1 && summary.done === summary.layers, JSON.stringify(summary));
    assert.match(await docker(['image', 'inspect', '-f', '{{.Id}}', ref]), /^sha256:/);
  });

  it('says a registry needs a login, and pushes with the credentials from config.json', async () => {
    const ref = `${registries.auth}/berth-test/private-${runId}:v1`;
    await importTinyImage(ref);
    await assert.rejects(client.images.push(ref, undefined, () => undefined, never), (e: EngineError) => /no basic auth credentials/.test(e.message) && e.nextStep.includes(`docker login ${registries.auth}`));
    writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ auths: { [registries.auth]: { auth: Buffer.from(`${registries.user}:${registries.password}`).toString('base64') } } }));
    const auth = await registryAuthFor(registries.auth, configDir);
    assert.deepEqual(auth, { username: registries.user, password: registries.password, serveraddress: registries.auth });
    await client.images.push(ref, auth, () => undefined, never);
    await docker(['rmi', ref]);
    await client.images.pull(ref, auth, () => undefined, never);
  });

  it('asks a credential helper named in config.json, as the CLI does', async () => {
    const bin = mkdtempSync(path.join(os.tmpdir(), 'berth-helper-'));
    // A credential helper is a program speaking the helper protocol; this one knows the test registry's login.
    const helper = path.join(bin, 'docker-credential-berthtest');
    writeFileSync(helper, `#!/bin/sh\nread server\n[ "$1" = get ] && [ "$server" = "${registries.auth}" ] && printf '{"ServerURL":"%s","Username":"${registries.user}","Secret":"${registries.password}"}' "$server" && exit 0\necho "credentials not found in native keychain"; exit 1\n`);
    chmodSync(helper, 0o755);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-docker-config-'));
    const pathBefore = process.env.PATH;
    process.env.PATH = `${bin}:${pathBefore}`;
    try {
      writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credHelpers: { [registries.auth]: 'berthtest' } }));
      const auth = await registryAuthFor(registries.auth, dir);
      assert.equal(auth?.username, registries.user);
      const ref = `${registries.auth}/berth-test/helped-${runId}:v1`;
      await importTinyImage(ref);
      await client.images.push(ref, auth, () => undefined, never);
      assert.equal(await registryAuthFor(registries.open, dir), undefined, 'no helper and no auths entry for the open registry');
    } finally {
      process.env.PATH = pathBefore;
      rmSync(bin, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cancels a pull while it downloads, before any layer completes', async () => {
    const ref = `${registries.open}/berth-test/big-${runId}:v1`;
    // Random bytes do not compress: the download takes long enough to be cut short.
    await importTinyImage(ref, randomBytes(48 * 1024 * 1024));
    await client.images.push(ref, undefined, () => undefined, never);
    await docker(['rmi', ref]);
    const controller = new AbortController();
    const seen: string[] = [];
    const pulling = client.images.pull(ref, undefined, (e) => {
      seen.push(e.status);
      if (/Downloading|Pulling fs layer|Waiting/.test(e.status)) controller.abort();
    }, controller.signal);
    await assert.rejects(pulling, (e: EngineError) => e.kind === 'cancelled', seen.join(' | '));
    assert.ok(!seen.includes('Pull complete'), seen.join(' | '));
    assert.equal(await docker(['images', '-q', ref]), '', 'no image once the pull is cancelled');
  });

  it('prunes dangling images (here: this run’s only) and says how much it freed', async () => {
    const ref = `berth-test/dangling-${runId}:v1`;
    const first = await importTinyImage(ref, 'first');
    await importTinyImage(ref, 'second'); // the tag moves on: the first image dangles
    assert.equal(await docker(['image', 'inspect', '-f', '{{len .RepoTags}}', first]), '0');
    const result = await client.images.prune(false, { label: [`${TEST_LABEL}=${runId}`] });
    assert.ok(result.deleted.includes(first), JSON.stringify(result));
    assert.ok(result.bytesReclaimed >= 0);
    await assert.rejects(docker(['image', 'inspect', first]), /No such image/);
  });
});
