/**
 * Splits the engine's log stream into lines. Without a TTY the engine multiplexes stdout and
 * stderr in frames (an 8-byte header: stream, 0, 0, 0, size as big-endian u32); with a TTY it
 * sends raw bytes. Lines keep their stream, and the engine's RFC 3339 timestamp is split off. Pure.
 */
import { StringDecoder } from 'node:string_decoder';

export type LogStreamKind = 'stdout' | 'stderr';

export interface LogLine {
  stream: LogStreamKind;
  /** The engine's timestamp as sent (RFC 3339 with nanoseconds), empty when absent. */
  timestamp: string;
  text: string;
}

/**
 * A line longer than this is cut into pieces of this size: a container that writes megabytes
 * without a newline must not grow one string without bound.
 */
export const MAX_LOG_LINE_CHARS = 64 * 1024;

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) ?/;

export class LogLineSplitter {
  private frame: Buffer = Buffer.alloc(0);
  private readonly partial: Record<LogStreamKind, string> = { stdout: '', stderr: '' };
  private readonly decoders: Record<LogStreamKind, StringDecoder> = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };

  constructor(
    private readonly multiplexed: boolean,
    private readonly onLine: (line: LogLine) => void,
  ) {}

  push(chunk: Buffer): void {
    if (!this.multiplexed) {
      this.text('stdout', chunk);
      return;
    }
    this.frame = this.frame.length === 0 ? chunk : Buffer.concat([this.frame, chunk]);
    while (this.frame.length >= 8) {
      const size = this.frame.readUInt32BE(4);
      if (this.frame.length < 8 + size) break;
      this.text(this.frame[0] === 2 ? 'stderr' : 'stdout', this.frame.subarray(8, 8 + size));
      this.frame = this.frame.subarray(8 + size);
    }
  }

  /** Emits what is left without a final newline (the stream ended mid-line). */
  flush(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.partial[stream] + this.decoders[stream].end();
      this.partial[stream] = '';
      if (rest) this.emit(stream, rest);
    }
  }

  private text(stream: LogStreamKind, bytes: Buffer): void {
    const text = this.partial[stream] + this.decoders[stream].write(bytes);
    const lines = text.split('\n');
    let rest = lines.pop() ?? '';
    for (const line of lines) this.emit(stream, line.endsWith('\r') ? line.slice(0, -1) : line);
    while (rest.length > MAX_LOG_LINE_CHARS) {
      this.emit(stream, rest.slice(0, MAX_LOG_LINE_CHARS));
      rest = rest.slice(MAX_LOG_LINE_CHARS);
    }
    this.partial[stream] = rest;
  }

  private emit(stream: LogStreamKind, raw: string): void {
    const m = TIMESTAMP.exec(raw);
    this.onLine({ stream, timestamp: m ? m[1]! : '', text: m ? raw.slice(m[0].length) : raw });
  }
}

/** An RFC 3339 timestamp as the `since` the logs endpoint takes (seconds.nanoseconds), one nanosecond later. */
export function sinceAfter(timestamp: string): string | undefined {
  const m = /^(.*?)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(timestamp);
  if (!m) return undefined;
  const seconds = Math.floor(Date.parse(`${m[1]}${m[3]}`) / 1000);
  if (!Number.isFinite(seconds)) return undefined;
  const nanos = BigInt((m[2] ?? '0').padEnd(9, '0').slice(0, 9)) + 1n;
  const carry = nanos >= 1_000_000_000n ? 1 : 0;
  return `${seconds + carry}.${(nanos % 1_000_000_000n).toString().padStart(9, '0')}`;
}
