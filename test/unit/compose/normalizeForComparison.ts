/**
 * One canonical form for a merged compose model, so Berth's merge and `docker-compose config`
 * (v1.29) can be compared. Both sides go through every rule; each rule names the v1 habit it evens out.
 */
import * as os from 'node:os';
import * as path from 'node:path';

type Value = unknown;
type Map = Record<string, Value>;

const isMap = (v: Value): v is Map => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every leaf as a string: v1 writes `expose: [5432]` and `'3'` where the file said `"5432"` and `3`. */
function leaf(v: Value): Value {
  if (Array.isArray(v)) return v.map(leaf);
  if (isMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, leaf(x)]));
  // v1 writes a literal `$` as `$$`, so its output can be read again.
  return v === null ? null : String(v).replace(/\$\$/g, '$');
}

/** `KEY=VALUE` lists as mappings (v1 writes environment, labels, args … as mappings). */
function keyValues(v: Value): Value {
  if (!Array.isArray(v)) return v;
  return Object.fromEntries(v.map((s) => {
    const [k, ...rest] = String(s).split('=');
    return [k, rest.length ? rest.join('=') : null];
  }));
}

/**
 * A port as `ip:published:target/protocol` strings, one per port: v1 writes the long form
 * (`{published, target}`) and expands ranges; the order of ports carries no meaning, so they are sorted.
 */
function ports(v: Value): string[] {
  const out: string[] = [];
  for (const p of Array.isArray(v) ? v : []) {
    if (isMap(p)) {
      out.push(`${String(p['host_ip'] ?? '')}:${String(p['published'] ?? '')}:${String(p['target'])}/${String(p['protocol'] ?? 'tcp')}`);
      continue;
    }
    const [spec = '', protocol = 'tcp'] = String(p).split('/');
    const parts = spec.split(':');
    const target = parts.pop()!;
    const published = parts.pop() ?? '';
    const ip = parts.join(':');
    const [t0, t1 = t0] = target.split('-').map(Number);
    const [p0, p1] = published === '' ? [NaN, NaN] : published.split('-').map(Number);
    for (let i = 0; i <= t1! - t0!; i++) {
      const pub = Number.isNaN(p0) ? '' : p1 !== undefined && p1 - p0! === t1! - t0! ? String(p0! + i) : t1 === t0 ? published : String(p0! + i);
      out.push(`${ip}:${pub}:${t0! + i}/${protocol}`);
    }
  }
  return out.sort();
}

/** A short volume as `source:target:mode` with v1's default mode `rw`, `~` expanded and no trailing `/` on the target (v1 drops it); long forms kept. */
function volume(v: Value): Value {
  if (isMap(v)) return v;
  const parts = String(v).split(':');
  if (parts.length === 1) return parts[0];
  const [source = '', target = '', mode = 'rw'] = parts;
  return `${source.startsWith('~') ? path.join(os.homedir(), source.slice(1)) : source}:${target.replace(/(.)\/+$/, '$1')}:${mode}`;
}

/** A secret or config as `{ source }`: v1 writes the short form long. */
const mountRef = (v: Value): Value => (isMap(v) ? v : { source: v });

/** An empty resource (`db_data:`, `db_data: {}`) the same way: v1 writes `{}` where the file had nothing. */
const emptyAsNull = (v: Value): Value => (isMap(v) && Object.keys(v).length === 0 ? null : v);

function service(s: Map): Map {
  const out: Map = { ...s };
  for (const k of ['environment', 'labels', 'sysctls']) if (out[k] !== undefined) out[k] = keyValues(out[k]);
  if (typeof out['build'] === 'string') out['build'] = { context: out['build'] };
  if (isMap(out['build']) && out['build']['args'] !== undefined) out['build'] = { ...out['build'], args: keyValues(out['build']['args']) };
  if (out['ports'] !== undefined) out['ports'] = ports(out['ports']);
  if (Array.isArray(out['volumes'])) out['volumes'] = out['volumes'].map(volume);
  for (const k of ['secrets', 'configs']) if (Array.isArray(out[k])) out[k] = (out[k] as Value[]).map(mountRef);
  // depends_on and networks lists are mappings in v1's output (condition service_started, no options).
  if (Array.isArray(out['depends_on'])) out['depends_on'] = Object.fromEntries(out['depends_on'].map((d) => [d, { condition: 'service_started' }]));
  if (Array.isArray(out['networks'])) out['networks'] = Object.fromEntries(out['networks'].map((n) => [n, null]));
  if (isMap(out['networks'])) out['networks'] = Object.fromEntries(Object.entries(out['networks']).map(([k, x]) => [k, emptyAsNull(x)]));
  if (typeof out['env_file'] === 'string') out['env_file'] = [out['env_file']];
  return out;
}

/** Extension fields (`x-…`) at any depth: v1 keeps some and drops others. */
function dropExtensions(v: Value): Value {
  if (Array.isArray(v)) return v.map(dropExtensions);
  if (!isMap(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith('x-')).map(([k, x]) => [k, dropExtensions(x)]));
}

export function normalizeForComparison(model: Map): Map {
  const m = dropExtensions(model) as Map;
  // `version` is v1's file-format marker and `name` its project name: neither is part of the merge.
  delete m['version'];
  delete m['name'];
  const out: Map = {};
  for (const [section, value] of Object.entries(m)) {
    if (!isMap(value)) continue;
    out[section] = Object.fromEntries(Object.entries(value).map(([name, x]) => [name, section === 'services' && isMap(x) ? service(x) : emptyAsNull(x)]));
  }
  return leaf(out) as Map;
}
