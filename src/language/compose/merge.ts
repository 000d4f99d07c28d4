/**
 * Berth's own `docker compose config`: loads a file list (a file with its override, or a `-f`
 * list), interpolates `${VAR}` from the environment and the `.env` beside the first file, follows
 * `include:` and `extends:` (in the same file and with `file:`), and merges the files in order with
 * Compose's rules (mergeRules.ts). Relative paths become absolute, each from the folder Compose
 * reads it from. Pure: no vscode import; the machine is a `ComposeHost`.
 */
import * as path from 'node:path';
import { stringify } from 'yaml';
import { excessiveAliasing, parseCompose, type ComposeNode } from './composeDocument';
import type { ComposeHost } from './composeHost';
import { parseDotEnv } from './interpolation';
import { interpolate } from './interpolate';
import { KEY_VALUE_FIELDS, childPath, isMap, mergeMaps, strip, Tagged, unique, type Plain, type PlainMap } from './mergeRules';

export interface MergedCompose {
  /** The merged project as plain data. */
  model: PlainMap;
  /** The same as YAML. */
  yaml: string;
  /** Files that could not be read, cycles, unknown `extends` targets: the merge goes on without them. */
  problems: string[];
}

type Env = ReadonlyMap<string, string>;

interface Loader {
  host: ComposeHost;
  problems: string[];
  /** Files being loaded, to stop `include` and `extends` cycles. */
  loading: Set<string>;
}

/** Merges `files` (later ones override) the way Compose does. */
export function mergeCompose(files: readonly string[], host: ComposeHost): MergedCompose {
  const { model, problems } = mergeProject(files, host);
  return { model, yaml: stringify(escapeDollars(model)), problems };
}

/** The merged project as data only, for rules that judge the whole project. */
export function mergeProject(files: readonly string[], host: ComposeHost): Omit<MergedCompose, 'yaml'> {
  const loader: Loader = { host, problems: [], loading: new Set() };
  const projectDir = path.dirname(path.resolve(files[0] ?? '.'));
  const env = projectEnv(host, loader.problems, path.join(projectDir, '.env'));
  let model: PlainMap = {};
  // Every file of a -f list resolves relative paths from the first file's folder.
  for (const file of files) model = mergeMaps('', model, loadFile(loader, path.resolve(file), projectDir, env));
  const clean = strip(model) as PlainMap;
  delete clean['include'];
  return { model: clean, problems: loader.problems };
}

/** The shell's variables over the `.env` file's, as Compose reads them. */
function projectEnv(host: ComposeHost, problems: string[], dotEnv: string, base: Env = new Map()): Env {
  const shell = new Map(base);
  for (const [k, v] of Object.entries(host.env)) if (v !== undefined) shell.set(k, v);
  const read = host.readFile(dotEnv);
  if (!read.ok) {
    if (!read.missing) problems.push(`${dotEnv} was not read: it ${read.problem}.`);
    return shell;
  }
  const text = read.text;
  // `.env` values may use variables themselves: the shell's, then the lines above.
  const env = new Map(base);
  const shellFirst = { get: (k: string) => shell.get(k) ?? env.get(k) };
  for (const [k, v] of parseDotEnv(text)) env.set(k, interpolate(v, shellFirst));
  return new Map([...env, ...shell]);
}

/** One file, interpolated, with its includes merged under it and its extends applied. */
function loadFile(loader: Loader, file: string, baseDir: string, env: Env): PlainMap {
  if (loader.loading.has(file)) {
    loader.problems.push(`${file} includes or extends itself.`);
    return {};
  }
  const read = loader.host.readFile(file);
  if (!read.ok) {
    loader.problems.push(`${file} could not be read: it ${read.problem}.`);
    return {};
  }
  const text = read.text;
  loader.loading.add(file);
  try {
    const doc = parseCompose(text);
    if (excessiveAliasing(doc)) {
      loader.problems.push(`${file} was not merged: its aliases expand too far (Compose refuses it: "document contains excessive aliasing").`);
      return {};
    }
    const root = doc.top;
    const raw = root ? toPlain(root, env) : {};
    const model = normalize(isMap(raw) ? raw : {}, baseDir, loader.host.homeDir);
    applyExtends(loader, model, file, env);
    let included: PlainMap = {};
    for (const item of Array.isArray(model['include']) ? model['include'] : []) included = mergeMaps('', included, loadInclude(loader, item, baseDir, env));
    reportConflicts(loader, file, included, model);
    return mergeMaps('', included, model);
  } finally {
    loader.loading.delete(file);
  }
}

/** An `include:` item: a path, or `{ path, project_directory, env_file }`; its paths start at its own folder. */
function loadInclude(loader: Loader, item: Plain, baseDir: string, env: Env): PlainMap {
  const spec = isMap(item) ? item : { path: item };
  const paths = (Array.isArray(spec['path']) ? spec['path'] : [spec['path']]).filter((p): p is string => typeof p === 'string').map((p) => path.resolve(baseDir, p));
  if (paths.length === 0) return {};
  const dir = typeof spec['project_directory'] === 'string' ? path.resolve(baseDir, spec['project_directory']) : path.dirname(paths[0]!);
  const envFiles = (Array.isArray(spec['env_file']) ? spec['env_file'] : spec['env_file'] === undefined ? [path.join(dir, '.env')] : [spec['env_file']]).map((p) => path.resolve(baseDir, String(p)));
  const includedEnv = envFiles.reduce((e, f) => projectEnv(loader.host, loader.problems, f, e), env);
  let out: PlainMap = {};
  for (const p of paths) out = mergeMaps('', out, loadFile(loader, p, dir, includedEnv));
  return out;
}

/** Compose refuses a service, network … that a file declares and also includes; Berth says so and lets the file win. */
function reportConflicts(loader: Loader, file: string, included: PlainMap, own: PlainMap): void {
  for (const section of ['services', 'networks', 'volumes', 'secrets', 'configs']) {
    const a = included[section];
    const b = own[section];
    if (!isMap(a) || !isMap(b)) continue;
    for (const name of Object.keys(b)) if (name in a) loader.problems.push(`${file} declares ${section}.${name}, which it also includes; Compose refuses this.`);
  }
}

/** `extends:` on each service: the base service (resolved first) with this one merged over it. */
function applyExtends(loader: Loader, model: PlainMap, file: string, env: Env): void {
  const services = isMap(model['services']) ? model['services'] : {};
  const resolving = new Set<string>();
  const resolve = (name: string): PlainMap | undefined => {
    const service = services[name];
    if (!isMap(service)) return undefined;
    const ext = service['extends'];
    if (ext === undefined) return service;
    if (resolving.has(name)) {
      loader.problems.push(`Service ${name} in ${file} extends itself.`);
      return service;
    }
    resolving.add(name);
    const spec = isMap(ext) ? ext : { service: ext };
    const baseName = String(spec['service']);
    let base: PlainMap | undefined;
    if (typeof spec['file'] === 'string') {
      const other = path.resolve(path.dirname(file), spec['file']);
      const otherModel = loadFile(loader, other, path.dirname(other), env);
      const s = isMap(otherModel['services']) ? otherModel['services'][baseName] : undefined;
      base = isMap(s) ? s : undefined;
    } else {
      base = resolve(baseName);
    }
    resolving.delete(name);
    if (!base) loader.problems.push(`Service ${name} extends ${baseName}, which is not defined.`);
    const own = { ...service };
    delete own['extends'];
    const merged = base ? mergeMaps('services.*', strip(base) as PlainMap, own) : own;
    services[name] = merged;
    return merged;
  };
  for (const name of Object.keys(services)) resolve(name);
}

/** The node as plain data, strings interpolated, Compose tags kept as `Tagged`. */
function toPlain(node: ComposeNode, env: Env): Plain {
  let value: Plain;
  if (node.kind === 'scalar') value = typeof node.value === 'string' ? interpolate(node.value, env) : node.value;
  else if (node.kind === 'seq') value = node.items.map((i) => toPlain(i, env));
  else value = Object.fromEntries(node.entries.map((e) => [e.key, toPlain(e.value, env)]));
  return node.tag === '!reset' || node.tag === '!override' ? new Tagged(node.tag, value) : value;
}

/**
 * The forms Compose merges in: `KEY=VALUE` lists as mappings, `depends_on` and service `networks`
 * lists as mappings, a `build` string as `{ context }`, and relative paths made absolute from `baseDir`.
 */
function normalize(model: PlainMap, baseDir: string, home: string): PlainMap {
  const abs = (p: Plain): Plain => (typeof p === 'string' ? absolute(p, baseDir, home) : p);
  const walk = (at: string, v: Plain): Plain => {
    if (v instanceof Tagged) return new Tagged(v.tag, walk(at, v.value));
    if (KEY_VALUE_FIELDS.has(at) && Array.isArray(v)) return keyValueMap(v);
    if ((at === 'services.*.depends_on' || at === 'services.*.networks') && Array.isArray(v)) {
      return Object.fromEntries(v.map((s) => [String(s), at === 'services.*.networks' ? null : { condition: 'service_started' }]));
    }
    if (at === 'services.*.build' && typeof v === 'string') return walk(at, { context: v });
    if (at === 'services.*.build.context' || at === 'secrets.*.file' || at === 'configs.*.file') return abs(v);
    if (at === 'services.*.env_file') return (Array.isArray(v) ? v : [v]).map((f) => (isMap(f) ? { ...f, path: abs(f['path'] ?? null) } : abs(f)));
    if (at === 'services.*.volumes' && Array.isArray(v)) return unique(at, v.map((m) => bindSource(m, abs)));
    if (Array.isArray(v)) return unique(at, v.map((i) => walk(`${at}.[]`, i)));
    if (isMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(childPath(at, k), x)]));
    return v;
  };
  return walk('', model) as PlainMap;
}

function keyValueMap(items: Plain[]): PlainMap {
  const out: PlainMap = {};
  for (const item of items) {
    const s = String(item);
    const eq = s.indexOf('=');
    if (eq < 0) out[s] = null;
    else out[s.slice(0, eq)] = s.slice(eq + 1);
  }
  return out;
}

/** A bind mount's source made absolute; named volumes (no `.`, `/` or `~` start) stay names. */
function bindSource(mount: Plain, abs: (p: Plain) => Plain): Plain {
  const isPath = (s: string): boolean => /^(\.|~|\/)/.test(s);
  if (isMap(mount)) return mount['type'] === 'bind' && typeof mount['source'] === 'string' ? { ...mount, source: abs(mount['source']) } : mount;
  if (typeof mount !== 'string') return mount;
  const [source, ...rest] = mount.split(':');
  return rest.length > 0 && source !== undefined && isPath(source) ? [abs(source), ...rest].join(':') : mount;
}

function absolute(p: string, dir: string, home: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p) || /^git@/.test(p) || /^[A-Za-z]:[\\/]/.test(p)) return p;
  if (p === '~' || p.startsWith('~/')) return path.join(home, p.slice(1));
  return path.resolve(dir, p);
}

/** A literal `$` written as `$$`, as `docker compose config` does, so the YAML reads back as the same project. */
function escapeDollars(v: Plain): Plain {
  if (typeof v === 'string') return v.replace(/\$/g, '$$$$');
  if (Array.isArray(v)) return v.map(escapeDollars);
  if (isMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeDollars(x)]));
  return v;
}
