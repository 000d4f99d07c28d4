/**
 * BuildKit mount hints, each with a small exact quick fix:
 * - a RUN that installs packages without a cache mount → add the right cache mount for the tool;
 * - a secret passed through ARG/ENV → pass it as a build secret (--mount=type=secret) instead;
 * - a copied credentials file (.npmrc, .netrc, id_rsa …) → mount it as a secret or use --mount=type=ssh;
 * - a COPY of manifests used only by the next RUN → bind-mount them into that RUN. Pure.
 */
import type { Finding, QuickFix, Range, TextEdit } from '../findings';
import type { Instruction } from './ast';
import { looksSecret } from './checks/simple';
import type { InstructionMemo } from './memo';
import { argDefinitions, envPairs, type DockerfileModel, type Stage } from './model';
import { berthDocsUrl } from './rulesDocs';
import { logicalRange } from './runScript';
import { program } from './shellCommands';

const PIP = /^pip3?(\.\d+)?$/;
const PYTHON = /^python3?(\.\d+)?$/;
const ROOT_USER = /^(root|0)(:.*)?$/;
const TRAILING_SLASH = /\/$/;

export interface MountHintSettings {
  cacheMount: boolean;
  secretMount: boolean;
  bindMount: boolean;
}

interface CacheTool {
  tool: string;
  matches(p: readonly string[]): boolean;
  targets: string[];
  sharingLocked?: boolean;
}

/** Whether the subcommand is one of `a`..`d` (fixed parameters: this runs for every command and every tool). */
const has = (p: readonly string[], a: string, b?: string, c?: string, d?: string): boolean => {
  const sub = p[1];
  return sub !== undefined && (sub === a || sub === b || sub === c || sub === d);
};

export const CACHE_TOOLS: readonly CacheTool[] = [
  { tool: 'apt', matches: (p) => (p[0] === 'apt-get' || p[0] === 'apt') && p.includes('install'), targets: ['/var/cache/apt', '/var/lib/apt'], sharingLocked: true },
  { tool: 'apk', matches: (p) => p[0] === 'apk' && p.includes('add') && !p.includes('--no-cache'), targets: ['/var/cache/apk'], sharingLocked: true },
  { tool: 'npm', matches: (p) => p[0] === 'npm' && has(p, 'ci', 'install', 'i', 'add'), targets: ['/root/.npm'] },
  { tool: 'yarn', matches: (p) => p[0] === 'yarn' && (p.length === 1 || has(p, 'install', 'add')), targets: ['/usr/local/share/.cache/yarn'] },
  { tool: 'pnpm', matches: (p) => p[0] === 'pnpm' && has(p, 'install', 'i', 'add'), targets: ['/root/.local/share/pnpm/store'] },
  { tool: 'pip', matches: (p) => pipInstall(p) && !p.includes('--no-cache-dir'), targets: ['/root/.cache/pip'] },
  { tool: 'poetry', matches: (p) => p[0] === 'poetry' && has(p, 'install'), targets: ['/root/.cache/pypoetry'] },
  { tool: 'go', matches: (p) => p[0] === 'go' && (has(p, 'build', 'install', 'test', 'get') || (p[1] === 'mod' && p[2] === 'download')), targets: ['/go/pkg/mod', '/root/.cache/go-build'] },
  { tool: 'cargo', matches: (p) => p[0] === 'cargo' && has(p, 'build', 'install', 'fetch'), targets: ['/usr/local/cargo/registry'] },
  { tool: 'maven', matches: (p) => p[0] === 'mvn' || p[0] === './mvnw', targets: ['/root/.m2'] },
  { tool: 'gradle', matches: (p) => p[0] === 'gradle' || p[0] === './gradlew', targets: ['/root/.gradle'] },
  { tool: 'bundler', matches: (p) => p[0] === 'bundle' && has(p, 'install'), targets: ['/usr/local/bundle/cache'] },
  { tool: 'composer', matches: (p) => p[0] === 'composer' && has(p, 'install', 'update', 'require'), targets: ['/root/.cache/composer'] },
];

function pipInstall(p: readonly string[]): boolean {
  if (PIP.test(p[0] ?? '')) return p[1] === 'install';
  return PYTHON.test(p[0] ?? '') && p[1] === '-m' && p[2] === 'pip' && p[3] === 'install';
}

/** Text that adds `mounts` right after the RUN keyword. */
function addMounts(inst: Instruction, mounts: string[]): TextEdit {
  const at = inst.keywordRange.end;
  return { range: { start: at, end: at }, newText: mounts.map((m) => ` --mount=${m}`).join('') };
}

function hint(code: string, range: Range, message: string, fix: QuickFix): Finding {
  return { range, severity: 'hint', code, message, source: 'berth', docsUrl: berthDocsUrl(code), fixes: [fix] };
}

/** Deletes whole lines [first, last] of the document. */
function deleteLines(first: number, last: number): TextEdit {
  return { range: { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } }, newText: '' };
}

/** What a rule returns when it has nothing to say, shared rather than made per instruction. */
const NOTHING: readonly Finding[] = [];

export function mountHints(model: DockerfileModel, settings: MountHintSettings): Finding[] {
  const out: Finding[] = [];
  for (const stage of model.stages) {
    let nonRoot = false;
    stage.instructions.forEach((inst, index) => {
      if (inst.name === 'USER') nonRoot = !ROOT_USER.test(inst.argsText);
      if (inst.name === 'RUN' && settings.cacheMount && !nonRoot) out.push(...cacheHints(inst, model.memo));
      if (settings.secretMount && (inst.name === 'ARG' || inst.name === 'ENV')) out.push(...secretHints(stage, inst, index));
      if (inst.name === 'COPY' && settings.bindMount) out.push(...bindHints(stage, inst, index));
    });
  }
  return out;
}

function cacheHints(inst: Instruction, memo: InstructionMemo): readonly Finding[] {
  let out: Finding[] | undefined;
  let seen: CacheTool[] | undefined;
  let existing: string[] | undefined;
  for (const cmd of memo.runCommands(inst)) {
    const p = program(cmd);
    let tool: CacheTool | undefined;
    for (const t of CACHE_TOOLS) if (t.matches(p)) {
      tool = t;
      break;
    }
    if (!tool || seen?.includes(tool)) continue;
    existing ??= memo.mounts(inst.flags).map((m) => (m.get('target') ?? '').replace(TRAILING_SLASH, ''));
    if (tool.targets.some((t) => existing?.includes(t))) continue;
    (seen ??= []).push(tool);
    const sharing = tool.sharingLocked ? ',sharing=locked' : '';
    const mounts = tool.targets.map((t) => `type=cache,target=${t}${sharing}`);
    const edits = [addMounts(inst, mounts)];
    if (tool.tool === 'apt' && !inst.json && inst.heredocs.length === 0) {
      // Debian and Ubuntu images delete downloaded packages after each install (docker-clean); keep them for the cache.
      edits.push({ range: { start: inst.argsRange.start, end: inst.argsRange.start }, newText: 'rm -f /etc/apt/apt.conf.d/docker-clean && ' });
    }
    (out ??= []).push(
      hint('berth/cache-mount', cmd.range, `${tool.tool} downloads again on every build of this layer: a cache mount on ${tool.targets.join(' and ')} keeps its cache between builds.`, {
        title: `Add a ${tool.tool} cache mount`,
        edits,
        preferred: true,
      }),
    );
  }
  return out ?? NOTHING;
}

const REF = (name: string): RegExp => new RegExp(`\\$(?:\\{${name}\\}|${name}(?![A-Za-z0-9_]))`, 'g');

/** `$NAME`, `${NAME}` or either in double quotes, and nothing else: the name, or undefined. */
function onlyReference(value: string): string | undefined {
  return /^"?\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))"?$/.exec(value)?.slice(1).find((n) => n !== undefined);
}

const isOneLine = (inst: Instruction): boolean => inst.range.start.line === inst.range.end.line;

/** The later ENV that keeps ARG `name` in the image (`ENV NAME=$NAME`), when it sets nothing else. */
function persistingEnv(stage: Stage, index: number, name: string): Instruction | undefined {
  return stage.instructions.slice(index + 1).find((i) => {
    if (i.name !== 'ENV') return false;
    const pairs = envPairs(i);
    return pairs.length === 1 && onlyReference(pairs[0]?.value ?? '') === name;
  });
}

/**
 * The quick fix that passes a secret to the RUNs using it as a build secret: `remove` are the
 * one-line ARG/ENV instructions that carried it, `names` the variables the RUNs read it through.
 */
function secretMountFix(stage: Stage, from: number, remove: Instruction[], names: string[], id: string): TextEdit[] | undefined {
  const uses = (run: Instruction): boolean => names.some((n) => REF(n).test(run.logical));
  const runs = stage.instructions.slice(from + 1).filter((i) => i.name === 'RUN' && !i.json && uses(i));
  if (runs.length === 0 || !remove.every(isOneLine)) return undefined;
  const edits = remove.map((i) => deleteLines(i.range.start.line, i.range.end.line));
  for (const run of runs) {
    edits.push(addMounts(run, [`type=secret,id=${id}`]));
    for (const name of names) {
      for (const m of run.logical.matchAll(REF(name))) edits.push({ range: logicalRange(run, m.index, m.index + m[0].length), newText: `$(cat /run/secrets/${id})` });
    }
  }
  return edits;
}

/**
 * A secret passed through ARG (with no default) or ENV and read by later RUNs: it ends up in the
 * image history or config. The fix mounts it as a build secret in those RUNs instead.
 */
function secretHints(stage: Stage, inst: Instruction, index: number): readonly Finding[] {
  return inst.name === 'ARG' ? argSecretHints(stage, inst, index) : envSecretHints(stage, inst, index);
}

function argSecretHints(stage: Stage, inst: Instruction, index: number): Finding[] {
  const defs = argDefinitions(inst);
  const out: Finding[] = [];
  for (const def of defs) {
    if (!looksSecret(def.key) || def.value !== undefined || defs.length !== 1) continue;
    const env = persistingEnv(stage, index, def.key);
    const envKey = env ? envPairs(env)[0]?.key : undefined;
    const names = envKey && envKey !== def.key ? [def.key, envKey] : [def.key];
    const id = def.key.toLowerCase();
    const edits = secretMountFix(stage, index, env ? [inst, env] : [inst], names, id);
    if (!edits) continue;
    const where = env ? `the image history and, through ${env.keyword} ${envKey}, its config` : 'the image history';
    out.push(
      hint('berth/secret-mount', def.word.range, `${def.key} ends up in ${where}. Pass it as a build secret: docker build --secret id=${id},env=${def.key}.`, {
        title: `Pass ${def.key} as a build secret`,
        edits,
        preferred: true,
      }),
    );
  }
  return out;
}

function envSecretHints(stage: Stage, inst: Instruction, index: number): Finding[] {
  const pairs = envPairs(inst);
  const pair = pairs[0];
  if (pairs.length !== 1 || !pair?.keyWord || !looksSecret(pair.key)) return [];
  // ENV NAME=$NAME after ARG NAME: the ARG's hint covers both.
  const from = onlyReference(pair.value);
  const arg = from === undefined ? undefined : stage.instructions.slice(0, index).find((i) => i.name === 'ARG' && argDefinitions(i).some((d) => d.key === from));
  if (arg && argSecretHints(stage, arg, stage.instructions.indexOf(arg)).length > 0) return [];
  const id = pair.key.toLowerCase();
  const edits = secretMountFix(stage, index, [inst], [pair.key], id);
  if (!edits) return [];
  return [
    hint('berth/secret-mount', pair.keyWord.range, `${pair.key} is stored in the image config, where anyone with the image reads it. If only the build needs it, pass it as a build secret: docker build --secret id=${id},env=${pair.key}.`, {
      title: `Pass ${pair.key} as a build secret (removes it from the Dockerfile)`,
      edits,
    }),
  ];
}

const SECRET_FILES: Record<string, 'secret' | 'ssh'> = { '.npmrc': 'secret', '.netrc': 'secret', '.pypirc': 'secret', '.git-credentials': 'secret', id_rsa: 'ssh', id_ed25519: 'ssh', id_ecdsa: 'ssh' };

function secretFileHint(stage: Stage, inst: Instruction, index: number): Finding | undefined {
  const words = inst.words.map((w) => w.text);
  if (inst.flags.length > 0 || words.length !== 2 || inst.range.start.line !== inst.range.end.line) return undefined;
  const [src = '', dest = ''] = words;
  const base = src.split('/').pop() ?? '';
  const kind = SECRET_FILES[base];
  const next = stage.instructions[index + 1];
  if (!kind || next?.name !== 'RUN') return undefined;
  const target = dest.endsWith('/') ? dest + base : dest;
  const mount = kind === 'ssh' ? 'type=ssh' : `type=secret,id=${base.replace(/^\./, '')},target=${target}`;
  const how = kind === 'ssh' ? 'forward your SSH agent with --mount=type=ssh (docker build --ssh default)' : `mount it as a secret (docker build --secret id=${base.replace(/^\./, '')},src=${src})`;
  return hint('berth/secret-file', inst.range, `${base} is copied into a layer and stays in the image. Use it only in the RUN that needs it: ${how}.`, {
    title: kind === 'ssh' ? 'Use --mount=type=ssh in the next RUN' : `Mount ${base} as a secret in the next RUN`,
    edits: [deleteLines(inst.range.start.line, inst.range.end.line), addMounts(next, [mount])],
    preferred: true,
  });
}

const MANIFESTS = /^(package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|requirements[\w.-]*\.txt|pyproject\.toml|poetry\.lock|Pipfile(\.lock)?|go\.mod|go\.sum|Cargo\.(toml|lock)|Gemfile(\.lock)?|composer\.(json|lock)|pom\.xml)$/;

function bindHints(stage: Stage, inst: Instruction, index: number): Finding[] {
  const secret = secretFileHint(stage, inst, index);
  if (secret) return [secret];
  const words = inst.words.map((w) => w.text);
  const sources = words.slice(0, -1);
  const dest = words[words.length - 1] ?? '';
  const next = stage.instructions[index + 1];
  if (inst.flags.length > 0 || inst.json || sources.length === 0 || next?.name !== 'RUN' || inst.range.start.line !== inst.range.end.line) return [];
  if (!sources.every((s) => MANIFESTS.test(s))) return [];
  if (sources.length > 1 && !dest.endsWith('/')) return [];
  // Removing the COPY is safe only when a later COPY of the whole context brings the files anyway.
  const later = stage.instructions.slice(index + 2).some((i) => i.name === 'COPY' && !i.flags.some((f) => f.name === 'from') && i.words.slice(0, -1).some((w) => w.text === '.' || w.text === './') && i.words[i.words.length - 1]?.text === dest);
  if (!later) return [];
  const mounts = sources.map((s) => `type=bind,source=${s},target=${dest.endsWith('/') ? dest + s : dest}`);
  return [
    hint('berth/bind-mount', inst.range, `${sources.join(', ')} ${sources.length > 1 ? 'are' : 'is'} only needed by the next RUN (the later COPY brings ${sources.length > 1 ? 'them' : 'it'} anyway): bind-mount instead of copying, one layer less.`, {
      title: 'Bind-mount the manifests into the next RUN',
      edits: [deleteLines(inst.range.start.line, inst.range.end.line), addMounts(next, mounts)],
    }),
  ];
}
