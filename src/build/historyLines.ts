/**
 * Which Dockerfile line made each layer of an image: BuildKit records an instruction's text in the
 * image history (`created_by`), not its line, so Berth matches that text against its own parse of
 * the Dockerfile — along the chain of stages the image's stage builds on, newest first, as history
 * lists them. Rows from the base image, or whose text no instruction matches, get no line. Pure.
 */
import type { Instruction } from '../language/dockerfile/ast';
import { stageChain, type DockerfileModel } from '../language/dockerfile/model';

export interface HistoryRow {
  /** `created_by` as the engine gives it (`RUN /bin/sh -c make # buildkit`). */
  createdBy: string;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The instruction text inside a history row: without BuildKit's marker, the shell and RUN's build-arg prefix. */
export function historyInstruction(createdBy: string): { name: string; args: string } | undefined {
  let text = squash(createdBy.replace(/\s*# buildkit$/, ''));
  text = text.replace(/^\/bin\/sh -c #\(nop\) /, '');
  const m = /^([A-Z]+)\s+(.*)$/.exec(text);
  if (!m) return undefined;
  const name = m[1] ?? '';
  let args = m[2] ?? '';
  if (name === 'RUN') args = args.replace(/^\|\d+(?: \S+=\S*)*\s*/, '').replace(/^\/bin\/sh -c /, '');
  return { name, args };
}

/** `8080`, `53/udp` → `8080/tcp`, `53/udp`; history writes EXPOSE as `map[8080/tcp:{} 53/udp:{}]`. */
function exposedPorts(inst: Instruction, args: string): boolean {
  const recorded = new Set((/^map\[(.*)\]$/.exec(args)?.[1] ?? args).split(' ').map((p) => p.replace(/:\{\}$/, '')));
  return inst.words.every((w) => recorded.has(w.text.includes('/') ? w.text : `${w.text}/tcp`));
}

function matches(inst: Instruction, row: { name: string; args: string }): boolean {
  if (inst.name !== row.name) return false;
  if (inst.name === 'EXPOSE') return exposedPorts(inst, row.args);
  const own = squash(inst.argsText);
  if (inst.json) return squash(inst.json.join(' ')) === squash(row.args.replace(/^\[|\]$/g, '').replace(/"/g, '')) || own === row.args;
  return own === row.args || row.args.endsWith(own);
}

/**
 * For each history row (newest first), the 0-based line of the instruction that made it, or
 * undefined. `stage` is the built target (name or index); the last stage by default.
 */
export function historyLines(rows: readonly HistoryRow[], model: DockerfileModel, stage?: string): (number | undefined)[] {
  const target = stage === undefined ? model.stages[model.stages.length - 1] : model.stages.find((s) => s.name === stage.toLowerCase() || String(s.index) === stage);
  if (!target) return rows.map(() => undefined);
  // Newest first, like history: the target's own instructions last-to-first, then its base stage's.
  const candidates = stageChain(target).flatMap((s) => [...s.instructions]).reverse();
  let next = 0;
  return rows.map((row) => {
    const parsed = historyInstruction(row.createdBy);
    if (!parsed) return undefined;
    // Rows and instructions run in the same order: search forward from the last match.
    for (let i = next; i < candidates.length; i++) {
      const inst = candidates[i];
      if (inst && matches(inst, parsed)) {
        next = i + 1;
        return inst.range.start.line;
      }
    }
    return undefined;
  });
}
