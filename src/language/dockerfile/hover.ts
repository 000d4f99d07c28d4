/**
 * Hover for Dockerfiles, as plain data: docs for every instruction, flag and --mount key, a
 * variable's resolved value, a stage's summary. Pure.
 */
import type { Position, Range } from '../findings';
import type { Dockerfile } from './ast';
import { INSTRUCTION_BY_NAME, MOUNT_KEY_ALIASES, MOUNT_TYPES } from './instructionSpec';
import type { DockerfileModel, Stage } from './model';
import { parseMount } from './mount';
import { instructionAt, variablesAt } from './scope';

export interface HoverInfo {
  /** Markdown. */
  contents: string;
  range: Range;
}

const inside = (r: Range, p: Position): boolean =>
  (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) && (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));

export function stageSummary(stage: Stage): string {
  const base = stage.base ? `stage \`${stage.base.name}\`` : `\`${stage.baseWord?.text ?? '?'}\``;
  const platform = stage.platform?.value ? ` for \`${stage.platform.value}\`` : '';
  return `**Stage ${stage.name ? `\`${stage.name}\`` : stage.index}** (line ${stage.from.keywordRange.start.line + 1}): from ${base}${platform}, ${stage.instructions.length} instruction${stage.instructions.length === 1 ? '' : 's'}.`;
}

export function hover(df: Dockerfile, model: DockerfileModel, p: Position): HoverInfo | undefined {
  const inst = instructionAt(df, p.line);
  if (!inst) return undefined;
  const target = inst.trigger && inside(inst.trigger.range, p) && !inside(inst.keywordRange, p) ? inst.trigger : inst;
  const spec = INSTRUCTION_BY_NAME.get(target.name);
  if (inside(target.keywordRange, p)) return spec ? { contents: `**${spec.name}**\n\n${spec.doc}`, range: target.keywordRange } : undefined;

  for (const flag of target.flags) {
    if (!inside(flag.range, p)) continue;
    const fs = spec?.flags.find((f) => f.name === flag.name);
    if (flag.name === 'mount' && flag.value !== undefined && flag.valueRange && flag.valueRange.start.line === flag.valueRange.end.line && inside(flag.valueRange, p)) {
      const offset = p.character - flag.valueRange.start.character;
      const mount = parseMount(flag.value);
      const opt = mount.options.find((o) => o.start <= offset && offset <= o.end);
      if (opt) {
        const type = MOUNT_TYPES[mount.type];
        const r = { start: { line: p.line, character: flag.valueRange.start.character + opt.start }, end: { line: p.line, character: flag.valueRange.start.character + opt.end } };
        if (opt.canonical === 'type') return { contents: `**--mount type=${mount.type}**\n\n${type?.doc ?? 'Unknown mount type.'}`, range: r };
        const key = type?.keys.find((k) => k.name === (MOUNT_KEY_ALIASES[opt.key] ?? opt.key));
        if (key) return { contents: `**${opt.key}** (${mount.type} mount)\n\n${key.doc}${key.values ? `\n\nValues: ${key.values.join(', ')}` : ''}`, range: r };
      }
    }
    if (flag.name === 'from') {
      const stage = model.stages.find((s) => s.name === flag.value?.toLowerCase());
      if (stage) return { contents: stageSummary(stage), range: flag.range };
    }
    if (fs) return { contents: `**--${fs.name}**\n\n${fs.doc}${fs.values ? `\n\nValues: ${fs.values.join(', ')}` : ''}`, range: flag.range };
  }

  for (const word of target.words) {
    if (!inside(word.range, p)) continue;
    if (target.name === 'FROM') {
      const stage = model.stages.find((s) => (s.nameWord === word || (s.name !== undefined && s.name === word.text.toLowerCase())) && s.from !== target) ?? model.stages.find((s) => s.nameWord === word);
      if (stage) return { contents: stageSummary(stage), range: word.range };
    }
    const line = df.lines[p.line] ?? '';
    const re = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      if (p.character < m.index || p.character > m.index + m[0].length) continue;
      const v = variablesAt(model, p.line).get(m[1] as string);
      const r = { start: { line: p.line, character: m.index }, end: { line: p.line, character: m.index + m[0].length } };
      if (!v) return { contents: `**$${m[1]}** is not defined here.`, range: r };
      const where = v.instruction ? ` (${v.kind}, line ${v.instruction.keywordRange.start.line + 1})` : ' (BuildKit platform argument; value for a linux/amd64 build)';
      return { contents: `**$${v.name}** = \`${v.value ?? ''}\`${v.value === undefined ? ' (no default: empty unless --build-arg sets it)' : ''}${where}`, range: r };
    }
  }
  return undefined;
}
