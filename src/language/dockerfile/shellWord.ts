/**
 * Variable expansion of one word the way BuildKit's shell lexer does it for Dockerfile instructions
 * ($name, ${name}, ${name:-word}, ${name-word}, ${name:+word}, ${name+word}, ${name:?word},
 * ${name#…} …), recording which names were found and which were not. Quotes: single quotes are
 * literal, double quotes expand. Pure.
 */

export interface WordExpansion {
  result: string;
  matched: ReadonlySet<string>;
  unmatched: ReadonlySet<string>;
}

export type Env = (name: string) => string | undefined;

export function envOf(values: ReadonlyMap<string, string>): Env {
  return (name) => values.get(name);
}

/** [A-Za-z_] and [A-Za-z0-9_] by character code: these run once per character of every expanded word. */
const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isNameChar = (c: number): boolean => isNameStart(c) || isDigit(c);

const NO_NAMES: ReadonlySet<string> = new Set();

/** Most words name no variable: the sets and the list are made on the first reference. */
class Expansion implements WordExpansion {
  result = '';
  matched: Set<string> | typeof NO_NAMES = NO_NAMES;
  unmatched: Set<string> | typeof NO_NAMES = NO_NAMES;
  lookup(name: string, env: Env): string | undefined {
    const v = env(name);
    if (v === undefined) (this.unmatched === NO_NAMES ? (this.unmatched = new Set()) : (this.unmatched as Set<string>)).add(name);
    else (this.matched === NO_NAMES ? (this.matched = new Set()) : (this.matched as Set<string>)).add(name);
    return v;
  }
}

/**
 * How deep `${a:-${b:-…}}` is expanded. BuildKit has no limit, but each level here is a call and a
 * scan to its closing brace: deeper text is kept as it is (and validate reports it).
 */
export const MAX_EXPANSION_DEPTH = 32;

export function expandWord(word: string, env: Env, escape = '\\'): WordExpansion {
  const out = new Expansion();
  out.result = expandRange(word, 0, word.length, env, escape, out, false, 0);
  return out;
}

/** How deep `${` nests in `text` (a quick count; quotes and escapes aside). */
export function expansionDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = text.indexOf('$'); i >= 0 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */) {
      if (++depth > max) max = depth;
      i++;
    } else if (c === 125 /* } */ && depth > 0) depth--;
  }
  return max;
}

/** Characters the lexer treats specially: quotes, `$` and the escape token. */
const isSpecial = (c: number, escape: string): boolean => c === 36 /* $ */ || c === 34 /* " */ || c === 39 /* ' */ || c === escape.charCodeAt(0);

function expandRange(s: string, from: number, to: number, env: Env, escape: string, out: Expansion, inDouble: boolean, depth: number): string {
  let result = '';
  let quote = inDouble ? '"' : '';
  let i = from;
  while (i < to) {
    const ch = s[i] as string;
    if (quote === "'") {
      if (ch === "'") quote = '';
      else result += ch;
      i++;
      continue;
    }
    if (ch === escape) {
      const next = s[i + 1];
      if (next === undefined || i + 1 >= to) {
        i++;
        continue;
      }
      if (quote === '"' && next !== '"' && next !== '$' && next !== escape) result += ch;
      result += next;
      i += 2;
      continue;
    }
    if (ch === "'" && quote === '') {
      quote = "'";
      i++;
      continue;
    }
    if (ch === '"') {
      quote = quote === '"' ? '' : '"';
      i++;
      continue;
    }
    if (ch === '$') {
      const r = dollar(s, i, to, env, escape, out, depth);
      result += r.text;
      i = r.end;
      continue;
    }
    // Copy a run of ordinary characters in one piece rather than one by one.
    let j = i + 1;
    while (j < to && !isSpecial(s.charCodeAt(j), escape)) j++;
    result += j - i === 1 ? ch : s.slice(i, j);
    i = j;
  }
  return result;
}

function dollar(s: string, at: number, to: number, env: Env, escape: string, out: Expansion, depth: number): { text: string; end: number } {
  const next = s[at + 1];
  if (next === '{') return braced(s, at, to, env, escape, out, depth + 1);
  const code = s.charCodeAt(at + 1);
  if (next === undefined || at + 1 >= to || !(isNameStart(code) || isDigit(code))) return { text: '$', end: at + 1 };
  let j = at + 1;
  if (isDigit(code)) j++;
  else while (j < to && isNameChar(s.charCodeAt(j))) j++;
  const name = s.slice(at + 1, j);
  return { text: out.lookup(name, env) ?? '', end: j };
}

function braced(s: string, at: number, to: number, env: Env, escape: string, out: Expansion, level: number): { text: string; end: number } {
  let j = at + 2;
  while (j < to && isNameChar(s.charCodeAt(j))) j++;
  const name = s.slice(at + 2, j);
  // Find the matching close brace, honouring nesting.
  let depth = 1;
  let k = j;
  for (; k < to; k++) {
    const c = s[k];
    if (c === escape) k++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) break;
  }
  const end = Math.min(k + 1, to);
  if (name === '' || level > MAX_EXPANSION_DEPTH) return { text: s.slice(at, end), end };
  const value = out.lookup(name, env);
  const op = s.slice(j, k);
  if (op === '') return { text: value ?? '', end };
  const colon = op.startsWith(':');
  const kind = colon ? op[1] : op[0];
  const wordStart = j + (colon ? 2 : 1);
  const word = (): string => expandRange(s, wordStart, k, env, escape, out, false, level);
  const unset = value === undefined || (colon && value === '');
  switch (kind) {
    case '-':
      return { text: unset ? word() : (value as string), end };
    case '+':
      return { text: unset ? '' : word(), end };
    case '?':
      return { text: value ?? '', end };
    default:
      // Pattern operators (#, %, /): keep the value; the checks only need which names were used.
      return { text: value ?? '', end };
  }
}

const VARIABLE_REF = /\$(?:\{|[A-Za-z_0-9])/;

/** Does the word reference any variable at all? */
export function hasVariables(word: string): boolean {
  return VARIABLE_REF.test(word);
}
