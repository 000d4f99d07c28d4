/**
 * Completion for Dockerfiles, as plain data: instructions (with snippets), every flag of every
 * instruction, --mount keys per type with their values, stage names after --from= and in FROM,
 * variables after $ and ${, parser directives, and image names from the engine when given. Pure.
 */
import type { Position } from '../findings';
import type { Dockerfile } from './ast';
import { INSTRUCTION_BY_NAME, INSTRUCTIONS, MOUNT_KEY_ALIASES, MOUNT_TYPES } from './instructionSpec';
import { buildModel, type DockerfileModel } from './model';
import { parseDockerfile } from './parser';
import { instructionAt, variablesAt } from './scope';

export type CompletionKind = 'instruction' | 'flag' | 'value' | 'stage' | 'variable' | 'directive' | 'image' | 'mountKey' | 'keyword';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Text to insert; a VS Code snippet when `snippet` is set. */
  insertText?: string;
  snippet?: boolean;
}

export interface CompletionOptions {
  /** Local image names (from the engine's cache); never waited for. */
  images?: readonly string[];
}

const DIRECTIVES: CompletionItem[] = [
  { label: 'syntax', kind: 'directive', insertText: 'syntax=docker/dockerfile:1', detail: 'Dockerfile frontend', documentation: 'The frontend BuildKit builds this file with, e.g. docker/dockerfile:1.' },
  { label: 'escape', kind: 'directive', insertText: 'escape=`', detail: 'escape character', documentation: 'The escape and line-continuation character: \\ (default) or ` (handy on Windows).' },
  { label: 'check', kind: 'directive', insertText: 'check=skip=', detail: 'build checks', documentation: 'Build check options: skip=<rules>|all, error=true, experimental=<rules>|all.' },
];

const PLATFORM_VALUES = ['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64', 'linux/arm64', 'linux/arm/v7', 'windows/amd64'];

/** Completion at `position` of `text`; `parsed` may be passed when the caller has it. */
export function complete(text: string, position: Position, options: CompletionOptions = {}, parsed?: { df: Dockerfile; model: DockerfileModel }): CompletionItem[] {
  const df = parsed?.df ?? parseDockerfile(text);
  const model = parsed?.model ?? buildModel(df);
  const lineText = df.lines[position.line] ?? '';
  const prefix = lineText.slice(0, position.character);
  const inst = instructionAt(df, position.line);
  const firstInstructionLine = df.instructions[0]?.keywordRange.start.line ?? Infinity;

  if (/^\s*#\s*[a-z]*$/i.test(prefix)) return position.line < firstInstructionLine && df.comments.every((c) => c.range.start.line >= position.line || /^[a-z]+\s*=/i.test(c.text)) ? DIRECTIVES : [];

  const variable = /\$\{?([A-Za-z_][A-Za-z0-9_]*)?$/.exec(prefix);
  if (variable) {
    return [...variablesAt(model, position.line).values()].map((v) => ({
      label: v.name,
      kind: 'variable' as const,
      detail: v.kind === 'predefined' ? 'BuildKit platform argument' : `${v.kind}${v.value !== undefined ? ` = ${v.value}` : ''}`,
    }));
  }

  // The keyword itself (a line that starts an instruction).
  if (/^\s*[A-Za-z]*$/.test(prefix) && (!inst || inst.keywordRange.start.line === position.line)) {
    return INSTRUCTIONS.map((s) => ({ label: s.name, kind: 'instruction' as const, documentation: s.doc, insertText: s.snippet, snippet: true }));
  }
  if (!inst) return [];
  const spec = INSTRUCTION_BY_NAME.get(inst.name);

  const mount = /--mount=(\S*)$/.exec(prefix);
  if (mount && inst.name === 'RUN') return mountCompletion(mount[1] ?? '');

  const flagValue = /--([a-z-]+)=(\S*)$/.exec(prefix);
  if (flagValue) {
    const name = flagValue[1] as string;
    if (name === 'from') return stageItems(model, position.line);
    if (name === 'platform') return PLATFORM_VALUES.map((v) => ({ label: v, kind: 'value' as const }));
    const fs = spec?.flags.find((f) => f.name === name);
    return (fs?.values ?? []).map((v) => ({ label: v, kind: 'value' as const }));
  }

  const flag = /(?:^|\s)(--?[a-z-]*)$/.exec(prefix);
  if (flag && spec) {
    const argsStarted = inst.words.some((w) => w.range.end.line < position.line || (w.range.end.line === position.line && w.range.end.character < position.character - (flag[1]?.length ?? 0)));
    if (!argsStarted) {
      return spec.flags.map((f) => ({
        label: `--${f.name}`,
        kind: 'flag' as const,
        documentation: f.doc,
        insertText: f.bool ? `--${f.name}` : `--${f.name}=`,
        detail: f.values ? f.values.join(' | ') : undefined,
      })) as CompletionItem[];
    }
  }

  if (inst.name === 'FROM') {
    const words = prefix.slice(inst.keywordRange.end.character).trim().split(/\s+/).filter((w) => w !== '' && !w.startsWith('--'));
    if (!/\s$/.test(prefix)) words.pop(); // the word being typed
    if (words.length === 0) return [...stageItems(model, position.line), ...(options.images ?? []).map((i) => ({ label: i, kind: 'image' as const })), { label: 'scratch', kind: 'image' as const, detail: 'an empty image' }];
    if (words.length === 1) return [{ label: 'AS', kind: 'keyword', insertText: inst.keyword === inst.keyword.toLowerCase() ? 'as ' : 'AS ' }];
  }
  return [];
}

function stageItems(model: DockerfileModel, line: number): CompletionItem[] {
  return model.stages
    .filter((s) => s.name !== undefined && s.from.keywordRange.start.line < line)
    .map((s) => ({ label: s.name as string, kind: 'stage' as const, detail: `stage ${s.index}: FROM ${s.baseWord?.text ?? ''}` }));
}

function mountCompletion(value: string): CompletionItem[] {
  const parts = value.split(',');
  const current = parts[parts.length - 1] ?? '';
  const typePart = parts.find((p) => p.startsWith('type='));
  const type = typePart ? typePart.slice(5) : 'bind';
  const eq = current.indexOf('=');
  if (eq >= 0) {
    const key = current.slice(0, eq);
    const canonical = MOUNT_KEY_ALIASES[key] ?? key;
    if (canonical === 'type') return Object.entries(MOUNT_TYPES).map(([t, m]) => ({ label: t, kind: 'value' as const, documentation: m.doc }));
    const spec = MOUNT_TYPES[type]?.keys.find((k) => k.name === canonical);
    return (spec?.values ?? []).map((v) => ({ label: v, kind: 'value' as const }));
  }
  const used = new Set(parts.slice(0, -1).map((p) => MOUNT_KEY_ALIASES[p.split('=')[0] ?? ''] ?? p.split('=')[0]));
  const keys = [{ name: 'type', doc: 'bind (default), cache, secret, ssh or tmpfs.' }, ...(MOUNT_TYPES[type]?.keys ?? [])];
  return keys.filter((k) => !used.has(k.name)).map((k) => ({ label: k.name, kind: 'mountKey' as const, documentation: k.doc, insertText: `${k.name}=` }));
}
