/**
 * Stages and build arguments of a parsed Dockerfile: what FROM names, which stage builds on which,
 * the global ARGs, and BuildKit's predefined arguments. Pure.
 */
import type { Dockerfile, Flag, Instruction, Word } from './ast';
import { list } from './list';
import { InstructionMemo } from './memo';
import { expandWord, type Env } from './shellWord';

/** BuildKit's automatic platform arguments, with the values a linux/amd64 build gives them. */
export const PLATFORM_ARGS: ReadonlyMap<string, string> = new Map([
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
]);

/** Predefined arguments usable without an ARG line (proxies, reproducibility, BuildKit settings). */
export const PREDEFINED_ARGS: readonly string[] = [
  ...PLATFORM_ARGS.keys(),
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
  'SOURCE_DATE_EPOCH', 'BUILDKIT_CONTEXT_KEEP_GIT_DIR', 'BUILDKIT_INLINE_CACHE', 'BUILDKIT_MULTI_PLATFORM', 'BUILDKIT_SANDBOX_HOSTNAME', 'BUILDKIT_SYNTAX',
];

export interface ArgDefinition {
  key: string;
  /** Raw default value (quotes kept), or undefined for `ARG name`. */
  value: string | undefined;
  word: Word;
  instruction: Instruction;
}

export interface Stage {
  index: number;
  from: Instruction;
  /** Lowercased, as BuildKit stores it; undefined for an unnamed stage. */
  name: string | undefined;
  nameWord: Word | undefined;
  asWord: Word | undefined;
  baseWord: Word | undefined;
  platform: Flag | undefined;
  /** The instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
  /** The earlier stage this one builds on, when its base names one. */
  base: Stage | undefined;
  /** The base name after expanding global ARGs with their defaults. */
  baseName: string;
}

export interface DockerfileModel {
  stages: Stage[];
  /** ARGs before the first FROM. */
  globalArgs: ArgDefinition[];
  /** Global ARG defaults plus BuildKit's platform args: what FROM lines expand with. */
  fromEnv: Env;
  /** What the rules derive from an instruction more than once, kept for this analysis. */
  memo: InstructionMemo;
}

/** The key/value pairs of an ARG line (`ARG a b=c`). */
export function argDefinitions(inst: Instruction): ArgDefinition[] {
  return inst.words.map((word) => {
    const eq = word.text.indexOf('=');
    return { key: eq < 0 ? word.text : word.text.slice(0, eq), value: eq < 0 ? undefined : word.text.slice(eq + 1), word, instruction: inst };
  });
}

export interface Pair {
  key: string;
  keyWord: Word | undefined;
  value: string;
  legacy: boolean;
}

/** ENV/LABEL pairs; `legacy` for the `KEY value` form. */
export function envPairs(inst: Instruction): Pair[] {
  const first = inst.words[0];
  if (!first) return [];
  if (!first.text.includes('=')) {
    const m = /[\t\v\f\r ]+/.exec(inst.argsText);
    return [{ key: first.text, keyWord: first, value: m ? inst.argsText.slice(m.index + m[0].length) : '', legacy: true }];
  }
  return inst.words.map((w) => {
    const eq = w.text.indexOf('=');
    return { key: w.text.slice(0, Math.max(eq, 0)), keyWord: w, value: w.text.slice(eq + 1), legacy: false };
  });
}

/** A raw ARG/ENV value without its quotes (the shell lexer's reading of it). */
export function unquote(value: string, env: Env = () => undefined, escape = '\\'): string {
  return expandWord(value, env, escape).result;
}

export function buildModel(df: Dockerfile): DockerfileModel {
  const globalArgs: ArgDefinition[] = [];
  const stages: Stage[] = [];
  const globals = new Map<string, string>(PLATFORM_ARGS);
  const fromEnv: Env = (name) => globals.get(name);
  // The first stage of each name: a base names the earliest such stage, as BuildKit resolves it.
  const byName = new Map<string, Stage>();
  for (const inst of df.instructions) {
    if (inst.name === 'FROM') {
      const stage = stageOf(inst, stages.length, byName, fromEnv, df.escapeChar);
      stages.push(stage);
      if (stage.name !== undefined && !byName.has(stage.name)) byName.set(stage.name, stage);
    } else if (stages.length === 0) {
      if (inst.name === 'ARG') {
        for (const def of argDefinitions(inst)) {
          globalArgs.push(def);
          if (def.value !== undefined) globals.set(def.key, unquote(def.value, fromEnv, df.escapeChar));
        }
      }
    } else {
      stages[stages.length - 1]?.instructions.push(inst);
    }
  }
  return { stages, globalArgs, fromEnv, memo: new InstructionMemo() };
}

/** A class, not a literal: see list.ts on V8's allocation sites. */
class ModelStage implements Stage {
  readonly instructions = list<Instruction>();
  constructor(
    readonly index: number,
    readonly from: Instruction,
    readonly name: string | undefined,
    readonly nameWord: Word | undefined,
    readonly asWord: Word | undefined,
    readonly baseWord: Word | undefined,
    readonly platform: Flag | undefined,
    readonly base: Stage | undefined,
    readonly baseName: string,
  ) {}
}

function stageOf(from: Instruction, index: number, earlier: ReadonlyMap<string, Stage>, env: Env, escape: string): Stage {
  const words = from.words;
  const baseWord = words[0];
  const asWord = words[1];
  const nameWord = words[2];
  const named = words.length === 3 && asWord !== undefined && asWord.text.toLowerCase() === 'as';
  const baseName = baseWord ? expandWord(baseWord.text, env, escape).result : '';
  const platform = from.flags.find((f) => f.name === 'platform');
  const name = named ? nameWord?.text.toLowerCase() : undefined;
  return new ModelStage(index, from, name, named ? nameWord : undefined, named ? asWord : undefined, baseWord, platform, earlier.get(baseName.toLowerCase()), baseName);
}

/** The stage chain from the root image down to `stage` (a base is always an earlier stage, so the walk ends). */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.base) chain.push(s);
  return chain.reverse();
}
