/**
 * BuildKit's word-level splitting of an instruction line (parseWords, extractBuilderFlags, parseJSON),
 * rewritten to keep every word's offsets. Pure.
 */

export interface Span {
  text: string;
  start: number;
  end: number;
}

/** Unicode whitespace, as Go's unicode.IsSpace (fast path for ASCII). */
export const isSpace = (ch: string): boolean => {
  const c = ch.charCodeAt(0);
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(ch));
};

/** `isSpace(s[i])` without making the one-character string. */
export function isSpaceAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(s[i] as string));
}

/**
 * BuildKit's parseWords: whitespace-separated words; quotes and escapes are kept in the word,
 * a quoted part may contain spaces. Offsets are into `s`, starting at `from`. Because BuildKit keeps
 * every character (escapes too), a word is a slice of `s`; only a lone escape at the very end is dropped.
 */
export function splitWords(s: string, escape: string, from = 0, to = s.length): Span[] {
  const words: Span[] = [];
  const at: WordCursor = { start: 0, end: 0, next: from };
  while (nextWord(s, escape, at.next, to, at)) words.push({ text: s.slice(at.start, at.end), start: at.start, end: at.end });
  return words;
}

/** Where nextWord found a word: its offsets, and where the search for the next one starts. */
export interface WordCursor {
  start: number;
  end: number;
  next: number;
}

/**
 * BuildKit's parseWords one word at a time, from `pos`: fills `at` and says whether a word was
 * left before `to`. No callback and nothing allocated (the parser's hot path).
 */
export function nextWord(s: string, escape: string, pos: number, to: number, at: WordCursor): boolean {
  while (pos < to && isSpaceAt(s, pos)) pos++;
  if (pos >= to) return false;
  const start = pos;
  let quote = '';
  let end = to;
  for (; pos < to; pos++) {
    const ch = s[pos] as string;
    if (quote === '') {
      if (isSpaceAt(s, pos)) break;
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === escape) {
        if (pos + 1 === to) {
          end = pos;
          pos++;
          break;
        }
        pos++;
      }
    } else if (ch === quote) quote = '';
    else if (ch === escape && quote !== "'") {
      if (pos + 1 === to) {
        end = pos;
        pos++;
        break;
      }
      pos++;
    }
  }
  if (end === to) end = Math.min(pos, to);
  at.start = start;
  at.end = end;
  at.next = pos;
  return true;
}

/** Ends a plain flag: whitespace, or a quote or backslash (which need BuildKit's unquoting). */
const endsPlainFlag = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c === 39 || c === 34 || c === 92 || c === 32 || (c >= 9 && c <= 13) || (c > 127 && isSpaceAt(s, i));
};

/**
 * BuildKit's extractBuilderFlags: the leading `--words` of `s[from..]`. Calls `emit` with each
 * flag's offsets and its value with quotes removed, as BuildKit passes it on
 * (`--mount=type=cache,...`). Returns the offset where the arguments begin (`s.length` when
 * nothing follows).
 */
export function eachFlag(s: string, from: number, emit: (start: number, end: number, value: string) => void): number {
  let pos = from;
  for (;;) {
    while (pos < s.length && isSpace(s[pos] as string)) pos++;
    if (pos >= s.length) return s.length;
    if (!(s[pos] === '-' && s[pos + 1] === '-')) return pos;
    const start = pos;
    // Most flags have no quotes or escapes: the flag is then the word as written.
    let plainEnd = pos;
    while (plainEnd < s.length && !endsPlainFlag(s, plainEnd)) plainEnd++;
    if (plainEnd === s.length || isSpaceAt(s, plainEnd)) {
      pos = plainEnd;
      const word = s.slice(start, pos);
      if (word === '--') return pos;
      emit(start, pos, word);
      continue;
    }
    let word = '';
    let quote = '';
    let blankOk = false;
    for (; pos < s.length; pos++) {
      const ch = s[pos] as string;
      if (quote === '') {
        if (isSpace(ch)) break;
        if (ch === "'" || ch === '"') {
          quote = ch;
          blankOk = true;
          continue;
        }
        if (ch === '\\') {
          if (pos + 1 === s.length) continue;
          pos++;
          word += s[pos];
          continue;
        }
        word += ch;
      } else {
        if (ch === quote) {
          quote = '';
          continue;
        }
        if (ch === '\\') {
          if (pos + 1 === s.length) {
            quote = '';
            continue;
          }
          pos++;
          word += s[pos];
          continue;
        }
        word += ch;
      }
    }
    // `--` ends the flags; BuildKit returns the rest of the line after it.
    if (word === '--') return pos;
    if (blankOk || word.length > 0) emit(start, pos, word);
  }
}

const LEADING_SPACE = /^\s+/;

/** BuildKit's parseJSON: a JSON array of strings. `undefined` = not JSON (shell form); 'not-strings' = an error. */
export function parseJsonArray(rest: string): string[] | 'not-strings' | undefined {
  if (!rest.includes('[')) return undefined;
  const t = rest.replace(LEADING_SPACE, '');
  if (!t.startsWith('[')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(t);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  if (!parsed.every((x) => typeof x === 'string')) return 'not-strings';
  return parsed as string[];
}

/** Splits `s` on runs of BuildKit's whitespace ([\t\v\f\r ]), keeping offsets. */
export function splitWhitespace(s: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  const re = /[^\t\v\f\r ]+/g;
  re.lastIndex = from;
  for (let m = re.exec(s); m && m.index < to; m = re.exec(s)) {
    const end = Math.min(m.index + m[0].length, to);
    out.push({ text: s.slice(m.index, end), start: m.index, end });
  }
  return out;
}
