/**
 * Go to definition, references and rename for stages and variables. A stage is defined by
 * `FROM … AS name` and referenced by a later `FROM name`, `COPY --from=name` and
 * `--mount=…,from=name`; a variable is defined by ARG/ENV and referenced as $name / ${name}
 * in the same stage (or, for global ARGs, in FROM lines). Pure.
 */
import type { Position, Range, TextEdit } from '../findings';
import type { Dockerfile, Instruction } from './ast';
import { argDefinitions, envPairs, type DockerfileModel, type Stage } from './model';
import { parseMount } from './mount';

export interface SymbolOccurrences {
  kind: 'stage' | 'variable';
  name: string;
  definition: Range | undefined;
  references: Range[];
}

const inside = (r: Range, p: Position): boolean =>
  (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) && (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));

const sub = (r: Range, start: number, end: number): Range => ({ start: { line: r.start.line, character: r.start.character + start }, end: { line: r.start.line, character: r.start.character + end } });

function stageReferences(model: DockerfileModel, stage: Stage): Range[] {
  const out: Range[] = [];
  const name = stage.name as string;
  for (const s of model.stages) {
    if (s.base === stage && s.baseWord?.text.toLowerCase() === name) out.push(s.baseWord.range);
    for (const inst of s.instructions) {
      for (const f of inst.flags) {
        if (f.value === undefined || !f.valueRange || f.valueRange.start.line !== f.valueRange.end.line) continue;
        if (f.name === 'from' && f.value.toLowerCase() === name) out.push(f.valueRange);
        if (f.name === 'mount') {
          for (const o of parseMount(f.value).options) {
            if (o.canonical === 'from' && o.value?.toLowerCase() === name) out.push(sub(f.valueRange, o.end - o.value.length, o.end));
          }
        }
      }
    }
  }
  return out;
}

/** The instructions where a variable defined in `scope` is visible: the stage, or the FROM lines for global ARGs. */
function variableScope(model: DockerfileModel, line: number): { instructions: Instruction[]; stage: Stage | undefined } {
  const stage = [...model.stages].reverse().find((s) => s.from.keywordRange.start.line <= line);
  const onFrom = stage !== undefined && line <= stage.from.range.end.line;
  if (!stage || onFrom) return { instructions: [...model.globalArgs.map((a) => a.instruction), ...model.stages.map((s) => s.from)], stage: undefined };
  return { instructions: [stage.from, ...stage.instructions], stage };
}

function variableRefs(df: Dockerfile, instructions: Instruction[], name: string): Range[] {
  const out: Range[] = [];
  const re = new RegExp(`\\$(?:\\{(${name})(?=[}:#%/?+-])|(${name})(?![A-Za-z0-9_]))`, 'g');
  const seen = new Set<number>();
  for (const inst of instructions) {
    for (let line = inst.range.start.line; line <= inst.range.end.line; line++) {
      if (seen.has(line)) continue;
      seen.add(line);
      const text = df.lines[line] ?? '';
      for (const m of text.matchAll(re)) {
        const start = (m.index ?? 0) + (m[1] ? 2 : 1);
        out.push({ start: { line, character: start }, end: { line, character: start + name.length } });
      }
    }
  }
  return out;
}

function variableDefinitions(instructions: Instruction[]): { name: string; range: Range }[] {
  const out: { name: string; range: Range }[] = [];
  for (const inst of instructions) {
    if (inst.name === 'ARG') for (const d of argDefinitions(inst)) out.push({ name: d.key, range: sub(d.word.range, 0, d.key.length) });
    if (inst.name === 'ENV') for (const p of envPairs(inst)) if (p.keyWord) out.push({ name: p.key, range: sub(p.keyWord.range, 0, p.key.length) });
  }
  return out;
}

/** The stage or variable at `p`, with its definition and every reference. */
export function occurrencesAt(df: Dockerfile, model: DockerfileModel, p: Position): SymbolOccurrences | undefined {
  for (const stage of model.stages) {
    if (!stage.name) continue;
    const refs = stageReferences(model, stage);
    if ((stage.nameWord && inside(stage.nameWord.range, p)) || refs.some((r) => inside(r, p))) {
      return { kind: 'stage', name: stage.name, definition: stage.nameWord?.range, references: refs };
    }
  }
  const { instructions } = variableScope(model, p.line);
  const defs = variableDefinitions(instructions);
  const line = df.lines[p.line] ?? '';
  let name = defs.find((d) => inside(d.range, p))?.name;
  if (!name) {
    for (const m of line.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
      const start = (m.index ?? 0) + (m[0].startsWith('${') ? 2 : 1);
      if (p.character >= start && p.character <= start + (m[1]?.length ?? 0)) name = m[1];
    }
  }
  if (!name) return undefined;
  const found = name;
  const before = defs.filter((d) => d.name === found && (d.range.start.line < p.line || (d.range.start.line === p.line && d.range.start.character <= p.character)));
  const definition = (before[before.length - 1] ?? defs.find((d) => d.name === found))?.range;
  return { kind: 'variable', name: found, definition, references: variableRefs(df, instructions, found) };
}

/** Rename edits for the stage or variable at `p` (undefined when nothing renamable is there). */
export function renameEdits(df: Dockerfile, model: DockerfileModel, p: Position, newName: string): TextEdit[] | undefined {
  const occ = occurrencesAt(df, model, p);
  if (!occ?.definition) return undefined;
  const text = occ.kind === 'stage' ? newName.toLowerCase() : newName;
  const ranges = [occ.definition, ...occ.references];
  const unique = ranges.filter((r, i) => ranges.findIndex((x) => x.start.line === r.start.line && x.start.character === r.start.character) === i);
  return unique.map((range) => ({ range, newText: text }));
}
