/**
 * A Dockerfile parser that follows BuildKit's frontend/dockerfile/parser line by line (directives,
 * escape token, continuations with comments and empty lines inside, heredocs, JSON vs shell form,
 * flags) and keeps an exact 0-based range for every token. Never throws: what BuildKit would refuse
 * is reported in `errors`. Pure.
 */
import { range, type Position, type Range } from '../findings';
import type { Directive, Dockerfile, Flag, Heredoc, Instruction, ParseError, Word } from './ast';
import { heredocMarkers } from './heredocMarkers';
import { argsVerdict } from './nodeArgs';
import { ListBuffer, list } from './list';
import { eachFlag, isSpace, nextWord, type WordCursor } from './words';

const DIRECTIVE = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$/;
const KNOWN_DIRECTIVES = new Set(['escape', 'syntax', 'check']);
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

/**
 * Where each character of a logical line came from: one entry per physical-line segment. Most
 * instructions are one segment, kept in three fields; continued lines add flat triples. Positions
 * and ranges are made only when asked for: a parse that made three objects per word spent most of
 * its time collecting them.
 */
class PositionMap {
  text = '';
  private segments = 0;
  private firstLine = 0;
  private firstChar = 0;
  /** (logical offset, line, character) of the second and later segments. */
  private more: number[] | undefined;
  add(segment: string, line: number, firstChar: number): void {
    if (segment.length === 0) return;
    if (this.segments === 0) {
      this.firstLine = line;
      this.firstChar = firstChar;
    } else (this.more ??= list()).push(this.text.length, line, firstChar);
    this.segments++;
    this.text = this.text === '' ? segment : this.text + segment;
  }
  /** The position `delta` characters into the segment holding `offset` (< text.length). */
  private position(offset: number, delta: number): Position {
    const more = this.more;
    if (more === undefined || offset < (more[0] as number)) return { line: this.firstLine, character: this.firstChar + offset + delta };
    let lo = 0;
    let hi = more.length / 3 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((more[mid * 3] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: more[lo * 3 + 1] as number, character: (more[lo * 3 + 2] as number) + offset - (more[lo * 3] as number) + delta };
  }
  at(offset: number): Position {
    if (this.segments === 0) return { line: 0, character: 0 };
    return offset >= this.text.length ? this.after(this.text.length - 1) : this.position(offset, 0);
  }
  /** The position just after the character at `offset`; past the end, one further than `at` says. */
  private after(offset: number): Position {
    const past = offset >= this.text.length;
    return this.position(past ? this.text.length - 1 : offset, past ? 2 : 1);
  }
  /** Range of logical [start, end); an empty span sits at its start. */
  span(start: number, end: number): Range {
    const s = this.at(start);
    if (end <= start) return { start: s, end: s };
    return { start: s, end: this.segments === 0 ? { line: 0, character: 1 } : this.after(end - 1) };
  }
}

/** A word of an instruction's arguments; its range is worked out when asked for. */
class ParsedWord implements Word {
  constructor(
    readonly text: string,
    private readonly map: PositionMap,
    private readonly start: number,
    private readonly end: number,
  ) {}
  get range(): Range {
    return this.map.span(this.start, this.end);
  }
}

class ParsedFlag implements Flag {
  constructor(
    readonly name: string,
    readonly value: string | undefined,
    private readonly map: PositionMap,
    private readonly start: number,
    private readonly end: number,
    /** Offset of the `=` as written, or -1 for a bare `--name`. */
    private readonly eq: number,
  ) {}
  get range(): Range {
    return this.map.span(this.start, this.end);
  }
  get nameRange(): Range {
    return this.map.span(this.start + 2, this.eq < 0 ? this.end : this.eq);
  }
  get valueRange(): Range | undefined {
    return this.eq < 0 ? undefined : this.map.span(this.eq + 1, this.end);
  }
}

/** Where the parser gathers an instruction's words and flags (see ListBuffer), and its place in the words. */
const WORDS = new ListBuffer<Word>();
const FLAGS = new ListBuffer<Flag>();
const CURSOR: WordCursor = { start: 0, end: 0, next: 0 };

/** Shared by every instruction without flags, comments or heredocs; frozen, so a push fails loudly. */
const NONE = Object.freeze([]) as unknown as never[];

class ParsedInstruction implements Instruction {
  flags: Flag[] = NONE;
  json: string[] | undefined = undefined;
  heredocs: Heredoc[] = NONE;
  comments: string[] = NONE;
  trigger: ParsedInstruction | undefined = undefined;
  emptyContinuationLine: number | undefined = undefined;
  readonly argsText: string;
  readonly argsOffset: number;
  readonly logical: string;
  /** Where the instruction ends, heredoc bodies included; the parser sets it once it knows. */
  private endLine = 0;
  private endCharacter = 0;
  private argWords: Word[] | undefined;
  private keywordSpan: Range | undefined;
  private argsSpan: Range | undefined;
  private wholeSpan: Range | undefined;
  constructor(
    readonly keyword: string,
    readonly name: string,
    private readonly map: PositionMap,
    private readonly escape: string,
    private readonly start: number,
    private readonly keywordEnd: number,
    private readonly argsStart: number,
    private readonly argsEnd: number,
  ) {
    this.argsText = map.text.slice(argsStart, argsEnd);
    this.argsOffset = argsStart - start;
    this.logical = start === 0 ? map.text : map.text.slice(start);
  }
  /** Split when first asked for: the checks read a RUN's script, rarely its words. */
  get words(): Word[] {
    if (this.argWords === undefined) {
      const { map, escape, argsEnd } = this;
      const text = map.text;
      CURSOR.next = this.argsStart;
      while (nextWord(text, escape, CURSOR.next, argsEnd, CURSOR)) WORDS.push(new ParsedWord(text.slice(CURSOR.start, CURSOR.end), map, CURSOR.start, CURSOR.end));
      this.argWords = WORDS.take();
    }
    return this.argWords;
  }
  get keywordRange(): Range {
    return (this.keywordSpan ??= this.map.span(this.start, this.keywordEnd));
  }
  get argsRange(): Range {
    return (this.argsSpan ??= this.map.span(this.argsStart, this.argsEnd));
  }
  get range(): Range {
    return (this.wholeSpan ??= { start: this.keywordRange.start, end: { line: this.endLine, character: this.endCharacter } });
  }
  positionAt(offset: number): Position {
    return this.map.at(this.start + offset);
  }
  end(line: number, character: number): void {
    this.endLine = line;
    this.endCharacter = character;
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
 * the token is itself escaped. Returns where the continuation starts, or -1.
 */
function continuationAt(line: string, escape: string): number {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end === 0 || line[end - 1] !== escape) return -1;
  if (end >= 2 && line[end - 2] === escape) return -1;
  return end - 1;
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
  const instructions: Instruction[] = [];
  const comments: Dockerfile['comments'] = [];
  let pending: string[] = NONE;

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
    if (!directives.done) directives.line(raw.slice(lead), lineNo, bom + lead);
    if (raw.startsWith('#', lead)) {
      const text = raw.slice(lead + 1).trim();
      comments.push({ text, range: range(lineNo, bom + lead, lineNo, bom + raw.length) });
      if (text === '') pending = NONE;
      else if (pending === NONE) pending = [text];
      else pending.push(text);
      continue;
    }
    const first = continuationAt(raw, escape);
    if (first < 0 && lead === raw.length) {
      pending = NONE;
      continue;
    }
    const map = new PositionMap();
    map.add(raw.slice(lead, first >= 0 ? first : raw.length), lineNo, bom + lead);
    let ended = first < 0;
    let emptyContinuation: number | undefined;
    while (!ended && i < lines.length) {
      const contNo = i;
      const cont = lines[i] as string;
      i++;
      if (!directives.done) directives.line(cont, contNo, 0);
      const contLead = leadingSpace(cont);
      if (cont.startsWith('#', contLead)) {
        comments.push({ text: cont.slice(contLead + 1).trim(), range: range(contNo, contLead, contNo, cont.length) });
        continue;
      }
      if (contLead === cont.length) {
        emptyContinuation = contNo;
        continue;
      }
      const m = continuationAt(cont, escape);
      map.add(m >= 0 ? cont.slice(0, m) : cont, contNo, 0);
      ended = m < 0;
    }
    const lastLine = i - 1;
    const inst = buildInstruction(map, 0, escape, errors);
    if (!inst) continue;
    inst.comments = pending;
    pending = NONE;
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
        if (heredocTarget.heredocs === NONE) heredocTarget.heredocs = list();
        heredocTarget.heredocs.push({ ...doc, content, bodyStartLine: bodyStart, endLine: i - 1 });
        endLine = i - 1;
      }
    }
    const endChar = (lines[endLine] as string).length;
    inst.end(endLine, endChar);
    inst.trigger?.end(endLine, endChar);
    instructions.push(inst);
  }
  if (instructions.length === 0) {
    const last = Math.max(0, lines.length - 1);
    errors.push({ message: 'The Dockerfile has no instructions.', range: range(0, 0, last, (lines[last] ?? '').length), code: 'no-instructions' });
  }
  return { directives: directives.directives, escapeChar: escape, instructions, comments, errors, lines };
}

/** BuildKit's splitCommand + dispatch on `map.text[from..]`. */
function buildInstruction(map: PositionMap, from: number, escape: string, errors: ParseError[]): ParsedInstruction | undefined {
  const text = map.text;
  let start = from;
  while (start < text.length && isSpace(text[start] as string)) start++;
  if (start >= text.length) return undefined;
  let kwEnd = start;
  while (kwEnd < text.length && !' \t\v\f\r'.includes(text[kwEnd] as string)) kwEnd++;
  const keyword = keywordAt(text, start, kwEnd);
  const name = upperKeyword(keyword);
  let flags: Flag[] = NONE;
  let argsStart = kwEnd;
  while (argsStart < text.length && isSpace(text[argsStart] as string)) argsStart++;
  if (text.startsWith('--', argsStart)) {
    argsStart = eachFlag(text, kwEnd, (flagStart, flagEnd, value) => {
      const body = value.slice(2);
      const eq = body.indexOf('=');
      const rawEq = text.indexOf('=', flagStart);
      FLAGS.push(new ParsedFlag(eq < 0 ? body : body.slice(0, eq), eq < 0 ? undefined : body.slice(eq + 1), map, flagStart, flagEnd, rawEq < 0 || rawEq >= flagEnd ? -1 : rawEq));
    });
    flags = FLAGS.take();
  }
  let argsEnd = text.length;
  while (argsEnd > argsStart && isSpace(text[argsEnd - 1] as string)) argsEnd--;
  argsEnd = Math.max(argsStart, argsEnd);
  const inst = new ParsedInstruction(keyword, name, map, escape, start, kwEnd, argsStart, argsEnd);
  inst.flags = flags;
  if (name === 'ONBUILD') {
    inst.trigger = inst.argsText === '' ? undefined : buildInstruction(map, argsStart, escape, errors);
    return inst;
  }
  const verdict = argsVerdict(name, inst.argsText, inst);
  if (Array.isArray(verdict)) inst.json = verdict;
  else if (verdict) errors.push({ message: verdict.error, range: argsStart >= argsEnd ? inst.keywordRange : inst.argsRange, code: verdict.code });
  return inst;
}

/** Instruction keywords as written, uppercased once: most files repeat a dozen of them. */
const UPPER = new Map<string, string>();
const COMMON_KEYWORDS = ['RUN', 'COPY', 'FROM', 'ENV', 'ARG', 'WORKDIR', 'ADD', 'LABEL', 'EXPOSE', 'USER', 'CMD', 'ENTRYPOINT', 'VOLUME', 'HEALTHCHECK', 'SHELL', 'ONBUILD', 'STOPSIGNAL'];

/** `text.slice(start, end)`, without a new string when it is a common keyword in upper case. */
function keywordAt(text: string, start: number, end: number): string {
  for (const k of COMMON_KEYWORDS) if (k.length === end - start && text.startsWith(k, start)) return k;
  return text.slice(start, end);
}

function upperKeyword(keyword: string): string {
  let upper = UPPER.get(keyword);
  if (upper === undefined) {
    upper = keyword.toUpperCase();
    if (UPPER.size < 256) UPPER.set(keyword, upper);
  }
  return upper;
}
