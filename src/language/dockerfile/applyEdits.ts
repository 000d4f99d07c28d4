/** Applies a quick fix's text edits to a document's text (for `berth lint`, tests and previews). Pure. */
import type { Position, TextEdit } from '../findings';

function offsetAt(text: string, starts: number[], p: Position): number {
  const lineStart = starts[p.line] ?? text.length;
  return Math.min(lineStart + p.character, text.length);
}

/** Edits must not overlap; they are applied from the end so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const resolved = edits
    .map((e) => ({ start: offsetAt(text, starts, e.range.start), end: offsetAt(text, starts, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of resolved) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
