import * as assert from 'node:assert/strict';
import { toContainerSummary } from '../../../src/engine/containerMapping';
import { toVolumeSummary, volumeUsage } from '../../../src/engine/volumes';
import { removeVolumeQuestion, volumeDescription, volumeRow, volumeTooltip } from '../../../src/explorer/volumes/volumePresentation';
import { apiAtLeast, mountsOf, volumeAffectedBy, volumePruneFilters, volumesTree, volumeUsers, type VolumeEntry } from '../../../src/explorer/volumes/volumesModel';

const anon = 'a'.repeat(64);
const data = toVolumeSummary({ Name: 'data', Driver: 'local', Mountpoint: '/var/lib/docker/volumes/data/_data', Labels: { team: 'x' }, Options: { type: 'tmpfs' }, CreatedAt: '2026-01-02T03:04:05Z' });
const scratch = toVolumeSummary({ Name: anon, Mountpoint: `/var/lib/docker/volumes/${anon}/_data` });
const db = toContainerSummary({ Id: 'db', Names: ['/db'], State: 'running', Mounts: [{ Type: 'volume', Name: 'data', Destination: '/var/lib/db', RW: true }, { Type: 'bind', Source: '/etc', Destination: '/host-etc', RW: false }] });
const reader = toContainerSummary({ Id: 'r', Names: ['/reader'], State: 'exited', Mounts: [{ Type: 'volume', Name: 'data', Destination: '/in', RW: false }] });

describe('volumes', () => {
  it('maps the engine’s volumes and knows an anonymous one', () => {
    assert.equal(data.anonymous, false);
    assert.equal(scratch.anonymous, true);
    assert.equal(scratch.driver, 'local');
    assert.equal(data.created?.toISOString(), '2026-01-02T03:04:05.000Z');
  });

  it('reads sizes from /system/df, and -1 as "the driver cannot say"', () => {
    const usage = volumeUsage([{ Name: 'data', UsageData: { Size: 2048, RefCount: 1 } }, { Name: 'nfs', UsageData: { Size: -1, RefCount: 0 } }]);
    assert.deepEqual(usage.get('data'), { size: 2048, refCount: 1 });
    assert.deepEqual(usage.get('nfs'), { size: undefined, refCount: 0 });
  });

  it('lists named volumes first, each with the containers that mount it (not bind mounts)', () => {
    const tree = volumesTree({ volumes: [scratch, data], containers: [db, reader], sizes: undefined });
    assert.deepEqual(tree.map((n) => n.key), ['data', anon]);
    assert.deepEqual(tree[0]!.children!.map((c) => c.key), ['db:/var/lib/db', 'r:/in']);
    assert.equal((tree[0]!.resource as VolumeEntry).users, 2);
    assert.deepEqual(mountsOf(scratch, [db, reader]), []);
  });

  it('shows the size once measured, and when it was measured in the tooltip', () => {
    const measuredAt = new Date(2026, 0, 2, 10, 2);
    const [node] = volumesTree({ volumes: [data], containers: [], sizes: { byName: new Map([['data', { size: 3 * 1024 * 1024, refCount: 0 }]]), measuredAt } });
    const entry = node!.resource as VolumeEntry;
    assert.equal(volumeDescription(entry), 'local · unused · 3 MiB');
    assert.match(volumeTooltip(entry), /Size: 3 MiB \(measured 2026-01-02 10:02\)/);
    assert.match(volumeTooltip(entry), /Mountpoint: \/var\/lib\/docker\/volumes\/data\/\\_data/);
    assert.equal(volumeRow(entry, 0).contextValue, 'volume');
  });

  it('follows volume events and the container events that change who mounts what', () => {
    const e = (type: string, action: string) => ({ type, action, id: 'x', attributes: {}, timeNano: '1' });
    for (const a of ['create', 'destroy', 'mount', 'unmount']) assert.equal(volumeAffectedBy(e('volume', a)), true, a);
    assert.equal(volumeAffectedBy(e('container', 'destroy')), true);
    assert.equal(volumeAffectedBy(e('container', 'start')), false);
  });

  it('names the containers that use a volume before removing it', () => {
    const users = volumeUsers([db, reader, toContainerSummary({ Id: 'x', Names: ['/twice'], Mounts: [{ Type: 'volume', Name: 'data', Destination: '/a' }, { Type: 'volume', Name: 'data', Destination: '/b' }] })]);
    assert.deepEqual(users.get('data'), ['db', 'reader', 'twice']);
    const used = removeVolumeQuestion(['data', 'free'], users);
    assert.equal(used.question, 'Remove 2 volumes (data, free) and everything in them?');
    assert.match(used.detail, /^data is used by db, reader, twice: the engine refuses .* remove those containers first\. The data cannot be brought back\.$/);
    assert.equal(removeVolumeQuestion(['free'], users).detail, 'No container uses it. The data cannot be brought back.');
  });

  it('asks newer engines to prune named volumes too', () => {
    assert.equal(apiAtLeast('1.41', '1.42'), false);
    assert.equal(apiAtLeast('1.43', '1.42'), true);
    assert.equal(apiAtLeast('2.0', '1.42'), true);
    assert.deepEqual(volumePruneFilters('1.41', { label: ['x'] }), { label: ['x'] });
    assert.deepEqual(volumePruneFilters('1.44'), { all: ['true'] });
  });
});
