/**
 * One .dockerignore pattern, matched as BuildKit's patternmatcher does: Go's `filepath.Match`
 * syntax (`*`, `?`, `[…]`, `\` escapes) checked first, then an exact, prefix (`dir/` then `**`),
 * suffix (`**` then `/name`) or wildcard match, `**` spanning folders. BuildKit matches with RE2, which never
 * backtracks; so does this: the wildcard form runs as a set of states over the path, linear in
 * the path times the pattern. A pattern BuildKit rejects compiles to a problem, not an exception.
 * Pure.
 */

type Token =
  | { kind: 'char'; char: string }
  /** `?`: one character other than `/`. */
  | { kind: 'one' }
  /** `*`: any run of characters without `/`. */
  | { kind: 'star' }
  /** `**` before more pattern: nothing, or any run that ends with a slash (an optional group in RE2). */
  | { kind: 'folders' }
  /** A trailing `**` after a wildcard: anything. */
  | { kind: 'rest' }
  | { kind: 'class'; negated: boolean; ranges: [number, number][] };

export interface IgnorePattern {
  /** The pattern after `!`, cleaned as BuildKit cleans it. */
  text: string;
  exclusion: boolean;
  matches(path: string): boolean;
}

/** A pattern (one line of .dockerignore, already trimmed and cleaned) or why BuildKit rejects it. */
export function compileIgnorePattern(line: string): IgnorePattern | { problem: string } {
  const exclusion = line.startsWith('!');
  if (line === '!') return { problem: 'a lone `!` excludes nothing: BuildKit rejects it ("illegal exclusion pattern")' };
  const text = exclusion ? line.slice(1) : line;
  const problem = syntaxProblem(text);
  if (problem) return { problem };
  const compiled = compile(text);
  if ('problem' in compiled) return compiled;
  return { text, exclusion, matches: compiled.matches };
}

/** Go's `filepath.Match` syntax rules (which BuildKit checks first): a closed, non-empty `[…]`, no lone trailing `\`. */
function syntaxProblem(pattern: string): string | undefined {
  const cs = Array.from(pattern);
  const bad = 'has an unclosed, empty or malformed `[…]`';
  let i = 0;
  // Go's getEsc: one character of a class, `\` escaping the next; `-` or `]` cannot start one.
  const classChar = (): boolean => {
    if (i >= cs.length || cs[i] === '-' || cs[i] === ']') return false;
    if (cs[i] === '\\') i++;
    if (i >= cs.length) return false;
    i++;
    return i < cs.length;
  };
  for (; i < cs.length; i++) {
    if (cs[i] === '\\') {
      if (++i >= cs.length) return 'ends with a lone `\\`';
      continue;
    }
    if (cs[i] !== '[') continue;
    i++;
    if (cs[i] === '^') i++;
    for (let ranges = 0; !(cs[i] === ']' && ranges > 0); ranges++) {
      if (!classChar()) return bad;
      if (cs[i] === '-') {
        i++;
        if (!classChar()) return bad;
      }
    }
  }
  return undefined;
}

/** patternmatcher's compile(): the match type and, for wildcards, the tokens of its RE2 expression. */
function compile(pattern: string): { matches: (path: string) => boolean } | { problem: string } {
  const cs = Array.from(pattern);
  const tokens: Token[] = [];
  let type: 'exact' | 'prefix' | 'suffix' | 'wildcard' = 'exact';
  for (let i = 0, step = 0; i < cs.length; i++, step++) {
    const c = cs[i] as string;
    if (c === '*' && cs[i + 1] === '*') {
      i++;
      if (cs[i + 1] === '/') i++;
      if (i + 1 >= cs.length) {
        if (type === 'exact') type = 'prefix';
        else {
          tokens.push({ kind: 'rest' });
          type = 'wildcard';
        }
      } else {
        tokens.push({ kind: 'folders' });
        type = 'wildcard';
      }
      if (step === 0) type = 'suffix';
    } else if (c === '*' || c === '?') {
      tokens.push({ kind: c === '*' ? 'star' : 'one' });
      type = 'wildcard';
    } else if (c === '\\' && i + 1 < cs.length) {
      tokens.push({ kind: 'char', char: cs[++i] as string });
      type = 'wildcard';
    } else if (c === '[') {
      const parsed = characterClass(cs, i + 1);
      if ('problem' in parsed) return parsed;
      tokens.push(parsed.token);
      i = parsed.end;
      type = 'wildcard';
    } else {
      if (c === ']') type = 'wildcard';
      tokens.push({ kind: 'char', char: c });
    }
  }
  switch (type) {
    case 'exact':
      return { matches: (path) => path === pattern };
    case 'prefix': {
      const prefix = pattern.slice(0, -2);
      return { matches: (path) => path.startsWith(prefix) };
    }
    case 'suffix': {
      const suffix = pattern.slice(2);
      return { matches: (path) => path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1)) };
    }
    default: {
      // Most patterns start with plain text: a path without it cannot match, and costs one comparison.
      let prefix = '';
      for (const t of tokens) {
        if (t.kind !== 'char') break;
        prefix += t.char;
      }
      return { matches: (path) => path.startsWith(prefix) && run(tokens, path) };
    }
  }
}

/** A `[…]` whose body starts at `from` (syntax already checked); RE2 refuses a reversed range such as `[z-a]`. */
function characterClass(cs: string[], from: number): { token: Token; end: number } | { problem: string } {
  let i = from;
  const negated = cs[i] === '^';
  if (negated) i++;
  const ranges: [number, number][] = [];
  const one = (): number => {
    if (cs[i] === '\\') i++;
    return (cs[i++] as string).codePointAt(0) as number;
  };
  while (!(cs[i] === ']' && ranges.length > 0)) {
    const lo = one();
    const hi = cs[i] === '-' ? (i++, one()) : lo;
    if (hi < lo) return { problem: `has a reversed range \`${String.fromCodePoint(lo)}-${String.fromCodePoint(hi)}\`: BuildKit rejects it ("syntax error in pattern")` };
    ranges.push([lo, hi]);
  }
  return { token: { kind: 'class', negated, ranges }, end: i };
}

/**
 * Runs the tokens over `path` as a set of states (Thompson's construction): state k is "the
 * first k tokens matched"; a `folders` token has a second state, "inside it", which only a `/`
 * leaves. Never backtracks.
 */
function run(tokens: readonly Token[], path: string): boolean {
  const n = tokens.length;
  let at = new Uint8Array(n + 1);
  let inside = new Uint8Array(n);
  let nextAt = new Uint8Array(n + 1);
  let nextInside = new Uint8Array(n);
  // A star, `rest` or `folders` may match nothing: reaching it reaches the token after it too.
  const reach = (states: Uint8Array, k: number): void => {
    for (; k <= n && !states[k]; k++) {
      states[k] = 1;
      const kind = tokens[k]?.kind;
      if (kind !== 'star' && kind !== 'rest' && kind !== 'folders') return;
    }
  };
  reach(at, 0);
  for (const c of path) {
    nextAt.fill(0);
    nextInside.fill(0);
    let alive = false;
    for (let k = 0; k < n; k++) {
      if (!at[k] && !inside[k]) continue;
      const t = tokens[k] as Token;
      if (t.kind === 'folders') {
        nextInside[k] = 1;
        if (c === '/') reach(nextAt, k + 1);
        alive = true;
        continue;
      }
      if (!at[k]) continue;
      if (t.kind === 'star') {
        if (c !== '/') reach(nextAt, k);
      } else if (t.kind === 'rest') reach(nextAt, k);
      else if (t.kind === 'char' ? c === t.char : t.kind === 'one' ? c !== '/' : inClass(t, c)) reach(nextAt, k + 1);
    }
    [at, nextAt] = [nextAt, at];
    [inside, nextInside] = [nextInside, inside];
    if (!alive && !at.includes(1)) return false;
  }
  return at[n] === 1;
}

function inClass(t: Token & { kind: 'class' }, c: string): boolean {
  const code = c.codePointAt(0) as number;
  const hit = t.ranges.some(([lo, hi]) => lo <= code && code <= hi);
  return hit !== t.negated;
}
