/**
 * Just enough tar for the archive API: read entry headers from a stream (skipping bodies unless
 * asked), and write one entry. Hand-written rather than tar-stream: that library brings
 * readable-stream into the extension bundle (which must stay under 1 MB), and Berth needs only
 * headers and one body. Reads ustar headers, pax `path`/`linkpath`/`size` records and GNU long
 * names; writes a pax `path` record so any name (UTF-8, long) arrives intact. Pure.
 */

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'other';

export interface TarEntry {
  /** As stored: `bin/`, `bin/sh`, `/etc/hosts` (the archive API keeps a leading slash for `/`). */
  name: string;
  type: TarEntryType;
  size: number;
  /** Permission bits (0o7777). */
  mode: number;
  mtime: Date;
  linkName: string;
  /** The owner as numbers (pax `uid`/`gid` when the header's fields are too small). */
  uid: number;
  gid: number;
}

/** Who owns a written entry; the archive API applies it as given. */
export interface TarOwner {
  uid: number;
  gid: number;
}

const ROOT: TarOwner = { uid: 0, gid: 0 };

/** What to do with an entry: skip its body, read it (then `onBody`), or stop reading. */
export type TarVisit = 'skip' | 'read' | 'stop';

/** Thrown when a stream passes `maxBytes`: the caller says what to do next. */
export class TarTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The archive passed ${limit} bytes.`);
  }
}

const BLOCK = 512;

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? length : end).toString('utf8');
}

/** Octal ASCII, or GNU base-256 when the high bit of the first byte is set. */
function number(block: Buffer, start: number, length: number): number {
  const field = block.subarray(start, start + length);
  if ((field[0]! & 0x80) !== 0) {
    let value = field[0]! & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const digits = field.toString('latin1').replace(/[\0 ]+$/g, '').trim();
  return digits === '' ? 0 : parseInt(digits, 8);
}

function entryType(flag: string): TarEntryType {
  if (flag === '0' || flag === '' || flag === '\0' || flag === '7') return 'file';
  if (flag === '5') return 'directory';
  if (flag === '2') return 'symlink';
  return 'other';
}

/** `LEN key=value\n` records; LEN counts the whole record in bytes. */
function paxRecords(body: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    if (space < 0) break;
    const length = parseInt(body.subarray(at, space).toString('latin1'), 10);
    if (!Number.isFinite(length) || length <= 0 || at + length > body.length) break;
    const record = body.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

/** A growable byte queue: take exact amounts, or drop them without copying. */
class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }
  take(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    this.consume(n, out);
    return out;
  }
  drop(n: number): void {
    this.consume(n, undefined);
  }
  private consume(n: number, into: Buffer | undefined): void {
    let done = 0;
    while (done < n) {
      const head = this.chunks[0]!;
      const part = Math.min(head.length, n - done);
      if (into) head.copy(into, done, 0, part);
      done += part;
      if (part === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(part);
    }
    this.length -= n;
  }
}

const padded = (size: number): number => Math.ceil(size / BLOCK) * BLOCK;

/**
 * Walks a tar stream: `visit` decides per entry; a read body goes to `onBody`, which may stop.
 * Resolves true when stopped early, false at the end. Throws TarTooLarge past `maxBytes` read.
 */
export async function walkTar(
  source: AsyncIterable<Uint8Array>,
  visit: (entry: TarEntry) => TarVisit,
  onBody: (entry: TarEntry, body: Buffer) => TarVisit,
  maxBytes: number,
  /** Given: a read body streams here chunk by chunk (awaited: back-pressure), then the walk stops. */
  sink?: (chunk: Buffer) => Promise<void>,
): Promise<boolean> {
  const queue = new ByteQueue();
  let total = 0;
  let pax = new Map<string, string>();
  let longName: string | undefined;
  let longLink: string | undefined;
  // What the queue is waiting for: a header, a body to read (then its padding), or bytes to skip.
  let want: { kind: 'header' } | { kind: 'meta' | 'body'; flag: string; entry: TarEntry } | { kind: 'skip' | 'stream'; bytes: number } = { kind: 'header' };
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw new TarTooLarge(maxBytes);
    queue.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    for (;;) {
      if (want.kind === 'stream') {
        const n = Math.min(want.bytes, queue.length);
        if (n > 0) await sink!(queue.take(n));
        want = { kind: 'stream', bytes: want.bytes - n };
        if (want.bytes === 0) return true;
        break;
      }
      if (want.kind === 'skip') {
        const n = Math.min(want.bytes, queue.length);
        queue.drop(n);
        want = want.bytes === n ? { kind: 'header' } : { kind: 'skip', bytes: want.bytes - n };
        if (want.kind === 'skip') break;
        continue;
      }
      if (want.kind === 'meta' || want.kind === 'body') {
        const size = padded(want.entry.size);
        if (queue.length < size) break;
        const body = queue.take(size).subarray(0, want.entry.size);
        if (want.kind === 'body') {
          if (onBody(want.entry, body) === 'stop') return true;
        } else if (want.flag === 'x') {
          pax = paxRecords(body);
        } else if (want.flag === 'L') {
          longName = body.toString('utf8').replace(/\0+$/, '');
        } else if (want.flag === 'K') {
          longLink = body.toString('utf8').replace(/\0+$/, '');
        }
        want = { kind: 'header' };
        continue;
      }
      if (queue.length < BLOCK) break;
      const block = queue.take(BLOCK);
      if (block.every((b) => b === 0)) continue; // the end-of-archive blocks
      const flag = String.fromCharCode(block[156]!);
      const prefix = text(block, 257, 6).startsWith('ustar') ? text(block, 345, 155) : '';
      const stored = text(block, 0, 100);
      const size = pax.has('size') ? Number(pax.get('size')) : number(block, 124, 12);
      const entry: TarEntry = {
        name: pax.get('path') ?? longName ?? (prefix ? `${prefix}/${stored}` : stored),
        type: entryType(flag),
        size,
        mode: number(block, 100, 8) & 0o7777,
        mtime: new Date(number(block, 136, 12) * 1000),
        linkName: pax.get('linkpath') ?? longLink ?? text(block, 157, 100),
        uid: pax.has('uid') ? Number(pax.get('uid')) : number(block, 108, 8),
        gid: pax.has('gid') ? Number(pax.get('gid')) : number(block, 116, 8),
      };
      if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
        // Metadata for the next entry ('g', global, applies to all: Berth needs none of it).
        want = flag === 'g' ? { kind: 'skip', bytes: padded(size) } : { kind: 'meta', flag, entry };
        continue;
      }
      pax = new Map();
      longName = undefined;
      longLink = undefined;
      const decision = visit(entry);
      if (decision === 'stop') return true;
      if (decision === 'read' && sink) {
        if (entry.size === 0) return true;
        want = { kind: 'stream', bytes: entry.size };
        continue;
      }
      want = decision === 'read' ? { kind: 'body', flag, entry } : { kind: 'skip', bytes: padded(entry.size) };
    }
  }
  return false;
}

function header(name: string, size: number, mode: number, flag: string, mtime: Date, owner: TarOwner): Buffer {
  const block = Buffer.alloc(BLOCK);
  // The stored name is only a fallback (the pax record carries the real one): keep it ASCII and short.
  block.write(name.replace(/[^\x20-\x7e]/g, '_').slice(-99), 0, 'latin1');
  const octal = (value: number, start: number, length: number): void => void block.write(`${value.toString(8).padStart(length - 1, '0')}\0`, start, 'latin1');
  octal(mode & 0o7777, 100, 8);
  // Seven octal digits hold ids below 2^21; a larger one goes in the pax record (singleEntryTar).
  octal(owner.uid < 0o7777777 ? owner.uid : 0, 108, 8);
  octal(owner.gid < 0o7777777 ? owner.gid : 0, 116, 8);
  octal(size, 124, 12);
  octal(Math.floor(mtime.getTime() / 1000), 136, 12);
  block.write(flag, 156, 'latin1');
  block.write('ustar\x0000', 257, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  const bodyLength = Buffer.byteLength(body);
  let length = bodyLength + 1;
  while (String(length).length + bodyLength !== length) length = String(length).length + bodyLength;
  return Buffer.from(`${length}${body}`, 'utf8');
}

const pad = (bytes: number): Buffer => Buffer.alloc(padded(bytes) - bytes);

/** A tar holding one file (or, without `content`, one empty directory) named `name`. */
export function singleEntryTar(name: string, content: Uint8Array | undefined, mode: number, owner: TarOwner = ROOT, mtime = new Date()): Buffer {
  const records = Buffer.concat([
    paxRecord('path', content ? name : `${name}/`),
    ...(owner.uid >= 0o7777777 ? [paxRecord('uid', String(owner.uid))] : []),
    ...(owner.gid >= 0o7777777 ? [paxRecord('gid', String(owner.gid))] : []),
  ]);
  const size = content ? content.length : 0;
  return Buffer.concat([
    header('PaxHeader', records.length, 0o644, 'x', mtime, ROOT),
    records,
    pad(records.length),
    header(content ? name : `${name}/`, size, mode, content ? '0' : '5', mtime, owner),
    ...(content ? [Buffer.from(content.buffer, content.byteOffset, content.byteLength), pad(size)] : []),
    Buffer.alloc(BLOCK * 2),
  ]);
}
