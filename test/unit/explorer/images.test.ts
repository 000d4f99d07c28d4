import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toContainerSummary } from '../../../src/engine/containerMapping';
import { checkImageRef, parseImageRef, toImageLayer, toImageSummary, withDefaultTag } from '../../../src/engine/imageMapping';
import { parseProgressLine, ProgressTracker } from '../../../src/engine/pullProgress';
import { authHeader, registryAuthFor, registryHost, type CredentialHelper } from '../../../src/engine/registryAuth';
import { describeImageRemoval, imageDescription, imageTagRow, imageTooltip, layerRow, repositoryDescription } from '../../../src/explorer/images/imagePresentation';
import { imageAffectedBy, imagesTree, keepHistories, layerInstruction, repositoryGroups, type DanglingImage, type ImageTag, type RepositoryGroup } from '../../../src/explorer/images/imagesModel';

const img = (id: string, tags: string[], created = 1767323045, size = 5 * 1024 * 1024, digests: string[] = []) =>
  toImageSummary({ Id: `sha256:${id.padEnd(64, '0')}`, RepoTags: tags, RepoDigests: digests, Created: created, Size: size });

describe('image references', () => {
  it('takes references apart the way the CLI does', () => {
    assert.deepEqual(parseImageRef('nginx'), { registry: 'docker.io', repository: 'nginx', tag: undefined, digest: undefined });
    assert.deepEqual(parseImageRef('127.0.0.1:5000/team/app:dev'), { registry: '127.0.0.1:5000', repository: '127.0.0.1:5000/team/app', tag: 'dev', digest: undefined });
    assert.deepEqual(parseImageRef('localhost/app@sha256:abc'), { registry: 'localhost', repository: 'localhost/app', tag: undefined, digest: 'sha256:abc' });
    assert.equal(parseImageRef('team/app:1').registry, 'docker.io');
    assert.equal(withDefaultTag('app'), 'app:latest');
    assert.equal(withDefaultTag('host:5000/app'), 'host:5000/app:latest');
    assert.equal(withDefaultTag('app@sha256:x'), 'app@sha256:x');
  });

  it('checks a new tag before the engine is asked', () => {
    assert.equal(checkImageRef('registry.example.com:5000/team/app:1.0'), undefined);
    assert.equal(checkImageRef('app'), undefined);
    assert.match(checkImageRef('App:1') ?? '', /not a repository name/);
    assert.match(checkImageRef('app:-x') ?? '', /not a tag/);
    assert.match(checkImageRef('app@sha256:abc') ?? '', /digest/);
    assert.match(checkImageRef('  ') ?? '', /reference/);
  });

  it('maps listings: no <none> tags, real dates, dangling', () => {
    const d = toImageSummary({ Id: 'sha256:x', RepoTags: ['<none>:<none>'], RepoDigests: ['<none>@<none>'], Created: 1 });
    assert.equal(d.dangling, true);
    assert.deepEqual(d.repoTags, []);
    assert.equal(toImageLayer({ CreatedBy: '/bin/sh -c echo', Created: 2 }).id, '<missing>');
  });
});

describe('registry credentials as the CLI stores them', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-auth-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (config: unknown): void => writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  const asked: string[] = [];
  const helper: CredentialHelper = async (name, server) => {
    asked.push(`${name} ${server}`);
    return name === 'none' ? undefined : { username: name === 'token' ? '<token>' : 'u', secret: `s-${name}` };
  };

  it('reads auths (base64 user:password), whatever scheme the key has', async () => {
    write({ auths: { 'https://127.0.0.1:5000': { auth: Buffer.from('alice:p:w').toString('base64') } } });
    assert.deepEqual(await registryAuthFor('127.0.0.1:5000', dir, helper), { username: 'alice', password: 'p:w', serveraddress: '127.0.0.1:5000' });
    assert.equal(await registryAuthFor('other:5000', dir, helper), undefined);
  });

  it('prefers a credHelpers entry, then auths, then the credsStore; knows Docker Hub by its names', async () => {
    write({ credHelpers: { 'gcr.io': 'gcloud' }, credsStore: 'desktop', auths: { 'https://index.docker.io/v1/': {} } });
    assert.deepEqual(await registryAuthFor('gcr.io', dir, helper), { username: 'u', password: 's-gcloud', serveraddress: 'gcr.io' });
    assert.deepEqual(await registryAuthFor('docker.io', dir, helper), { username: 'u', password: 's-desktop', serveraddress: 'https://index.docker.io/v1/' });
    assert.deepEqual(asked.slice(-2), ['gcloud gcr.io', 'desktop https://index.docker.io/v1/']);
    write({ credsStore: 'token' });
    assert.deepEqual(await registryAuthFor('quay.io', dir, helper), { identitytoken: 's-token', serveraddress: 'quay.io' });
    write({ credsStore: 'none' });
    assert.equal(await registryAuthFor('quay.io', dir, helper), undefined);
  });

  it('says which file is broken, and sends {} when there is nothing', async () => {
    writeFileSync(path.join(dir, 'config.json'), '{ nope');
    await assert.rejects(registryAuthFor('x', dir, helper), /config\.json is not valid JSON.*docker login/);
    assert.equal(authHeader(undefined), 'e30=');
    assert.equal(registryHost('https://registry-1.docker.io/v2/'), 'docker.io');
  });
});

describe('pull and push progress', () => {
  it('sums layers into one line, and turns the stream’s error into an exception', () => {
    const t = new ProgressTracker();
    const line = (o: object): void => {
      const e = parseProgressLine(JSON.stringify(o));
      if (e) t.add(e);
    };
    line({ status: 'Pulling from team/app', id: 'v1' });
    line({ status: 'Downloading', id: 'aaaaaaaaaaaa', progressDetail: { current: 50, total: 100 } });
    line({ status: 'Downloading', id: 'bbbbbbbbbbbb', progressDetail: { current: 10, total: 300 } });
    line({ status: 'Pull complete', id: 'aaaaaaaaaaaa' });
    assert.deepEqual({ ...t.summary(), last: '' }, { layers: 2, done: 1, current: 110, total: 400, last: '' });
    assert.throws(() => parseProgressLine('{"errorDetail":{"message":"no basic auth credentials"},"error":"no basic auth credentials"}'), /no basic auth credentials/);
    assert.equal(parseProgressLine('not json'), undefined);
  });
});

describe('images model and rows', () => {
  const web1 = img('a1', ['shop/web:1.0', 'shop/web:latest'], 1767323045);
  const web0 = img('a0', ['shop/web:0.9'], 1767000000);
  const dangling = img('d', [], 1767000000);
  const pinned = img('p', [], 1767000000, 100, ['alpine@sha256:1234567890abcdef1234']);

  it('groups by repository, newest image first, digest-only images by their digest', () => {
    const groups = repositoryGroups([web0, web1, dangling, pinned]);
    assert.deepEqual(groups.map((g) => g.repository), ['alpine', 'shop/web']);
    assert.deepEqual(groups[1]!.tags.map((t) => t.tag), ['1.0', 'latest', '0.9']);
    assert.equal(groups[0]!.tags[0]!.tag, 'sha256:1234567890abcdef1234');
    assert.equal(repositoryDescription(groups[1]!), '3 tags · 10 MiB', 'each image counted once');
  });

  it('shows untagged images only when asked, and a tag’s layers once they are read', () => {
    const snapshot = { images: [web1, dangling], containers: [], histories: new Map([[web1.id, [toImageLayer({ CreatedBy: '/bin/sh -c #(nop)  CMD ["sh"]', Size: 0 })]]]) };
    assert.deepEqual(imagesTree(snapshot, false).map((n) => n.kind), ['repository']);
    const tree = imagesTree(snapshot, true);
    assert.deepEqual(tree.map((n) => n.kind), ['repository', 'untagged']);
    assert.equal(tree[0]!.children![0]!.children!.length, 1);
    assert.deepEqual(keepHistories(snapshot.histories, [dangling]).size, 0);
  });

  it('reads a layer’s instruction out of its created-by', () => {
    assert.equal(layerInstruction('/bin/sh -c #(nop)  CMD ["sh"]'), 'CMD ["sh"]');
    assert.equal(layerInstruction('/bin/sh -c apk add --no-cache curl'), 'RUN apk add --no-cache curl');
    assert.equal(layerInstruction('RUN /bin/sh -c make # buildkit'), 'RUN /bin/sh -c make # buildkit');
    assert.equal(layerInstruction(''), '(no instruction recorded)');
    assert.equal(layerRow(toImageLayer({ CreatedBy: 'COPY x y', Size: 2048 })).description?.startsWith('2 KiB · '), true);
    assert.equal(layerRow(toImageLayer({ CreatedBy: '', Comment: 'Imported from -', Size: 2048 })).label, 'Imported from -');
  });

  it('draws a tag with size and date (the age only in the tooltip), hostile labels as text', () => {
    const tag: ImageTag = { image: { ...web1, labels: { note: '[x](command:workbench.action.quit)' } }, repository: 'shop/web', tag: '1.0', ref: 'shop/web:1.0', usedBy: [] };
    const row = imageTagRow(tag);
    assert.equal(row.label, '1.0');
    assert.equal(row.description, `${imageDescription(web1)} · a10000000000`);
    assert.match(imageDescription(web1), /^5 MiB · \d{4}-\d\d-\d\d$/);
    const tooltip = imageTooltip(tag.image, new Date(web1.created.getTime() + 3 * 86_400_000), tag.ref);
    assert.match(tooltip, /Created: 3 days ago/);
    assert.match(tooltip, /Also tagged: shop\/web\\:latest/);
    assert.ok(!tooltip.includes('[x](command:'));
  });

  it('follows the image events that change the list, and the container events that change who uses an image', () => {
    const e = (action: string) => ({ type: 'image', action, id: 'x', attributes: {}, timeNano: '1' });
    for (const a of ['pull', 'tag', 'untag', 'delete', 'import', 'load']) assert.equal(imageAffectedBy(e(a)), true, a);
    assert.equal(imageAffectedBy(e('push')), false);
    for (const a of ['create', 'destroy']) assert.equal(imageAffectedBy({ ...e(a), type: 'container' }), true, a);
    for (const a of ['start', 'die', 'kill', 'pull']) assert.equal(imageAffectedBy({ ...e(a), type: 'container' }), false, a);
  });

  it('says which containers use an image, on every tag of it and on an untagged one', () => {
    const made = (name: string, imageId: string) => toContainerSummary({ Id: name, Names: [`/${name}`], State: 'exited', ImageID: imageId });
    const containers = [made('web-2', web1.id), made('web-1', web1.id), made('old', dangling.id), made('other', 'sha256:elsewhere')];
    const tree = imagesTree({ images: [web1, web0, dangling], containers, histories: new Map() }, true);
    const tags = tree[0]!.children!.map((n) => n.resource as ImageTag);
    assert.deepEqual(tags.map((t) => [t.tag, t.usedBy]), [['1.0', ['web-1', 'web-2']], ['latest', ['web-1', 'web-2']], ['0.9', []]]);
    assert.match(imageTagRow(tags[0]!).description ?? '', /^5 MiB · \d{4}-\d\d-\d\d · 2 containers · a10000000000$/);
    assert.doesNotMatch(imageTagRow(tags[2]!).description ?? '', /container/);
    assert.match(imageTooltip(web1, new Date(), 'shop/web:1.0', tags[0]!.usedBy), /Used by: web\\-1, web\\-2/);
    assert.match(imageTooltip(web0, new Date(), 'shop/web:0.9', []), /Used by no container/);
    const untagged = tree[1]!.children![0]!.resource as DanglingImage;
    assert.deepEqual(untagged.usedBy, ['old']);
  });

  it('says what Remove Image untagged, deleted and freed', () => {
    assert.equal(
      describeImageRemoval([{ untagged: ['shop/web:0.9'], deleted: [web0.id, 'sha256:layer-that-went-with-it'], bytesReclaimed: 0 }], [web0]),
      'Removed: untagged shop/web:0.9; deleted image a00000000000, freeing up to 5 MiB.',
    );
    assert.equal(describeImageRemoval([{ untagged: ['shop/web:1.0'], deleted: [], bytesReclaimed: 0 }], [web1]), 'Removed: untagged shop/web:1.0. The image stays: other tags still name it.');
    assert.equal(describeImageRemoval([], []), 'Nothing was removed.');
  });

  it('keeps the group type honest for commands', () => {
    const g: RepositoryGroup = repositoryGroups([web1])[0]!;
    assert.equal(g.tags.length, 2);
  });
});
