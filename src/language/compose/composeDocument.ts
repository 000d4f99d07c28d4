/**
 * The compose document model: a compose file parsed with `yaml`, anchors, aliases and `<<` merges
 * resolved, `!reset` / `!override` tags kept, and the exact range of every key and value.
 * Pure: no vscode import.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import type { Finding, Range } from '../findings';
import { MAX_FLOW_DEPTH, MAX_VALUES, yamlSize } from './yamlSize';

interface NodeBase {
  /** Offsets into the text, end exclusive; for a value reached through an alias, the anchored node's. */
  start: number;
  end: number;
  range: Range;
  /** A YAML tag written on the node, e.g. `!reset` or `!override`. */
  tag?: string;
}

export interface ComposeScalar extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** Plain (unquoted) or block scalar: how the value was written matters for `yes`, `1.0`, `0755`. */
  quoted: boolean;
}

export interface ComposeSeq extends NodeBase {
  kind: 'seq';
  items: ComposeNode[];
}

export interface ComposeMap extends NodeBase {
  kind: 'map';
  entries: ComposeEntry[];
}

export type ComposeNode = ComposeScalar | ComposeSeq | ComposeMap;

export interface ComposeEntry {
  key: string;
  keyRange: Range;
  value: ComposeNode;
  /** Came into this mapping through a `<<` merge, not written here. */
  merged: boolean;
}

/** A parsed compose file. */
export interface ComposeDocument {
  text: string;
  /** The top-level mapping; undefined when the file is empty or not a mapping. */
  root: ComposeMap | undefined;
  /** The top-level node whatever it is, for the "must be a mapping" check. */
  top: ComposeNode | undefined;
  /** YAML syntax errors and warnings, each with its range; the rest of the file is still modelled. */
  syntax: Finding[];
  lineCounter: LineCounter;
  rangeAt(start: number, end: number): Range;
  /** Values as written, and as Compose's YAML reader decodes them with every alias expanded (see `excessiveAliasing`). */
  values: { written: number; expanded: number };
  /** Values an alias or a `<<` merge reaches besides their own place: a walk may meet them more than once. */
  shared: ReadonlySet<ComposeNode>;
}

/** Tags Compose gives a meaning to; the yaml library does not know them, so their warning is dropped. */
const COMPOSE_TAGS = new Set(['!reset', '!override']);

export function parseCompose(text: string): ComposeDocument {
  const size = yamlSize(text);
  if (!size.ok) return unparsed(text, size);
  const lineCounter = new LineCounter();
  // Duplicate keys are found by the converter: yaml's own check compares each key with all before it.
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: false, uniqueKeys: false });
  } catch (error) {
    // yaml's parser recurses per nested block collection: 2,000 levels overflow the stack.
    return unparsed(text, { values: 0, depth: 0, reason: error instanceof Error ? error.message : String(error) });
  }
  const rangeAt = (start: number, end: number): Range => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(start, end));
    return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
  };
  const syntax: Finding[] = [];
  // yaml marks some errors with one character; widen them to the word they point at (a duplicate key, a tag).
  const rangeOfError = (pos: [number, number]): Range => {
    const word = pos[1] - pos[0] <= 1 ? /^[^\s:,[\]{}#]+/.exec(text.slice(pos[0], pos[0] + 200))?.[0].length ?? 1 : pos[1] - pos[0];
    return rangeAt(pos[0], Math.min(text.length, pos[0] + Math.max(1, word)));
  };
  for (const e of doc.errors) syntax.push(yamlFinding(e, 'error', rangeOfError));
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED' && [...COMPOSE_TAGS].some((t) => w.message.includes(`tag: ${t}`))) continue;
    syntax.push(yamlFinding(w, 'warning', rangeOfError));
  }
  const converter = new Converter(doc, rangeAt);
  const top = doc.contents ? converter.node(doc.contents as YamlNode) : undefined;
  for (const at of converter.duplicateKeys) syntax.push(yamlFinding({ code: 'DUPLICATE_KEY', message: 'Map keys must be unique', pos: [at, at + 1] }, 'error', rangeOfError));
  // Without an alias or a merge nothing is decoded twice: the count is only made when one is there.
  const expanded = top && converter.shared.size > 0 ? expandedSize(top, new Map()) : converter.written;
  return { text, top, root: top?.kind === 'map' ? top : undefined, syntax, lineCounter, rangeAt, values: { written: converter.written, expanded }, shared: converter.shared };
}

/** A text too big or too deep to parse: one finding at its start, and no model. */
function unparsed(text: string, size: { values: number; depth: number; reason?: string }): ComposeDocument {
  const lineCounter = new LineCounter();
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const finding: Finding = size.reason
    ? { range: zero, severity: 'error', code: 'compose/nesting-too-deep', message: `The YAML parser gave up on this file (${size.reason}): its collections nest too deep. Berth checks nothing more in it.`, source: 'berth' }
    : size.depth > MAX_FLOW_DEPTH
      ? { range: zero, severity: 'error', code: 'compose/nesting-too-deep', message: `Collections nest ${size.depth.toLocaleString('en-US')} deep here; Berth's YAML parser handles ${MAX_FLOW_DEPTH} levels (Compose's, 10,000), so Berth checks nothing more in this file.`, source: 'berth' }
      : { range: zero, severity: 'warning', code: 'compose/too-many-values', message: `This file holds ${size.values.toLocaleString('en-US')} YAML values; Berth checks files of up to ${MAX_VALUES.toLocaleString('en-US')} (parsing takes about 2 KB of memory per value). Split it with \`include:\`, or check it with Compose.`, source: 'berth' };
  return { text, top: undefined, root: undefined, syntax: [finding], lineCounter, rangeAt: () => zero, values: { written: 0, expanded: 0 }, shared: new Set() };
}

/**
 * How many values a node decodes to with its aliases expanded: memoised per node, so linear in the
 * written values. Recursive, as the converter that made the nodes is: as deep as the YAML parser goes.
 */
function expandedSize(node: ComposeNode, sizes: Map<ComposeNode, number>): number {
  const known = sizes.get(node);
  if (known !== undefined) return known;
  let size = 1;
  if (node.kind === 'seq') for (const item of node.items) size += expandedSize(item, sizes);
  else if (node.kind === 'map') for (const e of node.entries) size += expandedSize(e.value, sizes);
  sizes.set(node, size);
  return size;
}

/**
 * Compose reads YAML with go-yaml, which refuses a document whose aliases expand too far ("document
 * contains excessive aliasing"): the share of decoded values that come from aliases may be 99% for
 * up to 400,000 values, falling to 10% at 4,000,000. A billion-laughs file fails that, and Berth
 * stops there too rather than expand it.
 */
export function excessiveAliasing(doc: ComposeDocument): boolean {
  const { written, expanded } = doc.values;
  const fromAliases = expanded - written;
  if (fromAliases <= 100 || expanded <= 1000) return false;
  const low = 400_000;
  const high = 4_000_000;
  const allowed = expanded <= low ? 0.99 : expanded >= high ? 0.1 : 0.99 - (0.89 * (expanded - low)) / (high - low);
  return fromAliases / expanded > allowed;
}

function yamlFinding(e: { code: string; message: string; pos: [number, number] }, severity: 'error' | 'warning', rangeOf: (pos: [number, number]) => Range): Finding {
  const message = e.message.split(' at line ')[0] ?? e.message;
  return { range: rangeOf(e.pos), severity, code: `yaml/${e.code.toLowerCase().replace(/_/g, '-')}`, message, source: 'yaml' };
}

class Converter {
  private readonly done = new Map<YamlNode, ComposeNode>();
  private readonly converting = new Set<YamlNode>();
  /** Offsets of keys that repeat one before them in the same mapping. */
  readonly duplicateKeys: number[] = [];
  /** Values converted (each written value once, whatever refers to it). */
  written = 0;
  /** Alias targets and the values `<<` merges copy in. */
  readonly shared = new Set<ComposeNode>();

  /** Anchors by name, in text order: yaml's own `Alias.resolve` walks the whole document per alias. */
  private readonly anchors = new Map<string, { at: number; node: YamlNode }[]>();

  constructor(doc: Document, private readonly rangeAt: (s: number, e: number) => Range) {
    visit(doc, {
      Node: (_, n) => {
        if (!isAlias(n) && n.anchor) {
          const list = this.anchors.get(n.anchor) ?? [];
          list.push({ at: n.range?.[0] ?? 0, node: n });
          this.anchors.set(n.anchor, list);
        }
      },
    });
  }

  /** An alias names the closest anchor of that name before it: a binary search, as anchors are in text order. */
  private anchored(name: string, at: number): YamlNode | undefined {
    const list = this.anchors.get(name);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length; // the first anchor at or after `at`
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as { at: number }).at < at) lo = mid + 1;
      else hi = mid;
    }
    return list[lo - 1]?.node;
  }

  node(n: YamlNode | null | undefined, fallback = 0): ComposeNode {
    if (isAlias(n)) {
      const target = this.anchored(n.source, n.range?.[0] ?? 0);
      if (!target || this.converting.has(target)) return this.scalar(null, n.range?.[0] ?? fallback, n.range?.[1] ?? fallback);
      const out = this.node(target);
      this.shared.add(out);
      return out;
    }
    if (!n) return this.scalar(null, fallback, fallback);
    const known = this.done.get(n);
    if (known) return known;
    this.converting.add(n);
    this.written++;
    const out = this.convert(n);
    this.converting.delete(n);
    this.done.set(n, out);
    return out;
  }

  private convert(n: YamlNode): ComposeNode {
    const [start, end] = n.range ?? [0, 0];
    const base = { start, end, range: this.rangeAt(start, end), ...(n.tag ? { tag: n.tag } : {}) };
    if (isSeq(n)) return { kind: 'seq', ...base, items: n.items.map((i) => this.node(i as YamlNode, end)) };
    if (isMap(n)) return { kind: 'map', ...base, entries: this.entries(n.items) };
    if (isScalar(n)) {
      const v = n.value;
      const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : typeof v === 'bigint' ? Number(v) : v === null || v === undefined ? null : String(v);
      return { kind: 'scalar', ...base, value, quoted: n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE' };
    }
    return this.scalar(null, start, end);
  }

  private scalar(value: null, start: number, end: number): ComposeScalar {
    return { kind: 'scalar', start, end, range: this.rangeAt(start, end), value, quoted: false };
  }

  private entries(pairs: readonly unknown[]): ComposeEntry[] {
    const own: ComposeEntry[] = [];
    const merges: ComposeEntry[][] = [];
    // Scalar keys equal by value, as yaml's uniqueKeys compares them (`1` and `1.0` are one key; `<<` may repeat).
    const keys = new Set<unknown>();
    for (const p of pairs) {
      if (!isPair(p)) continue;
      const keyNode = p.key as YamlNode | null;
      const keyStart = keyNode?.range?.[0] ?? 0;
      const keyEnd = keyNode?.range?.[1] ?? keyStart;
      if (isScalar(keyNode) && typeof keyNode.value !== 'symbol' && !Number.isNaN(keyNode.value)) {
        if (keys.has(keyNode.value)) this.duplicateKeys.push(keyStart);
        keys.add(keyNode.value);
      }
      const value = this.node(p.value as YamlNode | null, keyEnd);
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        merges.push(this.mergeSources(value));
        continue;
      }
      const key = isScalar(keyNode) ? String(keyNode.value) : isAlias(keyNode) ? (scalarText(this.node(keyNode)) ?? '') : String(keyNode ?? '');
      own.push({ key, keyRange: this.rangeAt(keyStart, keyEnd), value, merged: false });
    }
    if (merges.length === 0) return own;
    // Explicit keys win over merged ones; among merge sources, the first one listed wins (YAML merge key rules).
    const seen = new Set(own.map((e) => e.key));
    const out = [...own];
    for (const source of merges) {
      for (const e of source) {
        if (seen.has(e.key)) continue;
        seen.add(e.key);
        this.shared.add(e.value);
        out.push({ ...e, merged: true });
      }
    }
    return out;
  }

  private mergeSources(value: ComposeNode): ComposeEntry[] {
    if (value.kind === 'map') return value.entries;
    if (value.kind === 'seq') return value.items.flatMap((i) => (i.kind === 'map' ? i.entries : []));
    return [];
  }
}

// ——— Reading helpers used by every rule ———

/** Whether `p` lies in `r`, both ends included (a cursor right after a word is on it). */
export function rangeContains(r: Range, p: { line: number; character: number }): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

export function entry(map: ComposeNode | undefined, key: string): ComposeEntry | undefined {
  return map?.kind === 'map' ? map.entries.find((e) => e.key === key && !isReset(e.value)) : undefined;
}

export function child(map: ComposeNode | undefined, key: string): ComposeNode | undefined {
  return entry(map, key)?.value;
}

/** Entries of a mapping, leaving out the ones a `!reset` removes. */
export function entriesOf(node: ComposeNode | undefined): ComposeEntry[] {
  return node?.kind === 'map' ? node.entries.filter((e) => !isReset(e.value)) : [];
}

export function isReset(node: ComposeNode): boolean {
  return node.tag === '!reset';
}

/** A scalar's value as Compose reads it (a string), or undefined for collections and null. */
export function scalarText(node: ComposeNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

/** Items of a list, or the single value when Compose accepts "a string or a list". */
export function listItems(node: ComposeNode | undefined): ComposeNode[] {
  if (!node) return [];
  if (node.kind === 'seq') return node.items;
  return node.kind === 'scalar' && node.value !== null ? [node] : [];
}

/** The services, networks, volumes, secrets or configs declared at the top level. */
export type TopSection = 'services' | 'networks' | 'volumes' | 'secrets' | 'configs';

/** What one entry of each section is called, in messages. */
export const SECTION_NOUN: Record<TopSection, string> = { services: 'service', networks: 'network', volumes: 'volume', secrets: 'secret', configs: 'config' };

export function declared(doc: ComposeDocument, section: TopSection): ComposeEntry[] {
  return entriesOf(child(doc.root, section));
}
