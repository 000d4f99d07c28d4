/**
 * Counts the HTTP/1.x requests a client sends on one connection, from the bytes as they arrive in
 * whatever chunks: a request line split across chunks counts once, pipelined requests each count,
 * and a body (by Content-Length or chunked) is skipped, so text in it that looks like a request
 * never counts. After an upgrade (docker's attach and exec hijack the connection) the rest is a
 * raw stream and is not read.
 */

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
/** A head longer than this is not HTTP as Docker clients send it: stop reading the connection. */
const MAX_HEAD_BYTES = 64 * 1024;

type State =
  | { kind: 'head' }
  | { kind: 'body'; remaining: number }
  | { kind: 'chunkSize' }
  | { kind: 'chunkData'; remaining: number }
  | { kind: 'trailers' }
  | { kind: 'opaque'; why: string };

export class HttpRequestCounter {
  /** Request lines seen so far, e.g. `GET /v1.41/events`. */
  readonly requests: string[] = [];
  private state: State = { kind: 'head' };
  private buffered: Buffer = Buffer.alloc(0);

  get count(): number {
    return this.requests.length;
  }

  /** Why the counter stopped reading this connection, if it did. */
  get stoppedBecause(): string | undefined {
    return this.state.kind === 'opaque' ? this.state.why : undefined;
  }

  /** Feeds the next chunk the client sent; returns how many requests it completed. */
  push(chunk: Buffer): number {
    const before = this.requests.length;
    let data: Buffer = this.buffered.length > 0 ? Buffer.concat([this.buffered, chunk]) : chunk;
    this.buffered = Buffer.alloc(0);
    while (data.length > 0 && this.state.kind !== 'opaque') {
      const rest = this.step(data);
      if (rest === undefined) {
        // The line or head is not complete yet: keep it for the next chunk.
        this.buffered = data;
        if (this.buffered.length > MAX_HEAD_BYTES) this.state = { kind: 'opaque', why: `a head or chunk line over ${MAX_HEAD_BYTES} bytes` };
        break;
      }
      data = rest;
    }
    return this.requests.length - before;
  }

  /** Consumes what the current state can from `data`; undefined when it needs more bytes. */
  private step(data: Buffer): Buffer | undefined {
    const state = this.state;
    switch (state.kind) {
      case 'head': {
        const end = data.indexOf(HEAD_END);
        if (end < 0) return undefined;
        this.readHead(data.subarray(0, end).toString('latin1'));
        return data.subarray(end + HEAD_END.length);
      }
      case 'body':
      case 'chunkData': {
        const take = Math.min(state.remaining, data.length);
        state.remaining -= take;
        if (state.remaining === 0) this.state = state.kind === 'body' ? { kind: 'head' } : { kind: 'chunkSize' };
        return data.subarray(take);
      }
      case 'chunkSize': {
        const end = data.indexOf(CRLF);
        if (end < 0) return undefined;
        const line = data.subarray(0, end).toString('latin1');
        // The CRLF that ends the previous chunk's data arrives as an empty line.
        if (line === '') return data.subarray(end + CRLF.length);
        const size = parseInt(line.split(';')[0]!.trim(), 16);
        if (!Number.isFinite(size)) {
          this.state = { kind: 'opaque', why: `a bad chunk size line: ${JSON.stringify(line.slice(0, 40))}` };
          return data;
        }
        this.state = size === 0 ? { kind: 'trailers' } : { kind: 'chunkData', remaining: size };
        return data.subarray(end + CRLF.length);
      }
      case 'trailers': {
        const end = data.indexOf(CRLF);
        if (end < 0) return undefined;
        // Trailer lines until an empty one, which ends the request.
        if (end === 0) this.state = { kind: 'head' };
        return data.subarray(end + CRLF.length);
      }
      case 'opaque':
        return data;
    }
  }

  private readHead(head: string): void {
    // Clients may send empty lines between requests (RFC 9112 §2.2).
    const lines = head.replace(/^(\r\n)+/, '').split('\r\n');
    if (lines.length === 1 && lines[0] === '') return;
    const requestLine = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(lines[0] ?? '');
    if (!requestLine) {
      this.state = { kind: 'opaque', why: `not a request line: ${JSON.stringify((lines[0] ?? '').slice(0, 60))}` };
      return;
    }
    this.requests.push(`${requestLine[1]} ${requestLine[2]!.split('?')[0]}`);
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim().toLowerCase());
    }
    if (headers.has('upgrade') && /\bupgrade\b/.test(headers.get('connection') ?? '')) {
      this.state = { kind: 'opaque', why: `upgraded to ${headers.get('upgrade')}` };
    } else if (/\bchunked\b/.test(headers.get('transfer-encoding') ?? '')) {
      this.state = { kind: 'chunkSize' };
    } else {
      const length = Number(headers.get('content-length') ?? 0);
      this.state = length > 0 ? { kind: 'body', remaining: length } : { kind: 'head' };
    }
  }
}
