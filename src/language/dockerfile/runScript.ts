/** The shell commands of a RUN (shell form and heredoc bodies) with ranges back in the document. Pure. */
import type { Range } from '../findings';
import type { Instruction } from './ast';
import { shellCommands, type ShellCommand } from './shellCommands';

export interface RunCommand extends ShellCommand {
  range: Range;
}

/** Range of logical offsets [start, end) of an instruction. */
export function logicalRange(inst: Instruction, start: number, end: number): Range {
  const s = inst.positionAt(start);
  if (end <= start) return { start: s, end: s };
  const e = inst.positionAt(end - 1);
  return { start: s, end: { line: e.line, character: e.character + 1 } };
}

const cache = new WeakMap<Instruction, RunCommand[]>();

export function runCommands(inst: Instruction): RunCommand[] {
  if (inst.name !== 'RUN') return [];
  let cached = cache.get(inst);
  if (!cached) {
    cached = computeRunCommands(inst);
    cache.set(inst, cached);
  }
  return cached;
}

function computeRunCommands(inst: Instruction): RunCommand[] {
  if (inst.json) return [{ words: inst.json, start: 0, end: 0, piped: false, range: inst.argsRange }];
  const out: RunCommand[] = shellCommands(inst.argsText).map((c) => ({ ...c, range: logicalRange(inst, inst.argsOffset + c.start, inst.argsOffset + c.end) }));
  for (const doc of inst.heredocs) out.push(...shellCommands(doc.content).map((c) => ({ ...c, range: doc.markerRange })));
  return out;
}

/** The whole script text of a RUN (shell form plus heredoc bodies), for simple searches. */
export function runText(inst: Instruction): string {
  return [inst.json ? inst.json.join(' ') : inst.argsText, ...inst.heredocs.map((h) => h.content)].join('\n');
}
