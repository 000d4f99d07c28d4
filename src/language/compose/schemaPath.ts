/**
 * Finds what the compose schema says about a place in a file, given as a key path
 * (`['services', 'web', 'ports', '[]']`): the candidate schemas (several where the schema has a
 * `oneOf`), the keys allowed there and their descriptions. Pure: no vscode import.
 */
import { composeSchema, resolveRef, type JsonSchema } from './schema';

/** The schema is fixed data, so answers per path are kept (completion asks the same paths again and again). */
const cache = new Map<string, JsonSchema[]>();

/** Every schema that may apply at `path`, `oneOf` branches expanded. */
export function schemasAt(path: readonly string[]): JsonSchema[] {
  const key = path.join('\0');
  let found = cache.get(key);
  if (!found) {
    found = walk(path);
    if (cache.size > 2000) cache.clear();
    cache.set(key, found);
  }
  return found;
}

function walk(path: readonly string[]): JsonSchema[] {
  let current = expand(composeSchema);
  for (const key of path) {
    const next: JsonSchema[] = [];
    for (const s of current) {
      const sub = key === '[]' ? s.items : propertySchema(s, key);
      if (sub) next.push(...expand(sub));
    }
    current = [...new Set(next)];
    if (current.length === 0) break;
  }
  return current;
}

function expand(schema: JsonSchema): JsonSchema[] {
  const s = resolveRef(schema);
  return s.oneOf ? [s, ...s.oneOf.flatMap(expand)] : [s];
}

export function propertySchema(s: JsonSchema, key: string): JsonSchema | undefined {
  const prop = s.properties?.[key];
  if (prop) return prop;
  for (const [re, sub] of Object.entries(s.patternProperties ?? {})) if (new RegExp(re, 'u').test(key)) return sub;
  return typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
}

/** The keys the schema names at `path`, each with its schema (first definition wins). */
export function keysAt(path: readonly string[]): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  for (const s of schemasAt(path)) for (const [k, v] of Object.entries(s.properties ?? {})) if (!out.has(k)) out.set(k, resolveRef(v));
  return out;
}

/** The description of the value at `path` (the property's own, else its definition's). */
export function describe(path: readonly string[]): string | undefined {
  if (path.length === 0) return undefined;
  const parents = schemasAt(path.slice(0, -1));
  const key = path[path.length - 1]!;
  for (const p of parents) {
    const raw = key === '[]' ? p.items : propertySchema(p, key);
    if (raw?.description) return raw.description;
    const resolved = raw && resolveRef(raw);
    if (resolved?.description) return resolved.description;
  }
  return undefined;
}

/** The enum values allowed at `path`, and whether it takes a boolean. */
export function valuesAt(path: readonly string[]): { enums: string[]; boolean: boolean } {
  const enums = new Set<string>();
  let boolean = false;
  for (const s of schemasAt(path)) {
    for (const v of s.enum ?? []) enums.add(String(v));
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    if (types.includes('boolean')) boolean = true;
  }
  return { enums: [...enums], boolean };
}

/** A short human type: "string", "list", "mapping", "string or list". */
export function typeSummary(schemas: readonly JsonSchema[]): string {
  const words = new Set<string>();
  for (const s of schemas) {
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    for (const t of types) words.add(t === 'object' ? 'mapping' : t === 'array' ? 'list' : t === 'integer' ? 'number' : t);
  }
  return [...words].join(' or ');
}
