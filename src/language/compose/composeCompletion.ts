/**
 * Completion in compose files: every key the compose schema allows at the cursor (with its
 * description and a snippet for its shape), enum and boolean values, references to the project's
 * services, networks, volumes, secrets and configs, build targets from the Dockerfile's stages,
 * local image names, and `${VAR}` names from `.env` and `env_file`s. Pure: no vscode import.
 */
import { describe, keysAt, schemasAt, typeSummary, valuesAt } from './schemaPath';
import { cursorContext, type CursorContext } from './cursorContext';
import type { TopSection } from './composeDocument';

export interface ComposeCompletion {
  label: string;
  kind: 'key' | 'value' | 'reference' | 'snippet' | 'variable';
  detail?: string;
  documentation?: string;
  /** Snippet syntax ($1, ${1:default}, ${1|a,b|}); the client re-indents its lines. */
  insertSnippet: string;
}

export interface CompletionResult {
  items: ComposeCompletion[];
  /** The character on the cursor's line where the replaced word starts. */
  replaceStart: number;
}

/** What completion may know beyond the text: all optional. */
export interface CompletionSources {
  /** Variable names Compose can substitute (from `.env`, `env_file`s, the environment). */
  variables?: readonly string[];
  /** Stage names of the Dockerfile a service builds (`build.target`). */
  stagesOf?: (service: string) => readonly string[];
  /** Local image names (`image:`). */
  images?: readonly string[];
}

/** Shapes people write again and again, offered as snippets beside the plain key. */
const SHAPES: Record<string, string> = {
  ports: 'ports:\n  - "${1:8080}:${2:80}"',
  volumes: 'volumes:\n  - ${1:./data}:${2:/data}',
  healthcheck: 'healthcheck:\n  test: ["CMD", "${1:curl}", "-f", "${2:http://localhost/}"]\n  interval: ${3:30s}\n  timeout: ${4:10s}\n  retries: ${5:3}\n  start_period: ${6:10s}',
  deploy: 'deploy:\n  replicas: ${1:1}\n  resources:\n    limits:\n      cpus: "${2:0.5}"\n      memory: ${3:512M}',
  build: 'build:\n  context: ${1:.}\n  dockerfile: ${2:Dockerfile}',
  develop: 'develop:\n  watch:\n    - action: ${1|sync,rebuild,sync+restart,restart,sync+exec|}\n      path: ${2:./src}\n      target: ${3:/app/src}',
  depends_on: 'depends_on:\n  ${1:service}:\n    condition: ${2|service_started,service_healthy,service_completed_successfully|}',
};

export function completeCompose(text: string, line: number, character: number, sources: CompletionSources = {}): CompletionResult {
  const lines = text.split(/\r?\n/);
  const ctx = cursorContext(lines, line, character);
  const replaceStart = ctx.prefixStart;
  if (ctx.variable) return { items: (sources.variables ?? []).map((v) => ({ label: v, kind: 'variable', detail: 'variable', insertSnippet: v })), replaceStart };
  const items: ComposeCompletion[] = [];
  const valuePath = ctx.position === 'value' ? [...ctx.path, ctx.key!] : ctx.path;
  if (ctx.position !== 'key') {
    items.push(...references(lines, valuePath, sources), ...values(valuePath));
  }
  if (ctx.position !== 'value') items.push(...keys({ ...ctx, lines }));
  return { items, replaceStart };
}

function keys(ctx: CursorContext & { lines: readonly string[] }): ComposeCompletion[] {
  const present = new Set(ctx.siblings);
  const out = keyItems(ctx.path).filter((c) => !present.has(c.kind === 'snippet' ? c.label.slice(0, -2) : c.label));
  return [...mappingReferenceKeys(ctx), ...out];
}

/** The key items at a schema path never change: they are built once per path. */
const keyItemCache = new Map<string, ComposeCompletion[]>();

function keyItems(at: readonly string[]): ComposeCompletion[] {
  const cacheKey = at.map((k, i) => (at[0] === 'services' && i === 1 ? '*' : k)).join('\0');
  const cached = keyItemCache.get(cacheKey);
  if (cached) return cached;
  const out: ComposeCompletion[] = [];
  for (const key of keysAt(at).keys()) {
    const path = [...at, key];
    const doc = describe(path);
    out.push({ label: key, kind: 'key', detail: typeSummary(schemasAt(path)) || undefined, documentation: doc, insertSnippet: keySnippet(key, path) });
    const shape = at.length === 2 && at[0] === 'services' ? SHAPES[key] : undefined;
    if (shape) out.push({ label: `${key} …`, kind: 'snippet', detail: `${key} (common shape)`, documentation: doc, insertSnippet: shape });
  }
  if (keyItemCache.size > 500) keyItemCache.clear();
  keyItemCache.set(cacheKey, out);
  return out;
}

function keySnippet(key: string, path: string[]): string {
  const { enums, boolean } = valuesAt(path);
  if (enums.length > 0) return `${key}: \${1|${enums.map(escapeChoice).join(',')}|}`;
  const types = new Set(schemasAt(path).flatMap((s) => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : [])));
  if (types.size === 1 && types.has('boolean') && boolean) return `${key}: \${1|true,false|}`;
  if (types.size === 1 && types.has('object')) return `${key}:\n  $0`;
  if (types.size === 1 && types.has('array')) return `${key}:\n  - $0`;
  return `${key}: $0`;
}

function escapeChoice(v: string): string {
  return v.replace(/[,|$}\\]/g, (c) => `\\${c}`);
}

/** Values Compose documents for string keys the schema leaves open. */
const KNOWN_VALUES: Record<string, string[]> = {
  restart: ['no', 'always', 'on-failure', 'unless-stopped'],
  pull_policy: ['always', 'never', 'missing', 'build', 'daily', 'weekly'],
  protocol: ['tcp', 'udp'],
  mode: ['host', 'ingress', 'replicated', 'global'],
  driver: ['bridge', 'host', 'overlay', 'macvlan', 'local', 'none'],
  type: ['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image'],
};

function values(path: string[]): ComposeCompletion[] {
  const { enums: schemaEnums, boolean } = valuesAt(path);
  const enums = schemaEnums.length > 0 ? schemaEnums : (KNOWN_VALUES[path[path.length - 1] ?? ''] ?? []);
  const out: ComposeCompletion[] = enums.map((v) => ({ label: v, kind: 'value', insertSnippet: v }));
  if (boolean && enums.length === 0) out.push({ label: 'true', kind: 'value', insertSnippet: 'true' }, { label: 'false', kind: 'value', insertSnippet: 'false' });
  return out;
}

/** Which declared names fit the value being typed, by where it is in a service. */
function references(lines: readonly string[], valuePath: string[], sources: CompletionSources): ComposeCompletion[] {
  if (valuePath[0] !== 'services' || valuePath.length < 3) return [];
  const service = valuePath[1]!;
  const rel = valuePath.slice(2).join('.');
  const names = (section: TopSection, detail: string, except?: string): ComposeCompletion[] =>
    declaredNames(lines, section)
      .filter((n) => n !== except)
      .map((n) => ({ label: n, kind: 'reference', detail, insertSnippet: n }));
  switch (rel) {
    case 'depends_on.[]':
    case 'links.[]':
    case 'volumes_from.[]':
    case 'extends':
    case 'extends.service':
      return names('services', 'service', service);
    case 'network_mode':
    case 'ipc':
    case 'pid':
      return [
        ...(rel === 'network_mode' ? ['host', 'none', 'bridge'] : ['host', 'shareable', 'private']).map((v) => ({ label: v, kind: 'value' as const, insertSnippet: v })),
        ...names('services', 'service', service).map((c) => ({ ...c, label: `service:${c.label}`, insertSnippet: `service:${c.insertSnippet}` })),
      ];
    case 'networks.[]':
      return names('networks', 'network');
    case 'volumes.[]':
      return names('volumes', 'named volume').map((c) => ({ ...c, insertSnippet: `${c.label}:\${1:/data}` }));
    case 'secrets.[]':
    case 'secrets.[].source':
      return names('secrets', 'secret');
    case 'configs.[]':
    case 'configs.[].source':
      return names('configs', 'config');
    case 'build.target':
      return (sources.stagesOf?.(service) ?? []).map((s) => ({ label: s, kind: 'reference', detail: 'Dockerfile stage', insertSnippet: s }));
    case 'image':
      return (sources.images ?? []).map((s) => ({ label: s, kind: 'reference', detail: 'local image', insertSnippet: s }));
    default:
      break;
  }
  return [];
}

/**
 * Names declared under a top-level section, read from the text (fast, and works while the file is
 * half-typed): the keys one level under `section:`.
 */
export function declaredNames(text: string | readonly string[], section: TopSection): string[] {
  const lines = typeof text === 'string' ? text.split(/\r?\n/) : text;
  const header = new RegExp(`^${section}:\\s*(#.*)?$`);
  const start = lines.findIndex((l) => l.startsWith(section) && header.test(l.trimEnd()));
  if (start < 0) return [];
  const out: string[] = [];
  let column = -1;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\s*(#.*)?$/.test(l)) continue;
    const at = l.length - l.trimStart().length;
    if (at === 0) break;
    if (column < 0) column = at;
    if (at !== column) continue;
    const m = /^\s*("[^"]*"|'[^']*'|[^\s:#]+)\s*:/.exec(l);
    if (m) out.push(m[1]!.replace(/^["']|["']$/g, ''));
  }
  return out;
}

/** Keys that name services or networks, inside `depends_on:` / `networks:` written as mappings. */
function mappingReferenceKeys(ctx: CursorContext & { lines: readonly string[] }): ComposeCompletion[] {
  const path = ctx.path;
  if (path[0] !== 'services' || path.length !== 3) return [];
  const section: TopSection | undefined = path[2] === 'depends_on' ? 'services' : path[2] === 'networks' ? 'networks' : undefined;
  if (!section) return [];
  return declaredNames(ctx.lines, section)
    .filter((n) => n !== path[1])
    .map((n) => ({ label: n, kind: 'reference', detail: section === 'services' ? 'service' : 'network', insertSnippet: section === 'services' ? `${n}:\n  condition: \${1|service_started,service_healthy,service_completed_successfully|}` : `${n}:` }));
}
