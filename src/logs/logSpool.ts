/**
 * A log view's lines on disk: appended to a temporary file, with an index of where each line
 * starts, so a view reads any window of a 100 MB log without holding it in memory. The index is 8
 * bytes a line; the text stays in the file. Pure (Node only).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { stripAnsi } from './ansi';
import { decodeRecord, encodeRecord, recordText, type LogRecord } from './logRecord';

/** A line read back, cut at `maxLineChars` when longer. */
export interface SpooledLine {
  record: LogRecord;
  truncated: boolean;
}

export interface SearchResult {
  /** Line numbers that contain the query, in order. */
  matches: number[];
  /** True when there were more than `maxMatches`. */
  capped: boolean;
}

const INDEX_CHUNK = 65_536;
const FLUSH_BYTES = 256 * 1024;
const READ_AT_ONCE_BYTES = 4 * 1024 * 1024;
const SEARCH_CHUNK_BYTES = 1024 * 1024;
/** Longest line a window shows (a single 50 MB line must not reach the webview whole). */
export const MAX_LINE_CHARS = 16 * 1024;
/** Most lines one window read returns. */
export const MAX_WINDOW_LINES = 2_000;

export class LogSpool {
  readonly path: string;
  private fd: number | undefined;
  private readonly index: Float64Array[] = [];
  private lines = 0;
  private written = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** Creates the spool file (mode 0600) in `dir`, the system's temporary folder by default. */
  constructor(dir: string = os.tmpdir()) {
    this.path = path.join(dir, `berth-logs-${randomBytes(8).toString('hex')}.spool`);
    this.fd = fs.openSync(this.path, 'wx+', 0o600);
  }

  get lineCount(): number {
    return this.lines;
  }

  /** Bytes spooled so far (on disk and waiting to be written). */
  get byteCount(): number {
    return this.written + this.pendingBytes;
  }

  /** Bytes the index holds in memory. */
  get indexBytes(): number {
    return this.index.length * INDEX_CHUNK * 8;
  }

  get disposed(): boolean {
    return this.fd === undefined;
  }

  append(record: LogRecord): void {
    if (this.fd === undefined) return;
    const bytes = Buffer.from(encodeRecord(record), 'utf8');
    const chunk = this.lines / INDEX_CHUNK;
    if (Number.isInteger(chunk)) this.index.push(new Float64Array(INDEX_CHUNK));
    this.index[Math.floor(chunk)]![this.lines % INDEX_CHUNK] = this.byteCount;
    this.lines++;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  /** Lines `start` to `start + count` (clamped to what exists and to MAX_WINDOW_LINES). */
  readLines(start: number, count: number): SpooledLine[] {
    if (this.fd === undefined) return [];
    this.flush();
    const from = Math.max(0, Math.min(Math.floor(start), this.lines));
    const to = Math.min(this.lines, from + Math.max(0, Math.min(Math.floor(count), MAX_WINDOW_LINES)));
    if (to <= from) return [];
    const begin = this.offset(from);
    const end = this.offset(to);
    if (end - begin <= READ_AT_ONCE_BYTES) {
      const buffer = this.read(begin, end - begin);
      const result: SpooledLine[] = [];
      let at = 0;
      for (let i = from; i < to; i++) {
        const next = this.offset(i + 1) - begin;
        result.push(this.toLine(buffer.toString('utf8', at, next - 1)));
        at = next;
      }
      return result;
    }
    // Some very long lines: read each one only as far as a window shows.
    const result: SpooledLine[] = [];
    for (let i = from; i < to; i++) {
      const lineStart = this.offset(i);
      const length = this.offset(i + 1) - lineStart - 1;
      const shown = Math.min(length, MAX_LINE_CHARS * 4 + 64);
      const line = this.toLine(this.read(lineStart, shown).toString('utf8'));
      result.push(shown < length ? { record: line.record, truncated: true } : line);
    }
    return result;
  }

  /** Every line whose text holds `query` (case-insensitive, ANSI codes ignored), at most `maxMatches`. */
  async search(query: string, options: { maxMatches?: number; signal?: AbortSignal } = {}): Promise<SearchResult> {
    const needle = query.toLowerCase();
    const maxMatches = options.maxMatches ?? 10_000;
    const matches: number[] = [];
    if (!needle || this.fd === undefined) return { matches, capped: false };
    this.flush();
    const total = this.written;
    // Its own descriptor: a dispose during the search closes the spool's, never this one.
    const file = await fs.promises.open(this.path, 'r');
    try {
      const decoder = new StringDecoder('utf8');
      const buffer = Buffer.alloc(SEARCH_CHUNK_BYTES);
      let position = 0;
      let line = 0;
      let carry = '';
      while (position < total && !options.signal?.aborted) {
        const { bytesRead } = await file.read(buffer, 0, Math.min(SEARCH_CHUNK_BYTES, total - position), position);
        if (bytesRead === 0) break;
        position += bytesRead;
        const parts = (carry + decoder.write(buffer.subarray(0, bytesRead))).split('\n');
        carry = parts.pop() ?? '';
        for (const part of parts) {
          const text = recordText(part);
          if ((text.includes('\x1b') ? stripAnsi(text) : text).toLowerCase().includes(needle)) {
            if (matches.length >= maxMatches) return { matches, capped: true };
            matches.push(line);
          }
          line++;
        }
      }
      return { matches, capped: false };
    } finally {
      await file.close();
    }
  }

  /** Closes and deletes the file. */
  dispose(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    this.pending = [];
    this.pendingBytes = 0;
    fs.closeSync(fd);
    fs.rmSync(this.path, { force: true });
  }

  private toLine(text: string): SpooledLine {
    const record = decodeRecord(text);
    if (record.text.length <= MAX_LINE_CHARS) return { record, truncated: false };
    return { record: { ...record, text: record.text.slice(0, MAX_LINE_CHARS) }, truncated: true };
  }

  private offset(line: number): number {
    if (line >= this.lines) return this.byteCount;
    return this.index[Math.floor(line / INDEX_CHUNK)]![line % INDEX_CHUNK]!;
  }

  private flush(): void {
    if (this.fd === undefined || this.pendingBytes === 0) return;
    const data = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    let done = 0;
    while (done < data.length) done += fs.writeSync(this.fd, data, done, data.length - done, this.written + done);
    this.written += data.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  private read(position: number, length: number): Buffer {
    const buffer = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = fs.readSync(this.fd!, buffer, done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return buffer.subarray(0, done);
  }
}
