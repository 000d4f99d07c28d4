/**
 * Validates a compose document against the compose-spec JSON schema, with messages a person reads
 * and the exact range of the offending key or value. Covers the subset of JSON Schema the compose
 * schema uses ($ref, type, properties, patternProperties, additionalProperties, required, items,
 * uniqueItems, enum, pattern, minimum, maximum, oneOf, deprecated). A failed `oneOf` reports the
 * branch that fits the value's shape, never a cascade. Pure: no vscode import.
 */
import type { Finding, Range } from '../findings';
import type { ComposeDocument, ComposeEntry, ComposeNode } from './composeDocument';
import { isReset } from './composeDocument';
import { closest, hasInterpolation } from './text';
import { composeSchema, resolveRef, type JsonSchema } from './schema';

type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/** Where a node sits: its key path from the top and the key's range (values can be empty). */
interface Place {
  path: string[];
  keyRange?: Range;
}

interface Problem {
  range: Range;
  code: string;
  message: string;
  severity: Finding['severity'];
  tags?: Finding['tags'];
}

const SPEC_URL = 'https://docs.docker.com/reference/compose-file/';

export function validateSchema(doc: ComposeDocument): Finding[] {
  if (!doc.top) return [];
  checked = new WeakMap();
  shared = doc.shared;
  ids.clear();
  idOf = new WeakMap();
  const problems: Problem[] = [];
  if (doc.top.kind !== 'map') {
    problems.push({ range: doc.top.range, code: 'compose/schema-type', severity: 'error', message: 'A compose file must be a mapping of top-level keys (`services:`, `networks:`, …).' });
  } else {
    check(doc.top, composeSchema, { path: [] }, problems);
  }
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const p of problems) {
    const id = `${p.range.start.line}:${p.range.start.character}:${p.code}`;
    if (seen.has(id)) continue; // a value reached through several aliases is reported once
    seen.add(id);
    out.push({ range: p.range, severity: p.severity, code: p.code, message: p.message, source: 'compose-spec', docsUrl: SPEC_URL, ...(p.tags ? { tags: p.tags } : {}) });
  }
  return out;
}

/**
 * What a mapping or list gave against a schema, for this validation: a value reached through many
 * aliases is checked once (its problems are the same wherever it is used; reporting keeps the first).
 */
let checked = new WeakMap<ComposeNode, Map<JsonSchema, Problem[]>>();
/** The values aliases and merges reach more than once: the others are met once, and not remembered. */
let shared: ReadonlySet<ComposeNode> = new Set();

function check(node: ComposeNode, schemaIn: JsonSchema, place: Place, out: Problem[]): void {
  if (node.kind === 'scalar' || !shared.has(node)) return checkOnce(node, schemaIn, place, out);
  let bySchema = checked.get(node);
  const known = bySchema?.get(schemaIn);
  if (known) {
    for (const p of known) out.push(p);
    return;
  }
  const from = out.length;
  checkOnce(node, schemaIn, place, out);
  if (!bySchema) checked.set(node, (bySchema = new Map()));
  bySchema.set(schemaIn, out.slice(from));
}

function checkOnce(node: ComposeNode, schemaIn: JsonSchema, place: Place, out: Problem[]): void {
  const schema = resolveRef(schemaIn);
  if (isReset(node)) return; // `!reset` removes the value: nothing to validate
  if (schema.oneOf) {
    checkOneOf(node, schema, place, out);
    if (!schema.type && !schema.properties && !schema.items) return;
  }
  const types = typesOf(schema);
  if (types && !types.some((t) => fits(node, t))) {
    out.push(problem(node, place, 'compose/schema-type', `${label(place)} must be ${describeTypes(types)}`));
    return;
  }
  if (node.kind === 'map') checkMap(node.entries, node, schema, place, out);
  else if (node.kind === 'seq') checkSeq(node.items, schema, place, out);
  else checkScalar(node, schema, place, out);
}

function checkMap(entries: ComposeEntry[], node: ComposeNode, schema: JsonSchema, place: Place, out: Problem[]): void {
  for (const e of entries) {
    const sub: Place = { path: [...place.path, e.key], keyRange: e.keyRange };
    const prop = schema.properties?.[e.key];
    if (prop) {
      const resolved = resolveRef(prop);
      if (resolved.deprecated && place.path.length > 0) {
        out.push({ range: e.keyRange, code: 'compose/deprecated', severity: 'hint', tags: ['deprecated'], message: `\`${e.key}\` is deprecated: ${resolved.description ?? 'see the Compose Specification.'}` });
      }
      check(e.value, prop, sub, out);
      continue;
    }
    const pattern = Object.entries(schema.patternProperties ?? {}).find(([re]) => regex(re).test(e.key));
    if (pattern) {
      check(e.value, pattern[1], sub, out);
      continue;
    }
    if (schema.additionalProperties === false) {
      out.push({ range: e.keyRange, code: 'compose/unknown-key', severity: 'error', message: unknownKeyMessage(e.key, schema, place) });
    } else if (typeof schema.additionalProperties === 'object') {
      check(e.value, schema.additionalProperties, sub, out);
    }
  }
  for (const req of schema.required ?? []) {
    if (!entries.some((e) => e.key === req)) out.push(problem(node, place, 'compose/missing-key', `${label(place)} needs \`${req}\``));
  }
}

function checkSeq(items: ComposeNode[], schema: JsonSchema, place: Place, out: Problem[]): void {
  const itemPlace: Place = { path: [...place.path, '[]'] };
  if (schema.items) for (const item of items) check(item, schema.items, itemPlace, out);
  if (schema.uniqueItems) {
    const seen = new Set<number>();
    for (const item of items) {
      const k = canonicalId(item);
      if (seen.has(k)) out.push({ range: item.range, code: 'compose/duplicate-item', severity: 'error', message: `${label(place)} lists ${describeValue(item)} twice` });
      seen.add(k);
    }
  }
}

function checkScalar(node: ComposeNode & { kind: 'scalar' }, schema: JsonSchema, place: Place, out: Problem[]): void {
  const v = node.value;
  if (typeof v === 'string' && hasInterpolation(v)) return; // its value is known only after interpolation
  if (schema.enum && !schema.enum.some((x) => x === v || String(x) === String(v))) {
    out.push(problem(node, place, 'compose/invalid-value', `${label(place)} must be one of ${schema.enum.map(String).join(', ')}`));
  }
  if (schema.pattern !== undefined && typeof v === 'string' && !regex(schema.pattern).test(v)) {
    out.push(problem(node, place, 'compose/invalid-value', `${label(place)} \`${v}\` does not match the pattern \`${schema.pattern}\``));
  }
  if (typeof v === 'number') {
    if (schema.minimum !== undefined && v < schema.minimum) out.push(problem(node, place, 'compose/out-of-range', `${label(place)} must be at least ${schema.minimum}`));
    if (schema.maximum !== undefined && v > schema.maximum) out.push(problem(node, place, 'compose/out-of-range', `${label(place)} must be at most ${schema.maximum}`));
  }
}

/** One branch must fit. If none does, report the branch whose shape fits the value, else a type error. */
function checkOneOf(node: ComposeNode, schema: JsonSchema, place: Place, out: Problem[]): void {
  const branches = (schema.oneOf ?? []).map(resolveRef);
  let best: Problem[] | undefined;
  for (const b of branches) {
    const types = typesOf(b);
    if (types && !types.some((t) => fits(node, t))) continue;
    const trial: Problem[] = [];
    check(node, b, place, trial);
    if (trial.every((p) => p.severity === 'hint')) {
      out.push(...trial);
      return;
    }
    if (!best || trial.length < best.length) best = trial;
  }
  if (best) {
    out.push(...best);
    return;
  }
  const all = [...new Set(branches.flatMap((b) => typesOf(b) ?? []))];
  out.push(problem(node, place, 'compose/schema-type', `${label(place)} must be ${describeTypes(all)}`));
}

function typesOf(schema: JsonSchema): JsonType[] | undefined {
  if (schema.type === undefined) return undefined;
  return (Array.isArray(schema.type) ? schema.type : [schema.type]) as JsonType[];
}

function fits(node: ComposeNode, type: JsonType): boolean {
  if (node.kind === 'map') return type === 'object';
  if (node.kind === 'seq') return type === 'array';
  const v = node.value;
  switch (type) {
    case 'null':
      return v === null;
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean' || (typeof v === 'string' && hasInterpolation(v));
    case 'number':
      return typeof v === 'number' || (typeof v === 'string' && hasInterpolation(v));
    case 'integer':
      return (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && hasInterpolation(v));
    default:
      return false;
  }
}

const TYPE_WORDS: Record<JsonType, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
};

function describeTypes(types: JsonType[]): string {
  const words = [...new Set(types.filter((t) => !(t === 'integer' && types.includes('number'))).map((t) => TYPE_WORDS[t]))];
  return words.length <= 1 ? (words[0] ?? 'something else') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function describeValue(node: ComposeNode): string {
  return node.kind === 'scalar' ? `\`${String(node.value)}\`` : 'the same entry';
}

/**
 * Equal values get equal numbers (hash-consing): a value's form names its children by their numbers,
 * so it is as long as the value is wide, never as big as its aliases expand; each node is worked out
 * once. Children come first, without recursion.
 */
const ids = new Map<string, number>();
let idOf = new WeakMap<ComposeNode, number>();

function canonicalId(top: ComposeNode): number {
  if (top.kind === 'scalar') return intern(JSON.stringify(top.value));
  const stack: { node: ComposeNode; ready: boolean }[] = [{ node: top, ready: false }];
  while (stack.length > 0) {
    const { node, ready } = stack.pop()!;
    if (idOf.has(node)) continue;
    const children = node.kind === 'map' ? node.entries.map((e) => e.value) : node.kind === 'seq' ? node.items : [];
    if (!ready && children.some((c) => !idOf.has(c))) {
      stack.push({ node, ready: true });
      for (const c of children) if (!idOf.has(c)) stack.push({ node: c, ready: false });
      continue;
    }
    const form =
      node.kind === 'scalar'
        ? JSON.stringify(node.value)
        : node.kind === 'seq'
          ? `[${node.items.map((i) => idOf.get(i)).join(',')}]`
          : `{${node.entries.map((e) => `${JSON.stringify(e.key)}:${idOf.get(e.value)}`).sort().join(',')}}`;
    idOf.set(node, intern(form));
  }
  return idOf.get(top)!;
}

function intern(form: string): number {
  let id = ids.get(form);
  if (id === undefined) ids.set(form, (id = ids.size));
  return id;
}

/** The value's range, or the key's when the value is empty (`key:` with nothing after it). */
function problem(node: ComposeNode, place: Place, code: string, message: string): Problem {
  const empty = node.start === node.end && place.keyRange;
  return { range: empty ? place.keyRange! : node.range, code, severity: 'error', message };
}

/** How a person names the place: "`condition`", "service `web`", "an item of `ports`". */
function label(place: Place): string {
  const p = place.path;
  const last = p[p.length - 1];
  if (last === undefined) return 'The file';
  if (p.length === 2 && SECTION_WORDS[p[0]!]) return `${SECTION_WORDS[p[0]!]} \`${last}\``;
  if (last === '[]') {
    const owner = [...p].reverse().find((s) => s !== '[]');
    return owner ? `Each item of \`${owner}\`` : 'Each item';
  }
  return `\`${last}\``;
}

const SECTION_WORDS: Record<string, string> = { services: 'Service', networks: 'Network', volumes: 'Volume', secrets: 'Secret', configs: 'Config', models: 'Model' };

/** "in service `web`", "in `healthcheck` of service `web`", "at the top level". */
function container(place: Place): string {
  const p = place.path;
  if (p.length === 0) return 'at the top level';
  const section = SECTION_WORDS[p[0]!];
  if (section && p.length >= 2) {
    const owner = `${section.toLowerCase()} \`${p[1]}\``;
    const inner = p.slice(2).filter((s) => s !== '[]');
    return inner.length === 0 ? `in ${owner}` : `in \`${inner[inner.length - 1]}\` of ${owner}`;
  }
  const named = p.filter((s) => s !== '[]');
  return `in \`${named[named.length - 1] ?? p[0]}\``;
}

function unknownKeyMessage(key: string, schema: JsonSchema, place: Place): string {
  const known = Object.keys(schema.properties ?? {});
  const patterns = Object.keys(schema.patternProperties ?? {}).filter((re) => re !== '^x-');
  if (known.length === 0 && patterns.length > 0) {
    return `\`${key}\` is not a valid name ${container(place)}: use letters, digits, \`.\`, \`_\` and \`-\``;
  }
  const suggestion = closest(key, known);
  return `unknown key \`${key}\` ${container(place)}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`;
}

const regexCache = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let re = regexCache.get(source);
  if (!re) {
    re = new RegExp(source, 'u');
    regexCache.set(source, re);
  }
  return re;
}
