/**
 * Document formatting that never changes meaning: instruction keywords (and FROM's AS) in upper
 * case, and continuation lines re-indented — only where BuildKit and the shell treat a run of
 * whitespace as one separator: the line already starts with whitespace, sits outside any quote,
 * and the instruction splits its arguments on whitespace (not ENV/LABEL's legacy `key value`). Pure.
 */
import type { TextEdit } from '../findings';
import type { Dockerfile, Instruction } from './ast';

export interface FormatOptions {
  /** What one continuation indent is: four spaces by default. */
  indent?: string;
}

/** Instructions whose arguments are split on whitespace (or are shell), outside quotes. */
function whitespaceSplits(inst: Instruction): boolean {
  if (inst.name === 'ENV' || inst.name === 'LABEL') return inst.words[0]?.text.includes('=') === true;
  return ['RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'EXPOSE', 'VOLUME', 'ARG', 'FROM', 'HEALTHCHECK', 'SHELL', 'ONBUILD'].includes(inst.name);
}

/** For each logical offset where a new physical line starts: is it inside a quote? */
function quotedLineStarts(inst: Instruction, escape: string): Map<number, boolean> {
  const out = new Map<number, boolean>();
  let quote = '';
  let prevLine = inst.positionAt(0).line;
  for (let i = 0; i < inst.logical.length; i++) {
    const line = inst.positionAt(i).line;
    if (line !== prevLine) {
      out.set(line, quote !== '');
      prevLine = line;
    }
    const ch = inst.logical[i];
    if (ch === escape && quote !== "'") i++;
    else if (quote === '' && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === quote) quote = '';
  }
  return out;
}

export function formatDockerfile(df: Dockerfile, options: FormatOptions = {}): TextEdit[] {
  const indent = options.indent ?? '    ';
  const edits: TextEdit[] = [];
  for (const inst of df.instructions) {
    for (const i of inst.trigger ? [inst, inst.trigger] : [inst]) {
      if (i.keyword !== i.keyword.toUpperCase()) edits.push({ range: i.keywordRange, newText: i.keyword.toUpperCase() });
      if (i.name === 'FROM' && i.words.length === 3 && i.words[1]?.text.toLowerCase() === 'as' && i.words[1].text !== 'AS') edits.push({ range: i.words[1].range, newText: 'AS' });
    }
    const first = inst.keywordRange.start.line;
    const last = inst.heredocs.length > 0 ? (inst.heredocs[0]?.bodyStartLine ?? 0) - 1 : inst.range.end.line;
    if (last <= first || !whitespaceSplits(inst.trigger ?? inst)) continue;
    const quoted = quotedLineStarts(inst, df.escapeChar);
    for (let line = first + 1; line <= last; line++) {
      const text = df.lines[line] ?? '';
      const lead = /^[ \t]*/.exec(text)?.[0] ?? '';
      const rest = text.slice(lead.length);
      // Only lines that hold arguments: not comments, not empty, already indented, not inside a quote.
      if (lead === '' || rest === '' || rest.startsWith('#') || quoted.get(line) !== false || lead === indent) continue;
      edits.push({ range: { start: { line, character: 0 }, end: { line, character: lead.length } }, newText: indent });
    }
  }
  return edits;
}
