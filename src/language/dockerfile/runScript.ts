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

/** A command of a RUN script; its document range is worked out when asked for. */
class RunScriptCommand implements RunCommand {
  private span: Range | undefined;
  constructor(
    readonly words: string[],
    readonly start: number,
    readonly end: number,
    readonly piped: boolean,
    private readonly inst: Instruction,
    /** For a heredoc's commands: its marker. */
    fixedRange: Range | undefined,
  ) {
    this.span = fixedRange;
  }
  get range(): Range {
    return (this.span ??= logicalRange(this.inst, this.inst.argsOffset + this.start, this.inst.argsOffset + this.end));
  }
}

/** The commands of a RUN script (none for other instructions); the model's memo keeps them per analysis. */
export function runCommands(inst: Instruction): RunCommand[] {
  if (inst.name !== 'RUN') return [];
  if (inst.json) return [{ words: inst.json, start: 0, end: 0, piped: false, range: inst.argsRange }];
  const out = shellCommands(inst.argsText, (words, start, end, piped): RunCommand => new RunScriptCommand(words, start, end, piped, inst, undefined));
  for (const doc of inst.heredocs) out.push(...shellCommands(doc.content, (words, start, end, piped): RunCommand => new RunScriptCommand(words, start, end, piped, inst, doc.markerRange)));
  return out;
}

/** The whole script text of a RUN (shell form plus heredoc bodies), for simple searches. */
export function runText(inst: Instruction): string {
  if (inst.heredocs.length === 0) return inst.json ? inst.json.join(' ') : inst.argsText;
  return [inst.json ? inst.json.join(' ') : inst.argsText, ...inst.heredocs.map((h) => h.content)].join('\n');
}
