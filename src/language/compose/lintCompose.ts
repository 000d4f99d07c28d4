/**
 * Lints one compose file: YAML syntax, the compose-spec schema, and Berth's semantic rules.
 * The entry point for the editor and for `berth lint`. Pure: the machine comes in through
 * `ComposeHost` (default: node:fs and process.env).
 */
import * as path from 'node:path';
import type { Finding } from '../findings';
import { entry, excessiveAliasing, parseCompose, type ComposeDocument } from './composeDocument';
import { berthFinding, composeContext, type ComposeContext } from './composeContext';
import { cachedHost, nodeComposeHost, type ComposeHost } from './composeHost';
import { checkRunnable } from './imageRules';
import { checkPaths } from './pathRules';
import { checkPorts } from './portRules';
import { checkReferences } from './referenceRules';
import { validateSchema } from './schemaValidator';
import { checkVariables } from './variableRules';

/** compose.yaml, docker-compose.yml, compose.override.yaml, docker-compose.prod.yml, … */
export function isComposeFileName(name: string): boolean {
  return /^(docker-)?compose(\.[^/\\]+)?\.ya?ml$/i.test(path.basename(name));
}

export function lintComposeFile(file: string, text: string, host: ComposeHost = nodeComposeHost()): Finding[] {
  return lintComposeDocument(file, parseCompose(text), host);
}

export function lintComposeDocument(file: string, doc: ComposeDocument, host: ComposeHost = nodeComposeHost()): Finding[] {
  // Every rule below walks values through their aliases: a billion-laughs file is refused first, as Compose refuses it.
  if (excessiveAliasing(doc)) return [...doc.syntax, aliasingFinding(doc)];
  const findings = [...doc.syntax, ...validateSchema(doc)];
  if (!doc.root) return findings;
  const ctx = composeContext(path.resolve(file), doc, cachedHost(host));
  findings.push(...obsoleteVersion(ctx), ...checkReferences(ctx), ...checkPorts(ctx), ...checkPaths(ctx), ...checkVariables(ctx), ...checkRunnable(ctx));
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function aliasingFinding(doc: ComposeDocument): Finding {
  const { written, expanded } = doc.values;
  const message = `Its aliases expand ${written.toLocaleString('en-US')} written values to ${Math.round(expanded).toLocaleString('en-US')}: Compose refuses such a file ("document contains excessive aliasing"), and Berth checks nothing more in it. Write the repeated parts out, or use fewer levels of aliases.`;
  return berthFinding(doc.rangeAt(0, 0), 'error', 'compose/excessive-aliasing', message);
}

/** `version:` is obsolete: Compose ignores it and warns. */
function obsoleteVersion(ctx: ComposeContext): Finding[] {
  const version = entry(ctx.doc.root, 'version');
  if (!version || version.merged) return [];
  const startLine = version.keyRange.start.line;
  const endLine = version.value.range.end.line + 1;
  return [
    berthFinding(version.keyRange, 'hint', 'compose/obsolete-version', '`version` is obsolete: Compose ignores it. Remove it.', {
      tags: ['unnecessary'],
      fixes: [{ title: 'Remove `version`', preferred: true, edits: [{ range: { start: { line: startLine, character: 0 }, end: { line: endLine, character: 0 } }, newText: '' }] }],
    }),
  ];
}
