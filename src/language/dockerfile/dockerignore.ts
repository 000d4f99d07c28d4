/**
 * .dockerignore as BuildKit reads it (moby's ignorefile and patternmatcher): one pattern a line,
 * `#` comments at the very start of a line, `!` exceptions (the last matching pattern wins), paths
 * cleaned like Go's `filepath.Clean`, a path excluded when it or one of its parent folders matches.
 * A pattern BuildKit rejects is kept as a problem, with its line, and matches nothing. Pure.
 */
import { compileIgnorePattern, type IgnorePattern } from './ignorePattern';

/** A line BuildKit would stop the build on. */
export interface IgnoreProblem {
  /** 0-based line in the .dockerignore. */
  line: number;
  text: string;
  problem: string;
}

/** Go's bufio.Scanner gives up on a longer line ("token too long"), and the build with it. */
const MAX_LINE = 64 * 1024;

/** Go's `filepath.Clean` on a slash path: no empty or `.` parts, `..` folded where it can be. */
export function cleanPath(p: string): string {
  const rooted = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..') parts.push(seg);
    else if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (!rooted) parts.push('..');
  }
  const out = (rooted ? '/' : '') + parts.join('/');
  return out === '' ? '.' : out;
}

/**
 * Pattern tests one lint may spend (each source is tested against every pattern, like BuildKit tests
 * every context file): a 30,000-line .dockerignore against 3,000 COPY sources would be 10^8.
 */
const BUDGET = 2_000_000;

export class DockerIgnore {
  private readonly patterns: IgnorePattern[] = [];
  readonly problems: IgnoreProblem[] = [];
  private spent = 0;
  /** Paths answered before the budget ran out; after that `excludes` answers undefined. */
  checked = 0;

  constructor(text: string) {
    const lines = text.replace(/^\uFEFF/, '').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const raw = (lines[i] as string).replace(/\r$/, '');
      if (raw.length > MAX_LINE) {
        this.problems.push({ line: i, text: raw.slice(0, 40) + '…', problem: `is longer than ${MAX_LINE / 1024} KiB: BuildKit cannot read the file ("token too long")` });
        continue;
      }
      if (raw.startsWith('#')) continue;
      const line = normalize(raw.trim());
      if (line === '') continue;
      const compiled = compileIgnorePattern(line);
      if ('problem' in compiled) this.problems.push({ line: i, text: raw.trim(), problem: compiled.problem });
      else this.patterns.push(compiled);
    }
  }

  /** The patterns BuildKit accepts. */
  get size(): number {
    return this.patterns.length;
  }

  /**
   * Whether `path` (relative to the context) is excluded, itself or through a parent folder;
   * undefined once this file's budget of pattern tests is spent.
   */
  excludes(path: string): boolean | undefined {
    const p = cleanPath(path);
    if (p === '.') return false;
    const parts = p.split('/');
    this.spent += this.patterns.length * parts.length;
    if (this.spent > BUDGET) return undefined;
    this.checked++;
    let matched = false;
    for (const pat of this.patterns) {
      // As patternmatcher: a pattern that cannot change the answer is not tried.
      if (pat.exclusion !== matched) continue;
      let hit = pat.matches(p);
      for (let n = 1; n < parts.length && !hit; n++) hit = pat.matches(parts.slice(0, n).join('/'));
      if (hit) matched = !pat.exclusion;
    }
    return matched;
  }

  /** Whether some path went unanswered for the budget. */
  get exhausted(): boolean {
    return this.spent > BUDGET;
  }
}

/** ignorefile.ReadAll then patternmatcher.New: `!` kept in front, the rest cleaned, a leading `/` dropped. */
function normalize(pattern: string): string {
  const invert = pattern.startsWith('!');
  let body = invert ? pattern.slice(1).trim() : pattern;
  if (body !== '') {
    body = cleanPath(body);
    if (body.length > 1 && body.startsWith('/')) body = body.slice(1);
  }
  return invert ? `!${body}` : body;
}
