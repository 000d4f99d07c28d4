/**
 * How much a YAML text would cost to parse, known before it is parsed. The yaml library holds about
 * 2 KB per value at its peak (a 2 MB list of a million values took 1.4 GB and 20 s), and its
 * composer overflows the stack past about 900 nested flow collections (a million of them took
 * 1.1 GB before it did). A cheap count of lines, separators and brackets clears ordinary files;
 * only a text over the limits by that count is run through yaml's lexer, which counts exactly in
 * constant memory. Pure.
 */
import { CST, Lexer } from 'yaml';

/** Values (scalars, aliases, collections) Berth parses in one compose file: three times a 1,000-service project, about 220 MB at the peak. */
export const MAX_VALUES = 100_000;
/** Nested `[` / `{` Berth parses: past this the yaml library's composer overflows the stack (go-yaml, Compose's, stops at 10,000). */
export const MAX_FLOW_DEPTH = 800;

export type YamlSize = { ok: true } | { ok: false; values: number; depth: number };

export function yamlSize(text: string): YamlSize {
  // Every value needs a line, a comma or a bracket of its own: an upper bound, one pass over char codes.
  let bound = 0;
  let depth = 0;
  let maxDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 44) bound++;
    else if (c === 91 || c === 123) {
      bound++;
      if (++depth > maxDepth) maxDepth = depth;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  if (bound <= MAX_VALUES && maxDepth <= MAX_FLOW_DEPTH) return { ok: true };
  return exactSize(text);
}

/** The lexer's tokens: quotes, comments and block scalars no longer count. */
function exactSize(text: string): YamlSize {
  let values = 0;
  let depth = 0;
  let maxDepth = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === CST.SCALAR || token.startsWith('*')) values++;
    else if (token === '[' || token === '{') {
      values++;
      if (++depth > maxDepth) maxDepth = depth;
    } else if ((token === ']' || token === '}') && depth > 0) depth--;
  }
  return values <= MAX_VALUES && maxDepth <= MAX_FLOW_DEPTH ? { ok: true } : { ok: false, values, depth: maxDepth };
}
