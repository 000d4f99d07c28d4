/**
 * Variable expansion of one word the way BuildKit's shell lexer does it for Dockerfile instructions
 * ($name, ${name}, ${name:-word}, ${name-word}, ${name:+word}, ${name+word}, ${name:?word},
 * ${name#…} …), recording which names were found and which were not. Quotes: single quotes are
 * literal, double quotes expand. Pure.
 */

export interface VariableRef {
  name: string;
  /** Offsets of the whole reference (`$x`, `${x:-y}`) in the word. */
  start: number;
  end: number;
}

export interface WordExpansion {
  result: string;
  matched: Set<string>;
  unmatched: Set<string>;
  refs: VariableRef[];
}

export type Env = (name: string) => string | undefined;

export function envOf(values: ReadonlyMap<string, string>): Env {
  return (name) => values.get(name);
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

export function expandWord(word: string, env: Env, escape = '\\'): WordExpansion {
  const out: WordExpansion = { result: '', matched: new Set(), unmatched: new Set(), refs: [] };
  out.result = expandRange(word, 0, word.length, env, escape, out, false);
  return out;
}

function lookup(name: string, env: Env, out: WordExpansion): string | undefined {
  const v = env(name);
  if (v === undefined) out.unmatched.add(name);
  else out.matched.add(name);
  return v;
}

/** Characters the lexer treats specially: quotes, `$` and the escape token. */
const isSpecial = (c: number, escape: string): boolean => c === 36 /* $ */ || c === 34 /* " */ || c === 39 /* ' */ || c === escape.charCodeAt(0);

function expandRange(s: string, from: number, to: number, env: Env, escape: string, out: WordExpansion, inDouble: boolean): string {
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
      const r = dollar(s, i, to, env, escape, out);
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

function dollar(s: string, at: number, to: number, env: Env, escape: string, out: WordExpansion): { text: string; end: number } {
  const next = s[at + 1];
  if (next === '{') return braced(s, at, to, env, escape, out);
  if (next === undefined || at + 1 >= to || !(NAME_START.test(next) || /[0-9]/.test(next))) return { text: '$', end: at + 1 };
  let j = at + 1;
  if (/[0-9]/.test(next)) j++;
  else while (j < to && NAME_CHAR.test(s[j] as string)) j++;
  const name = s.slice(at + 1, j);
  out.refs.push({ name, start: at, end: j });
  return { text: lookup(name, env, out) ?? '', end: j };
}

function braced(s: string, at: number, to: number, env: Env, escape: string, out: WordExpansion): { text: string; end: number } {
  let j = at + 2;
  while (j < to && NAME_CHAR.test(s[j] as string)) j++;
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
  const ref: VariableRef = { name, start: at, end };
  if (name === '') return { text: s.slice(at, end), end };
  out.refs.push(ref);
  const value = lookup(name, env, out);
  const op = s.slice(j, k);
  if (op === '') return { text: value ?? '', end };
  const colon = op.startsWith(':');
  const kind = colon ? op[1] : op[0];
  const wordStart = j + (colon ? 2 : 1);
  const word = (): string => expandRange(s, wordStart, k, env, escape, out, false);
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

/** Does the word reference any variable at all? */
export function hasVariables(word: string): boolean {
  return /\$(?:\{|[A-Za-z_0-9])/.test(word);
}
