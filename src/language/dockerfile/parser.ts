/**
 * A Dockerfile parser that follows BuildKit's frontend/dockerfile/parser line by line (directives,
 * escape token, continuations with comments and empty lines inside, heredocs, JSON vs shell form,
 * flags) and keeps an exact 0-based range for every token. Never throws: what BuildKit would refuse
 * is reported in `errors`. Pure.
 */
import { range, type Range } from '../findings';
import type { Directive, Dockerfile, Flag, Heredoc, Instruction, ParseError, Word } from './ast';
import { nodeArgs, type NodeArgs } from './nodeArgs';
import { eachWord, extractFlags, isSpace } from './words';

const DIRECTIVE = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$/;
const KNOWN_DIRECTIVES = new Set(['escape', 'syntax', 'check']);
const HEREDOC_WORD = /^(\d*)<<(-?)([^<]*)$/;
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

/**
 * Where each character of a logical line came from: one entry per physical-line segment. Most
 * instructions are one segment, so positions are computed without intermediate objects (the
 * parser makes three per word; garbage here is most of what a parse allocates).
 */
class PositionMap {
  /** Flat triples (logical offset, line, character): one array per instruction, not three. */
  private readonly segs: number[] = [];
  text = '';
  add(segment: string, line: number, firstChar: number): void {
    if (segment.length === 0) return;
    this.segs.push(this.text.length, line, firstChar);
    this.text = this.text === '' ? segment : this.text + segment;
  }
  /** Where in `segs` the segment holding `offset` (< text.length) starts. */
  private segment(offset: number): number {
    let lo = 0;
    let hi = this.segs.length / 3 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.segs[mid * 3] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo * 3;
  }
  at(offset: number): { line: number; character: number } {
    if (this.segs.length === 0) return { line: 0, character: 0 };
    return offset >= this.text.length ? this.after(this.text.length - 1) : this.before(offset);
  }
  /** The position of the character at `offset`. */
  private before(offset: number): { line: number; character: number } {
    const seg = this.segment(offset);
    return { line: this.segs[seg + 1] as number, character: (this.segs[seg + 2] as number) + offset - (this.segs[seg] as number) };
  }
  /** The position just after the character at `offset`; past the end, one further than `at` says. */
  private after(offset: number): { line: number; character: number } {
    const past = offset >= this.text.length;
    const last = past ? this.text.length - 1 : offset;
    const seg = this.segment(last);
    return { line: this.segs[seg + 1] as number, character: (this.segs[seg + 2] as number) + last - (this.segs[seg] as number) + (past ? 2 : 1) };
  }
  /** Range of logical [start, end); an empty span sits at its start. */
  span(start: number, end: number): Range {
    const s = this.at(start);
    if (end <= start) return { start: s, end: s };
    return { start: s, end: this.segs.length === 0 ? { line: 0, character: 1 } : this.after(end - 1) };
  }
}

class DirectiveParser {
  done = false;
  readonly seen = new Set<string>();
  readonly directives: Directive[] = [];
  constructor(private readonly errors: ParseError[], private readonly onEscape: (c: '\\' | '`') => void) {}

  line(text: string, lineNo: number, offset: number): void {
    if (this.done) return;
    const m = DIRECTIVE.exec(text);
    const name = m?.[1]?.toLowerCase();
    if (!m || !name || !KNOWN_DIRECTIVES.has(name)) {
      this.done = true;
      return;
    }
    const value = m[2] as string;
    const valueStart = offset + text.lastIndexOf(value);
    const r = range(lineNo, offset, lineNo, offset + text.length);
    if (this.seen.has(name)) {
      this.errors.push({ message: `Only one ${name} parser directive can be used.`, range: r, code: 'duplicate-directive' });
      return;
    }
    this.seen.add(name);
    const valueRange = range(lineNo, valueStart, lineNo, valueStart + value.length);
    this.directives.push({ name, value, range: r, valueRange });
    if (name === 'escape') {
      if (value === '\\' || value === '`') this.onEscape(value);
      else this.errors.push({ message: `Invalid escape token '${value}': use \` or \\.`, range: valueRange, code: 'invalid-escape' });
    }
  }
}

function leadingSpace(s: string): number {
  let i = 0;
  while (i < s.length && isSpace(s[i] as string)) i++;
  return i;
}

/**
 * BuildKit: the escape token at the end of a line (spaces and tabs may follow) continues it, unless
 * the token is itself escaped. Returns where the continuation starts, like a RegExp match's index.
 */
function continuationAt(line: string, escape: string): { index: number } | null {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end === 0 || line[end - 1] !== escape) return null;
  if (end >= 2 && line[end - 2] === escape) return null;
  return { index: end - 1 };
}

export function parseDockerfile(source: string): Dockerfile {
  const split = source.split('\n');
  const lines = source.includes('\r') ? split.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)) : split;
  // A final newline ends the last line; it does not start one (BuildKit's scanner agrees).
  const physical = source.endsWith('\n') ? lines.length - 1 : lines.length;
  const errors: ParseError[] = [];
  let escape: '\\' | '`' = '\\';
  const directives = new DirectiveParser(errors, (c) => {
    escape = c;
  });
  const continuation = { exec: (line: string) => continuationAt(line, escape) };
  const instructions: Instruction[] = [];
  const comments: Dockerfile['comments'] = [];
  let pending: string[] = [];

  let i = 0;
  while (i < lines.length) {
    const lineNo = i;
    let raw = lines[i] as string;
    let bom = 0;
    if (i === 0 && raw.startsWith('\uFEFF')) {
      raw = raw.slice(1);
      bom = 1;
    }
    i++;
    const lead = leadingSpace(raw);
    const token = raw.slice(lead);
    directives.line(token, lineNo, bom + lead);
    if (token.startsWith('#')) {
      const text = token.slice(1).trim();
      comments.push({ text, range: range(lineNo, bom + lead, lineNo, bom + raw.length) });
      if (text === '') pending = [];
      else pending.push(text);
      continue;
    }
    const first = continuation.exec(token);
    if (!first && token === '') {
      pending = [];
      continue;
    }
    const map = new PositionMap();
    map.add(first ? token.slice(0, first.index) : token, lineNo, bom + lead);
    let ended = !first;
    let emptyContinuation: number | undefined;
    while (!ended && i < lines.length) {
      const contNo = i;
      const cont = lines[i] as string;
      i++;
      directives.line(cont, contNo, 0);
      const t = cont.slice(leadingSpace(cont));
      if (t.startsWith('#')) {
        comments.push({ text: t.slice(1).trim(), range: range(contNo, cont.length - t.length, contNo, cont.length) });
        continue;
      }
      if (t === '') {
        emptyContinuation = contNo;
        continue;
      }
      const m = continuation.exec(cont);
      map.add(m ? cont.slice(0, m.index) : cont, contNo, 0);
      ended = !m;
    }
    const lastLine = i - 1;
    const inst = buildInstruction(map, 0, escape, errors);
    if (!inst) continue;
    inst.comments = pending;
    pending = [];
    inst.emptyContinuationLine = emptyContinuation !== undefined ? lastLine : undefined;
    let endLine = lastLine;
    const heredocTarget = inst.trigger ?? inst;
    if (HEREDOC_INSTRUCTIONS.has(heredocTarget.name) && !heredocTarget.json && map.text.includes('<<')) {
      for (const doc of heredocMarkers(map)) {
        const bodyStart = i;
        let terminated = false;
        let content = '';
        while (i < physical) {
          const line = lines[i] as string;
          i++;
          if ((doc.chomp ? line.replace(/^\t+/, '') : line) === doc.name) {
            terminated = true;
            break;
          }
          content += line + '\n';
        }
        if (!terminated) {
          errors.push({ message: `Unterminated heredoc: no line "${doc.name}" closes it.`, range: doc.markerRange, code: 'unterminated-heredoc' });
        }
        heredocTarget.heredocs.push({ ...doc, content, bodyStartLine: bodyStart, endLine: i - 1 });
        endLine = i - 1;
      }
    }
    const endChar = (lines[endLine] as string).length;
    inst.range = { start: inst.keywordRange.start, end: { line: endLine, character: endChar } };
    if (inst.trigger) inst.trigger.range = { start: inst.trigger.keywordRange.start, end: inst.range.end };
    instructions.push(inst);
  }
  if (instructions.length === 0) {
    const last = Math.max(0, lines.length - 1);
    errors.push({ message: 'The Dockerfile has no instructions.', range: range(0, 0, last, (lines[last] ?? '').length), code: 'no-instructions' });
  }
  return { directives: directives.directives, escapeChar: escape, instructions, comments, errors, lines };
}

/** BuildKit's splitCommand + dispatch on `map.text[from..]`. */
function buildInstruction(map: PositionMap, from: number, escape: string, errors: ParseError[]): Instruction | undefined {
  const text = map.text;
  let start = from;
  while (start < text.length && isSpace(text[start] as string)) start++;
  if (start >= text.length) return undefined;
  let kwEnd = start;
  while (kwEnd < text.length && !' \t\v\f\r'.includes(text[kwEnd] as string)) kwEnd++;
  const keyword = text.slice(start, kwEnd);
  const name = keyword.toUpperCase();
  const { flags: flagSpans, argsStart } = extractFlags(text, kwEnd);
  let argsEnd = text.length;
  while (argsEnd > argsStart && isSpace(text[argsEnd - 1] as string)) argsEnd--;
  const argsText = text.slice(argsStart, Math.max(argsStart, argsEnd));
  const flags: Flag[] = flagSpans.map((f) => {
    const body = f.value.slice(2);
    const eq = body.indexOf('=');
    const rawEq = f.text.indexOf('=');
    return {
      name: eq < 0 ? body : body.slice(0, eq),
      value: eq < 0 ? undefined : body.slice(eq + 1),
      range: map.span(f.start, f.end),
      nameRange: map.span(f.start + 2, rawEq < 0 ? f.end : f.start + rawEq),
      valueRange: rawEq < 0 ? undefined : map.span(f.start + rawEq + 1, f.end),
    };
  });
  const words: Word[] = [];
  eachWord(text, escape, argsStart, Math.max(argsStart, argsEnd), (wordText, wordStart, wordEnd) => words.push({ text: wordText, range: map.span(wordStart, wordEnd) }));
  const keywordRange = map.span(start, kwEnd);
  const inst: Instruction = {
    keyword,
    name,
    keywordRange,
    // The caller sets the real range once it knows where heredoc bodies end.
    range: keywordRange,
    flags,
    argsText,
    argsOffset: argsStart - start,
    argsRange: map.span(argsStart, Math.max(argsStart, argsEnd)),
    words,
    json: undefined,
    heredocs: [],
    comments: [],
    trigger: undefined,
    emptyContinuationLine: undefined,
    logical: text.slice(start),
    positionAt: (offset) => map.at(start + offset),
  };
  if (name === 'ONBUILD') {
    inst.trigger = argsText === '' ? undefined : buildInstruction(map, argsStart, escape, errors);
    return inst;
  }
  const args: NodeArgs = nodeArgs(name, argsText, escape);
  if ('error' in args) errors.push({ message: args.error, range: inst.argsRange.start === inst.argsRange.end ? keywordRange : inst.argsRange, code: args.code });
  else if (args.json) inst.json = args.values;
  return inst;
}

/** The heredoc markers of a logical line, in order (BuildKit's heredocsFromLine). */
function heredocMarkers(map: PositionMap): Omit<Heredoc, 'content' | 'bodyStartLine' | 'endLine'>[] {
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
