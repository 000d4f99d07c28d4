/**
 * Hover in compose files: on a key, what the compose schema says about it; on a reference (a
 * service in `depends_on`, a network, volume, secret or config a service uses), what it refers to.
 * Pure: no vscode import.
 */
import type { Position, Range } from '../findings';
import { child, declared, rangeContains, scalarText, SECTION_NOUN, type ComposeDocument, type ComposeNode, type TopSection } from './composeDocument';
import { serviceReferences } from './referenceRules';
import { describe, schemasAt, typeSummary } from './schemaPath';

export interface ComposeHover {
  range: Range;
  markdown: string;
}

interface Hit {
  path: string[];
  range: Range;
  /** On the key itself, else on a scalar value. */
  onKey: boolean;
  node?: ComposeNode;
}

export function hoverCompose(doc: ComposeDocument, position: Position): ComposeHover | undefined {
  const hit = doc.top && find(doc.top, [], position);
  if (!hit) return undefined;
  if (!hit.onKey) {
    const ref = serviceReferences({ doc }).find((r) => r.node.start === hit.node?.start && r.node.end === hit.node.end);
    if (ref) return { range: hit.range, markdown: describeReference(doc, ref.section, ref.name) };
    if (hit.path[hit.path.length - 1] === '[]') return undefined;
  }
  const description = describe(hit.path);
  if (!description) return undefined;
  const key = hit.path[hit.path.length - 1]!;
  const type = typeSummary(schemasAt(hit.path));
  return { range: hit.range, markdown: `**${key}**${type ? ` (${type})` : ''}\n\n${description}` };
}

function find(node: ComposeNode, path: string[], at: Position): Hit | undefined {
  if (node.kind === 'map') {
    for (const e of node.entries) {
      if (e.merged) continue;
      const sub = [...path, e.key];
      if (rangeContains(e.keyRange, at)) return { path: sub, range: e.keyRange, onKey: true };
      if (rangeContains(e.value.range, at)) return find(e.value, sub, at) ?? undefined;
    }
    return undefined;
  }
  if (node.kind === 'seq') {
    for (const item of node.items) if (rangeContains(item.range, at)) return find(item, [...path, '[]'], at);
    return undefined;
  }
  return { path, range: node.range, onKey: false, node };
}

function describeReference(doc: ComposeDocument, section: TopSection, name: string): string {
  const target = declared(doc, section).find((e) => e.key === name);
  const noun = SECTION_NOUN[section].replace(/^./, (c) => c.toUpperCase());
  if (!target) return `${noun} \`${name}\` is not declared in this file.`;
  const facts: string[] = [];
  for (const key of ['image', 'build', 'driver', 'file', 'external', 'name']) {
    const v = child(target.value, key);
    const text = scalarText(v) ?? (key === 'build' ? scalarText(child(v, 'context')) : undefined);
    if (text !== undefined) facts.push(`${key}: \`${text}\``);
  }
  return `${noun} \`${name}\` (line ${target.keyRange.start.line + 1})${facts.length ? `\n\n${facts.join(' · ')}` : ''}`;
}
