/** The tar reader and writer behind the container file browser: round trips, long and UTF-8 names, early stops. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { singleEntryTar, TarTooLarge, walkTar, type TarEntry } from '../../../src/engine/tar';
import { ExecDemuxer } from '../../../src/engine/execOutput';
import { parseListing } from '../../../src/engine/listViaExec';

/** Feeds a buffer in small uneven chunks, as a socket would. */
async function* chunked(data: Buffer, size = 37): AsyncGenerator<Buffer> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

async function entries(data: Buffer): Promise<{ entries: TarEntry[]; bodies: string[] }> {
  const found: TarEntry[] = [];
  const bodies: string[] = [];
  await walkTar(chunked(data), (e) => (found.push(e), 'read'), (_e, body) => (bodies.push(body.toString('utf8')), 'skip'), 1 << 20);
  return { entries: found, bodies };
}

describe('tar for the archive API', () => {
  const long = `${'ü'.repeat(80)} $(x) "q" 🚢 new\nline`;

  it('writes one file that it reads back with its name, mode and body', async () => {
    const { entries: found, bodies } = await entries(singleEntryTar(long, Buffer.from('hello'), 0o600));
    assert.equal(found.length, 1);
    assert.equal(found[0]!.name, long);
    assert.equal(found[0]!.type, 'file');
    assert.equal(found[0]!.mode, 0o600);
    assert.deepEqual(bodies, ['hello']);
  });

  it("writes the owner it is given, in the header or, past the header's seven octal digits, in a pax record", async () => {
    const small = await entries(singleEntryTar('f', Buffer.from('x'), 0o644, { uid: 1000, gid: 1001 }));
    assert.deepEqual(small.entries.map((e) => [e.uid, e.gid]), [[1000, 1001]]);
    const large = await entries(singleEntryTar('f', Buffer.from('x'), 0o644, { uid: 100_000_000, gid: 2_097_152 }));
    assert.deepEqual(large.entries.map((e) => [e.uid, e.gid]), [[100_000_000, 2_097_152]]);
    const root = await entries(singleEntryTar('f', Buffer.from('x'), 0o644));
    assert.deepEqual(root.entries.map((e) => [e.uid, e.gid]), [[0, 0]]);
  });

  it('writes a folder entry', async () => {
    const { entries: found } = await entries(singleEntryTar('dir', undefined, 0o755));
    assert.deepEqual(found.map((e) => [e.name, e.type, e.mode]), [['dir/', 'directory', 0o755]]);
  });

  it('reads what GNU tar writes: long names, links, bodies skipped', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'berth-tar-'));
    try {
      const name = `${'x'.repeat(150)} é`;
      writeFileSync(path.join(folder, name), 'a'.repeat(3000));
      execFileSync('ln', ['-s', 'target', path.join(folder, 'link')]);
      const tar = execFileSync('tar', ['-C', folder, '--format=gnu', '-cf', '-', '.']);
      const found: TarEntry[] = [];
      await walkTar(chunked(tar, 700), (e) => (found.push(e), 'skip'), () => 'skip', 1 << 20);
      const byName = new Map(found.map((e) => [e.name, e]));
      assert.equal(byName.get(`./${name}`)?.size, 3000);
      assert.equal(byName.get('./link')?.type, 'symlink');
      assert.equal(byName.get('./link')?.linkName, 'target');
    } finally {
      rmSync(folder, { recursive: true });
    }
  });

  it('stops at the cap with TarTooLarge', async () => {
    await assert.rejects(walkTar(chunked(singleEntryTar('big', Buffer.alloc(4096), 0o644)), () => 'skip', () => 'skip', 2048), TarTooLarge);
  });

  it('streams a body to a sink and stops after it', async () => {
    const body = Buffer.from('z'.repeat(1500));
    const got: Buffer[] = [];
    const stopped = await walkTar(chunked(singleEntryTar('f', body, 0o644), 100), () => 'read', () => 'skip', Infinity, async (c) => void got.push(c));
    assert.equal(stopped, true);
    assert.deepEqual(Buffer.concat(got), body);
  });
});

describe('exec output for listings', () => {
  const frame = (stream: number, text: string): Buffer => {
    const data = Buffer.from(text);
    const header = Buffer.alloc(8);
    header[0] = stream;
    header.writeUInt32BE(data.length, 4);
    return Buffer.concat([header, data]);
  };

  it('splits stdout from stderr across chunk boundaries, and cuts stdout at the cap', () => {
    const demux = new ExecDemuxer(8);
    const all = Buffer.concat([frame(1, 'abc'), frame(2, 'oops'), frame(1, 'def'), frame(1, 'ghijk')]);
    for (let at = 0; at < all.length; at += 5) demux.push(all.subarray(at, at + 5));
    assert.equal(demux.stdout.toString(), 'abcdef');
    assert.equal(demux.stderr, 'oops');
    assert.equal(demux.truncated, true);
  });

  it('parses NUL-separated entries and keeps names as text', () => {
    const out = Buffer.from('-fa b\0ld$(x)\0-dnew\nline\0lo🚢\0junk\0');
    assert.deepEqual(parseListing(out), [
      { name: 'a b', kind: 'file', symlink: false },
      { name: '$(x)', kind: 'directory', symlink: true },
      { name: 'new\nline', kind: 'directory', symlink: false },
      { name: '🚢', kind: 'other', symlink: true },
    ]);
  });
});
