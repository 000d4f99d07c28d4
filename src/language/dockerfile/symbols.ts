/** The outline of a Dockerfile: one symbol per stage, its instructions inside; and folding by stage. Pure. */
import type { Range } from '../findings';
import type { Dockerfile } from './ast';
import type { DockerfileModel } from './model';

export interface DockerfileSymbol {
  name: string;
  detail: string;
  kind: 'stage' | 'instruction' | 'arg';
  range: Range;
  selectionRange: Range;
  children: DockerfileSymbol[];
}

export function documentSymbols(model: DockerfileModel): DockerfileSymbol[] {
  const out: DockerfileSymbol[] = model.globalArgs.map((a) => ({ name: a.key, detail: 'ARG', kind: 'arg' as const, range: a.instruction.range, selectionRange: a.word.range, children: [] }));
  model.stages.forEach((stage, i) => {
    const next = model.stages[i + 1];
    const last = stage.instructions[stage.instructions.length - 1];
    const end = last && (!next || last.range.end.line < next.from.range.start.line) ? last.range.end : stage.from.range.end;
    out.push({
      name: stage.name ?? `stage ${stage.index}`,
      detail: `FROM ${stage.baseWord?.text ?? ''}`,
      kind: 'stage',
      range: { start: stage.from.range.start, end },
      selectionRange: stage.nameWord?.range ?? stage.from.keywordRange,
      children: stage.instructions.map((inst) => ({
        name: inst.name,
        detail: inst.argsText.length > 60 ? inst.argsText.slice(0, 59) + '…' : inst.argsText,
        kind: 'instruction' as const,
        range: inst.range,
        selectionRange: inst.keywordRange,
        children: [],
      })),
    });
  });
  return out;
}

/** Folding ranges (0-based start and end lines): each stage, each multi-line instruction. */
export function foldingRanges(df: Dockerfile, model: DockerfileModel): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const s of documentSymbols(model)) {
    if (s.kind === 'stage' && s.range.end.line > s.range.start.line) out.push({ start: s.range.start.line, end: s.range.end.line });
  }
  for (const inst of df.instructions) if (inst.range.end.line > inst.range.start.line) out.push({ start: inst.range.start.line, end: inst.range.end.line });
  return out;
}
