/**
 * What every compose rule reads: the document, where it lives, the machine, and the names the
 * project declares across its files (the file itself, the base file of an override file, the other
 * files of its workspace `-f` list, and the files it `include`s). Pure: no vscode import.
 */
import * as path from 'node:path';
import type { Finding, Range } from '../findings';
import { child, declared, listItems, parseCompose, scalarText, type ComposeDocument, type ComposeNode, type TopSection } from './composeDocument';
import type { ComposeHost } from './composeHost';
import { projectPlace, type ProjectPlace } from './composeProject';
import { hasInterpolation } from './text';

/** Where a name is declared: the file and the range of its key. */
export interface Declaration {
  file: string;
  range: Range;
}

export interface ComposeContext {
  doc: ComposeDocument;
  file: string;
  /** The project folder, which relative paths start from: the file's, or the first `-f` file's. */
  dir: string;
  host: ComposeHost;
  /** The files Compose reads with this one, and whether this one is a fragment of them. */
  place: ProjectPlace;
  /** Names declared per top-level section, across the project's files. */
  names: Record<TopSection, Set<string>>;
  /** Where each name is declared (this file first, then the related files). */
  declarations: Record<TopSection, Map<string, Declaration>>;
  /** Files this document brings in that exist but were refused (a device, too large, outside the workspace). */
  unread: UnreadFile[];
}

/** A related file that was not read, and the `include:` path that names it (none for the base file or the `-f` list). */
export interface UnreadFile {
  file: string;
  problem: string;
  node: ComposeNode | undefined;
}

/** A file the project reads declarations from, and the node that names it in its document. */
interface RelatedFile {
  file: string;
  node?: ComposeNode;
}

const SECTIONS: TopSection[] = ['services', 'networks', 'volumes', 'secrets', 'configs'];

export function composeContext(file: string, doc: ComposeDocument, host: ComposeHost): ComposeContext {
  const place = projectPlace(file, host.projectFiles);
  const declarations = Object.fromEntries(SECTIONS.map((s) => [s, new Map<string, Declaration>()])) as Record<TopSection, Map<string, Declaration>>;
  const visited = new Set<string>([path.resolve(file)]);
  const unread: UnreadFile[] = [];
  const add = (d: ComposeDocument, from: string, depth: number): void => {
    for (const s of SECTIONS) for (const e of declared(d, s)) if (!declarations[s].has(e.key)) declarations[s].set(e.key, { file: from, range: e.keyRange });
    if (depth > 4) return;
    for (const related of relatedFiles(d, from, host)) {
      if (visited.has(related.file)) continue;
      visited.add(related.file);
      const read = host.readFile(related.file);
      if (read.ok) add(parseCompose(read.text), related.file, depth + 1);
      else if (!read.missing && depth === 0) unread.push({ file: related.file, problem: read.problem, node: related.node });
    }
  };
  add(doc, file, 0);
  const names = Object.fromEntries(SECTIONS.map((s) => [s, new Set(declarations[s].keys())])) as Record<TopSection, Set<string>>;
  return { doc, file, dir: place.dir, host, place, names, declarations, unread };
}

/** The names Compose looks for, in its order of preference. */
export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** The base file an override file extends, the other files of its `-f` list, and every file the document includes. */
function relatedFiles(doc: ComposeDocument, file: string, host: ComposeHost): RelatedFile[] {
  const dir = path.dirname(file);
  const out: RelatedFile[] = [];
  if (!DEFAULT_FILES.includes(path.basename(file))) {
    // An override or alternative file: the default file beside it is usually loaded with it.
    for (const base of DEFAULT_FILES) {
      const p = path.join(dir, base);
      if (host.stat(p) === 'file') {
        out.push({ file: path.resolve(p) });
        break;
      }
    }
  }
  for (const f of host.projectFiles ?? []) if (path.resolve(f) !== path.resolve(file)) out.push({ file: path.resolve(f) });
  for (const item of listItems(child(doc.root, 'include'))) {
    const paths = item.kind === 'map' ? listItems(child(item, 'path')) : [item];
    for (const p of paths) {
      const resolved = resolvePath(scalarText(p), dir, host);
      if (resolved) out.push({ file: resolved, node: p });
    }
  }
  return out;
}

/**
 * A path as Compose reads it: `~` is the home folder, relative paths start at `dir`. Undefined for a
 * path with variables (its value is known only at run time) or a remote URL.
 */
export function resolvePath(p: string | undefined, dir: string, host: Pick<ComposeHost, 'homeDir'>): string | undefined {
  if (p === undefined || p === '' || hasInterpolation(p) || /^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return undefined;
  if (/^[A-Za-z]:[\\/]/.test(p) && path.sep === '/') return undefined; // a Windows path, linted on another OS
  if (p === '~' || p.startsWith('~/')) return path.join(host.homeDir, p.slice(1));
  return path.resolve(dir, p);
}

/** The range of `needle` inside a scalar's source text (e.g. the source part of `./data:/data`), else the node's. */
export function rangeWithin(doc: ComposeDocument, node: { start: number; end: number; range: Range }, needle: string): Range {
  const at = needle === '' ? -1 : doc.text.indexOf(needle, node.start);
  return at >= 0 && at + needle.length <= node.end ? doc.rangeAt(at, at + needle.length) : node.range;
}

/** A finding at `range`; every semantic rule reports through it. */
export function berthFinding(range: Range, severity: Finding['severity'], code: string, message: string, extra: Partial<Finding> = {}): Finding {
  return { range, severity, code, message, source: 'berth', ...extra };
}

/** The services of the document with their definitions (an empty mapping for `web:` with nothing). */
export function services(ctx: { doc: ComposeDocument }) {
  return declared(ctx.doc, 'services').map((e) => ({ name: e.key, entry: e, node: e.value, get: (key: string) => child(e.value, key) }));
}

export type ServiceView = ReturnType<typeof services>[number];
