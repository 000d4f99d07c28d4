/** Splits a byte stream of newline-delimited text (the engine's JSON streams) into lines; chunk boundaries may fall anywhere. */
export class LineSplitter {
  private buffer = '';
  private readonly decoder = new TextDecoder('utf-8');

  /** The complete, non-empty lines this chunk finishes. */
  push(chunk: Uint8Array | string): string[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const lines = this.buffer.split('\n');
    this.buffer = lines.pop() ?? '';
    return lines.map((l) => l.trim()).filter((l) => l !== '');
  }
}
