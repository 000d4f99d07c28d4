/** One engine event is well under a kilobyte; a line this long is not an event but a broken or hostile engine. */
export const MAX_LINE_LENGTH = 1024 * 1024;

export interface LineSplitterOptions {
  /** Longest line kept, in UTF-16 code units; a longer one is dropped. */
  maxLineLength?: number;
  /** Called once per dropped line, as soon as it passes the limit (its end may never come). */
  onDroppedLine?: (limit: number) => void;
}

/**
 * Splits a byte stream of newline-delimited text (the engine's JSON streams) into lines; chunk
 * boundaries may fall anywhere. Each character is looked at once, so the work is linear in the
 * input, and an unfinished line never holds more than `maxLineLength` characters.
 */
export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly maxLineLength: number;
  /** The unfinished line's pieces, joined only when its newline arrives. */
  private pieces: string[] = [];
  private pending = 0;
  /** Inside a line that passed the limit: everything up to its newline is thrown away. */
  private dropping = false;

  constructor(private readonly options: LineSplitterOptions = {}) {
    this.maxLineLength = options.maxLineLength ?? MAX_LINE_LENGTH;
  }

  /** The complete, non-empty lines this chunk finishes. */
  push(chunk: Uint8Array | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const lines: string[] = [];
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      this.take(text, start, newline);
      if (!this.dropping) {
        const line = (this.pieces.length === 1 ? this.pieces[0]! : this.pieces.join('')).trim();
        if (line !== '') lines.push(line);
      }
      this.pieces = [];
      this.pending = 0;
      this.dropping = false;
      start = newline + 1;
    }
    this.take(text, start, text.length);
    return lines;
  }

  private take(text: string, from: number, to: number): void {
    if (this.dropping || from === to) return;
    this.pending += to - from;
    if (this.pending > this.maxLineLength) {
      this.pieces = [];
      this.pending = 0;
      this.dropping = true;
      this.options.onDroppedLine?.(this.maxLineLength);
      return;
    }
    this.pieces.push(from === 0 && to === text.length ? text : text.slice(from, to));
  }
}
