/**
 * .dockerignore matching as BuildKit's patternmatcher does it: one pattern a line, `#` comments,
 * `!` exceptions (the last matching pattern wins), `*`, `?`, `[…]` and `**`, a path matched when it
 * or one of its parent folders matches. Pure.
 */

interface Pattern {
  exclusion: boolean;
  re: RegExp;
}

function clean(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function toRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += '[' + pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (ch === '\\' && i + 1 < pattern.length) {
      i++;
      re += (pattern[i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

export class DockerIgnore {
  private readonly patterns: Pattern[];
  constructor(text: string) {
    this.patterns = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => {
        const exclusion = l.startsWith('!');
        const body = clean(exclusion ? l.slice(1).trim() : l);
        return { exclusion, re: toRegExp(body) };
      })
      .filter((p) => p.re.source !== '^$');
  }

  /** Whether `path` (relative to the context) is excluded, itself or through a parent folder. */
  excludes(path: string): boolean {
    const p = clean(path);
    if (p === '') return false;
    const parts = p.split('/');
    let matched = false;
    for (const pat of this.patterns) {
      let hit = false;
      for (let n = parts.length; n >= 1 && !hit; n--) hit = pat.re.test(parts.slice(0, n).join('/'));
      if (hit) matched = !pat.exclusion;
    }
    return matched;
  }
}
