/**
 * Finding the heredoc markers (`<<EOF`, `<<-"EOF"`, `3<<EOF`) on an instruction's logical line, as
 * BuildKit's heredocsFromLine does: the line is split into shell words with quotes and escapes
 * kept, and each word that is a marker names its heredoc. Pure.
 */
import type { Range } from '../findings';
import type { Heredoc } from './ast';

const HEREDOC_WORD = /^(\d*)<<(-?)([^<]*)$/;

/** A logical line's text, and the source range of a span of it. */
export interface LogicalLine {
  readonly text: string;
  span(start: number, end: number): Range;
}

/** The heredoc markers of a logical line, in order (BuildKit's heredocsFromLine). */
export function heredocMarkers(map: LogicalLine): Omit<Heredoc, 'content' | 'bodyStartLine' | 'endLine'>[] {
  const out: Omit<Heredoc, 'content' | 'bodyStartLine' | 'endLine'>[] = [];
  for (const w of rawShellWords(map.text)) {
    const m = HEREDOC_WORD.exec(w.text);
    const rest = m?.[3];
    if (!m || !rest) continue;
    const name = rest.replace(/\\(.)/g, '$1').replace(/["']/g, '');
    out.push({ name, chomp: m[2] === '-', expand: !/["']/.test(rest), markerRange: map.span(w.start, w.end) });
  }
  return out;
}

/** Shell words with quotes and escapes kept (BuildKit's lexer with RawQuotes and RawEscapes). */
function rawShellWords(s: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i] as string)) i++;
    if (i >= s.length) break;
    const start = i;
    let quote = '';
    for (; i < s.length; i++) {
      const ch = s[i] as string;
      if (quote) {
        if (ch === quote) quote = '';
        else if (ch === '\\' && quote === '"') i++;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '\\') i++;
      else if (/\s/.test(ch)) break;
    }
    const end = Math.min(i, s.length);
    out.push({ text: s.slice(start, end), start, end });
  }
  return out;
}
