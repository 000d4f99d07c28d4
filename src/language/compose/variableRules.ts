/**
 * Interpolation: syntax errors in `${…}`, and variables that have no value and no default — from
 * the environment Compose runs in or the `.env` file beside the compose file, as Compose reads them.
 * Pure: no vscode import.
 */
import * as path from 'node:path';
import type { Finding } from '../findings';
import { isReset, type ComposeNode } from './composeDocument';
import { berthFinding, type ComposeContext } from './composeContext';
import { lacksValue, parseDotEnv, scanInterpolation } from './interpolation';

/** The variables Compose can substitute: the `.env` file's, overridden by the environment's. */
export function interpolationEnvironment(ctx: ComposeContext): Map<string, string> {
  const dotEnv = ctx.host.readFile(path.join(ctx.dir, '.env'));
  const env = dotEnv.ok ? parseDotEnv(dotEnv.text) : new Map<string, string>();
  for (const [k, v] of Object.entries(ctx.host.env)) if (v !== undefined) env.set(k, v);
  return env;
}

export function checkVariables(ctx: ComposeContext): Finding[] {
  const env = interpolationEnvironment(ctx);
  const out: Finding[] = [];
  const dotEnv = ctx.host.readFile(path.join(ctx.dir, '.env'));
  if (!dotEnv.ok && !dotEnv.missing) {
    // Nothing in the file names `.env`: the finding goes at its start.
    out.push(berthFinding(ctx.doc.rangeAt(0, 0), 'warning', 'compose/unreadable-file', `The \`.env\` file beside this file was not read: it ${dotEnv.problem}. Its variables are not known to Berth.`));
  }
  const visited = new Set<ComposeNode>();
  const visit = (node: ComposeNode): void => {
    if (visited.has(node) || isReset(node)) return; // an aliased value is checked once, where it is written
    visited.add(node);
    if (node.kind === 'map') for (const e of node.entries) visit(e.value);
    else if (node.kind === 'seq') for (const i of node.items) visit(i);
    else if (typeof node.value === 'string' && node.value.includes('$')) scalar(node);
  };
  const scalar = (node: ComposeNode): void => {
    // Scan the source text, so offsets are exact even in quoted and block scalars.
    const found = scanInterpolation(ctx.doc.text.slice(node.start, node.end), node.start);
    for (const e of found.errors) {
      out.push(e.tooDeep ? berthFinding(ctx.doc.rangeAt(e.start, e.end), 'warning', 'compose/interpolation-too-deep', e.message) : berthFinding(ctx.doc.rangeAt(e.start, e.end), 'error', 'compose/interpolation-syntax', e.message));
    }
    for (const ref of found.refs) {
      if (!lacksValue(ref, env)) continue;
      const range = ctx.doc.rangeAt(ref.start, ref.end);
      const message =
        ref.operator === '?'
          ? `Required variable \`${ref.name}\` is not set${ref.argument ? ` ("${ref.argument}")` : ''}: Compose stops here. Set it in the environment or in \`.env\`.`
          : `Variable \`${ref.name}\` is not set and has no default: Compose substitutes an empty string. Set it in \`.env\`, or write \`\${${ref.name}:-default}\`.`;
      out.push(berthFinding(range, 'warning', 'compose/unset-variable', message));
    }
  };
  if (ctx.doc.top) visit(ctx.doc.top);
  return out;
}
