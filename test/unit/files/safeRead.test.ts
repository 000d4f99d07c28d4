/**
 * The one door for files a workspace points at: a device, a pipe, a symlink to either, or a huge
 * file is refused at once with a reason (never read, never waited on); with allowed roots nothing
 * outside them is followed, symlinks included.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { MAX_READ_BYTES, pathKind, readTextFile } from '../../../src/language/safeRead';
import { scratch, type Scratch } from './hostileFiles';

describe('safe file reads', function () {
  // A generous hang guard: each read below returns in well under a millisecond.
  this.timeout(10_000);
  let s: Scratch;
  beforeEach(() => (s = scratch()));
  afterEach(() => s.remove());

  it('reads a regular file, and says when one is missing', () => {
    assert.deepEqual(readTextFile(s.write('a.yaml', 'services: {}\n')), { ok: true, text: 'services: {}\n' });
    assert.deepEqual(readTextFile(path.join(s.dir, 'none.yaml')), { ok: false, missing: true, problem: 'does not exist' });
    assert.equal(pathKind(path.join(s.dir, 'none.yaml')), undefined);
  });

  it('refuses /dev/zero, a symlink to it, /dev/stdin and a FIFO without reading or waiting', () => {
    for (const p of ['/dev/zero', s.link('.env', '/dev/zero'), '/dev/stdin', s.link('in.env', '/dev/stdin'), s.fifo('pipe.env')]) {
      const read = readTextFile(p);
      assert.equal(read.ok, false, p);
      assert.match(!read.ok ? read.problem : '', /is not a regular file \(a device, pipe or socket\)|cannot be read/, p);
      assert.equal(!read.ok && read.missing, false, p);
    }
    assert.equal(pathKind(s.fifo('other.env')), 'other');
    assert.equal(pathKind('/dev/zero'), 'other');
  });

  it('refuses a file over the size cap (a sparse 100 MiB file), and a folder', () => {
    const read = readTextFile(s.huge('big.yaml', 100 * 1024 * 1024));
    assert.deepEqual(read, { ok: false, missing: false, problem: `is larger than ${MAX_READ_BYTES / 1024 / 1024} MiB` });
    assert.deepEqual(readTextFile(s.write('small.yaml', 'x'.repeat(2000)), { maxBytes: 1000 }), { ok: false, missing: false, problem: 'is larger than 1000 bytes' });
    assert.match((readTextFile(s.dir) as { problem: string }).problem, /is a folder/);
  });

  it('with allowed roots, follows nothing outside them: by name, by symlink, or with no roots at all', () => {
    const outside = scratch('berth-outside-');
    try {
      const secret = outside.write('id_rsa', 'SECRET');
      const inside = s.write('sub/compose.yaml', 'services: {}\n');
      const policy = { allowedRoots: [s.dir] };
      assert.deepEqual(readTextFile(inside, policy), { ok: true, text: 'services: {}\n' });
      for (const p of [secret, s.link('sub/.env', secret), path.join(s.dir, '..', path.basename(outside.dir), 'id_rsa')]) {
        const read = readTextFile(p, policy);
        assert.equal(read.ok, false, p);
        assert.match(!read.ok ? read.problem : '', /outside the workspace folders/, p);
        assert.equal(pathKind(p, policy), 'outside', p);
      }
      assert.equal(readTextFile(inside, { allowedRoots: [] }).ok, false, 'no workspace folder: nothing is read');
      assert.equal(pathKind(path.join(s.dir, 'sub'), policy), 'directory');
    } finally {
      outside.remove();
    }
  });
});
