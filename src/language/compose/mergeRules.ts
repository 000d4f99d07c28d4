/**
 * Compose's merge rules for one value over another, as compose-spec's merge.md describes them and
 * compose-go applies them: scalars are replaced, mappings merged by key, most sequences appended
 * and then de-duplicated by a per-field key (later wins, in the first one's place), `command`,
 * `entrypoint` and `healthcheck.test` replaced, `!reset` removes and `!override` replaces.
 * Values are plain JS (the output of `toPlain`). Pure: no vscode import.
 */

export type Plain = string | number | boolean | null | Plain[] | PlainMap | Tagged;
export interface PlainMap {
  [key: string]: Plain;
}

/** A value written with a Compose tag (`!reset`, `!override`). */
export class Tagged {
  constructor(readonly tag: string, readonly value: Plain) {}
}

export function isMap(v: Plain | undefined): v is PlainMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Tagged);
}

/** Paths are written with `*` for any service / network / volume name. */
const REPLACED = new Set(['services.*.command', 'services.*.entrypoint', 'services.*.healthcheck.test']);

/** Fields Compose reads as `KEY=VALUE` lists or mappings: merged by key, written as mappings. */
export const KEY_VALUE_FIELDS = new Set([
  'services.*.environment', 'services.*.labels', 'services.*.annotations', 'services.*.sysctls',
  'services.*.build.args', 'services.*.build.labels', 'services.*.deploy.labels',
  'networks.*.labels', 'volumes.*.labels',
]);

/** How a sequence's items are told apart when de-duplicating; fields not listed are appended as they are. */
const UNIQUE_BY: Record<string, (item: Plain) => string> = {
  'services.*.ports': (i) => JSON.stringify(i),
  'services.*.expose': (i) => String(i),
  'services.*.volumes': mountTarget,
  'services.*.devices': mountTarget,
  'services.*.secrets': (i) => (isMap(i) ? String(i['target'] ?? `/run/secrets/${String(i['source'])}`) : `/run/secrets/${String(i)}`),
  'services.*.configs': (i) => (isMap(i) ? String(i['target'] ?? `/${String(i['source'])}`) : `/${String(i)}`),
  'services.*.extra_hosts': (i) => String(i).split(/[=:]/)[0] ?? '',
  'services.*.build.extra_hosts': (i) => String(i).split(/[=:]/)[0] ?? '',
  'services.*.env_file': (i) => (isMap(i) ? String(i['path']) : String(i)),
  'services.*.networks.*.aliases': String,
  'services.*.networks.*.link_local_ips': String,
  'services.*.build.tags': String,
  'services.*.build.platforms': String,
  ...Object.fromEntries(['cap_add', 'cap_drop', 'dns', 'dns_opt', 'dns_search', 'profiles', 'tmpfs', 'links', 'external_links', 'security_opt', 'group_add'].map((f) => [`services.*.${f}`, String])),
};

/** A volume or device's key: its container path (`src:target:mode` or `target` short forms, or the long form's `target`). */
function mountTarget(item: Plain): string {
  if (isMap(item)) return String(item['target']);
  const parts = String(item).split(':');
  // `C:\data:/data` splits into a drive letter first; the target is the part after the source.
  if (parts.length > 2 && /^[A-Za-z]$/.test(parts[0]!)) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  return parts.length === 1 ? parts[0]! : parts[1]!;
}

/** The generic path of `key` under `at`: names of services, networks … become `*`. */
export function childPath(at: string, key: string): string {
  if (at === '') return key;
  const named = /^(services|networks|volumes|secrets|configs)$|^services\.\*\.networks$/.test(at);
  return `${at}.${named ? '*' : key}`;
}

/** `right` (a later file) merged over `left`; a `!reset` right side yields undefined (the key goes). */
export function mergeValue(at: string, left: Plain | undefined, right: Plain): Plain | undefined {
  if (right instanceof Tagged && right.tag === '!reset') return undefined;
  // Nothing to merge with yet (an include merged under its file): keep the tags for the next file.
  if (left === undefined) return right;
  if (right instanceof Tagged) {
    if (right.tag === '!override') return strip(right.value);
    return mergeValue(at, left, right.value);
  }
  if (left instanceof Tagged || REPLACED.has(at)) return strip(right);
  if (at === 'services.*.logging' && isMap(left) && isMap(right) && left['driver'] !== undefined && right['driver'] !== undefined && left['driver'] !== right['driver']) {
    return strip(right);
  }
  if (isMap(left) && isMap(right)) return mergeMaps(at, left, right);
  if (Array.isArray(left) && Array.isArray(right)) return unique(at, [...left, ...right.map(strip)]);
  return strip(right);
}

export function mergeMaps(at: string, left: PlainMap, right: PlainMap): PlainMap {
  const out: PlainMap = { ...left };
  for (const [key, value] of Object.entries(right)) {
    const merged = mergeValue(childPath(at, key), out[key], value);
    if (merged === undefined) delete out[key];
    else out[key] = merged;
  }
  return out;
}

/** Later duplicates replace earlier ones in place, as compose-go's `EnforceUnicity` does. */
export function unique(at: string, items: Plain[]): Plain[] {
  const keyOf = UNIQUE_BY[at];
  if (!keyOf) return items;
  const out: Plain[] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    const i = seen.get(key);
    if (i === undefined) {
      seen.set(key, out.length);
      out.push(item);
    } else {
      out[i] = item;
    }
  }
  return out;
}

/** The value without Compose tags: a `!reset` inside a single file removes its key, `!override` is its value. */
export function strip(v: Plain): Plain {
  if (v instanceof Tagged) return strip(v.value);
  if (Array.isArray(v)) return v.filter((i) => !(i instanceof Tagged && i.tag === '!reset')).map(strip);
  if (isMap(v)) {
    const out: PlainMap = {};
    for (const [k, x] of Object.entries(v)) if (!(x instanceof Tagged && x.tag === '!reset')) out[k] = strip(x);
    return out;
  }
  return v;
}
