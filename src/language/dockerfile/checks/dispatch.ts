/**
 * The checks BuildKit runs while it dispatches a stage's instructions in order: JSONArgsRecommended,
 * MultipleInstructionsDisallowed, WorkdirRelativePath and UndefinedVar. A stage built on another
 * stage inherits its SHELL, WORKDIR and ENV. Pure.
 */
import type { Instruction } from '../ast';
import { argDefinitions, envPairs, PREDEFINED_ARGS, type Stage } from '../model';
import { expandWord } from '../shellWord';
import { closest } from '../suggest';
import type { Check, CheckContext } from './context';
import { expandedWorkdir } from './workdir';

const HEREDOC_MARKER = /^\d*<<-?/;

/** Variables the official base images commonly set; an image's own ENV is not visible offline. */
const COMMON_IMAGE_ENV = new Set([
  'PATH', 'HOME', 'HOSTNAME', 'TERM', 'LANG', 'LC_ALL', 'USER', 'SHELL', 'PWD', 'GOPATH', 'GOROOT', 'GOLANG_VERSION', 'GOTOOLCHAIN',
  'JAVA_HOME', 'JAVA_VERSION', 'NODE_VERSION', 'YARN_VERSION', 'PYTHON_VERSION', 'PYTHON_SHA256', 'PIP_VERSION', 'PG_MAJOR', 'PG_VERSION',
  'PGDATA', 'NGINX_VERSION', 'RUBY_VERSION', 'GEM_HOME', 'BUNDLE_PATH', 'BUNDLE_SILENCE_ROOT_WARNING', 'BUNDLE_APP_CONFIG', 'CARGO_HOME',
  'RUSTUP_HOME', 'RUST_VERSION', 'MAVEN_HOME', 'MAVEN_CONFIG', 'GRADLE_HOME', 'GRADLE_VERSION', 'PHP_INI_DIR', 'PHP_VERSION', 'APACHE_CONFDIR',
  'APACHE_ENVVARS', 'DOTNET_VERSION', 'ASPNET_VERSION', 'ASPNETCORE_URLS', 'DOTNET_RUNNING_IN_CONTAINER', 'GPG_KEY', 'DEBIAN_FRONTEND',
]);

interface StageState {
  shell: boolean;
  workdir: boolean;
  /** ENV names set by the stage and the stages it builds on, counted: a name leaves when its last setter does. */
  env: Map<string, number>;
}

/** Beyond this many ARG and ENV names, UndefinedVar suggests nothing (each suggestion compares with every name). */
const MAX_SUGGESTION_POOL = 1000;

const USED_ONCE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);
/** For a WORKDIR without variables: quotes and escapes still count. */
const NOTHING_SET = (): string => '';

/**
 * Each stage starts from what its base stage ended with. Stages are visited depth first down the
 * tree of bases (an explicit stack, so a chain of any length is fine), adding a stage's ENV names on
 * the way down and taking them off on the way back: every stage is dispatched once, in linear time.
 */
export const dispatchChecks: Check = (ctx) => {
  const stages = ctx.model.stages;
  const children = new Map<Stage, Stage[]>();
  for (const stage of stages) if (stage.base) (children.get(stage.base) ?? children.set(stage.base, []).get(stage.base)!).push(stage);
  // What each stage ends with, for the stages built on it.
  const endShell = new Uint8Array(stages.length);
  const endWorkdir = new Uint8Array(stages.length);
  const known = new Uint8Array(stages.length);
  const state: StageState = { shell: false, workdir: false, env: new Map() };
  // One set of ARGs and one of last instructions for every stage, cleared per stage: stages are dispatched one at a time.
  const args = new Set<string>();
  const lastOf = new Map<string, Instruction>();
  const added: (string[] | undefined)[] = [];
  const stack: { stage: Stage; leaving: boolean }[] = [];
  for (let i = stages.length - 1; i >= 0; i--) if (!(stages[i] as Stage).base) stack.push({ stage: stages[i] as Stage, leaving: false });
  while (stack.length > 0) {
    const { stage, leaving } = stack.pop()!;
    if (leaving) {
      for (const name of added[stage.index] ?? []) {
        const n = state.env.get(name)! - 1;
        if (n === 0) state.env.delete(name);
        else state.env.set(name, n);
      }
      continue;
    }
    const base = stage.base;
    state.shell = base ? endShell[base.index] === 1 : false;
    state.workdir = base ? endWorkdir[base.index] === 1 : false;
    known[stage.index] = base ? known[base.index]! : stage.baseName === 'scratch' ? 1 : 0;
    if (args.size > 0) args.clear(); // clear() makes a new table even when empty
    if (lastOf.size > 0) lastOf.clear();
    added[stage.index] = dispatchStage(ctx, stage, state, args, lastOf, known[stage.index] === 1);
    endShell[stage.index] = state.shell ? 1 : 0;
    endWorkdir[stage.index] = state.workdir ? 1 : 0;
    stack.push({ stage, leaving: true });
    const built = children.get(stage) ?? [];
    for (let i = built.length - 1; i >= 0; i--) stack.push({ stage: built[i] as Stage, leaving: false });
  }
};

/** One stage's instructions in order; returns the ENV names it added to the state. */
function dispatchStage(ctx: CheckContext, stage: Stage, state: StageState, args: Set<string>, lastOf: Map<string, Instruction>, knownBase: boolean): string[] | undefined {
  let added: string[] | undefined;
  for (const inst of stage.instructions) {
    undefinedVars(ctx, inst, state, args, knownBase);
    if (USED_ONCE.has(inst.name)) {
      const prev = lastOf.get(inst.name);
      if (prev) ctx.report('MultipleInstructionsDisallowed', prev, `Multiple ${inst.name} instructions should not be used in the same stage because only the last one will be used`);
      lastOf.set(inst.name, inst);
    }
    if ((inst.name === 'CMD' || inst.name === 'ENTRYPOINT') && !inst.json && inst.argsText !== '' && !state.shell) {
      ctx.report('JSONArgsRecommended', inst, `JSON arguments recommended for ${inst.name} to prevent unintended behavior related to OS signals`, { range: inst.argsRange });
    }
    if (inst.name === 'WORKDIR') {
      if (!state.workdir && inst.argsText !== '') relativeWorkdir(ctx, stage, inst);
      state.workdir = true;
    }
    if (inst.name === 'SHELL') state.shell = true;
    if (inst.name === 'ENV') {
      for (const p of envPairs(inst)) {
        state.env.set(p.key, (state.env.get(p.key) ?? 0) + 1);
        (added ??= []).push(p.key);
      }
    }
  }
  return added;
}

/** BuildKit judges the path after expanding it; a path that needs a value only the build knows is not judged. */
function relativeWorkdir(ctx: CheckContext, stage: Stage, inst: Instruction): void {
  const path = inst.argsText.includes('$') ? expandedWorkdir(ctx.model, stage, inst, ctx.df.escapeChar) : expandWord(inst.argsText, NOTHING_SET, ctx.df.escapeChar).result;
  if (path === undefined || isAbsolute(path)) return;
  ctx.report('WorkdirRelativePath', inst, `Relative workdir "${path}" can have unexpected results if the base image changes`, { range: inst.argsRange });
}

const isAbsolute = (p: string): boolean => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\');

/** Instructions with words BuildKit expands, and ARG, which defines names. */
const EXPANDED = new Set(['ENV', 'LABEL', 'ADD', 'COPY', 'EXPOSE', 'VOLUME', 'USER', 'WORKDIR', 'STOPSIGNAL', 'ARG']);

/** The words BuildKit expands for an instruction (its SupportsSingleWordExpansion). */
function expandedWords(inst: Instruction): string[] {
  switch (inst.name) {
    case 'ENV':
    case 'LABEL':
      return envPairs(inst).flatMap((p) => [p.key, p.value]);
    case 'ADD':
    case 'COPY': {
      const flags = inst.flags.filter((f) => ['chown', 'chmod', 'from'].includes(f.name) && f.value !== undefined).map((f) => f.value as string);
      const paths = inst.json ?? inst.words.filter((w) => !HEREDOC_MARKER.test(w.text)).map((w) => w.text);
      return [...flags, ...paths];
    }
    case 'EXPOSE':
    case 'VOLUME':
      return inst.json ?? inst.words.map((w) => w.text);
    case 'USER':
    case 'WORKDIR':
    case 'STOPSIGNAL':
      return [inst.argsText];
    default:
      return [];
  }
}

/** Whether any word BuildKit expands could hold a `$` (JSON strings may spell it \u0024). */
function mayUseVariables(inst: Instruction): boolean {
  return inst.logical.includes('$') || (inst.json !== undefined && inst.json.some((s) => s.includes('$')));
}

function undefinedVars(ctx: CheckContext, inst: Instruction, state: StageState, args: Set<string>, knownBase: boolean): void {
  if (!EXPANDED.has(inst.name) || (inst.name !== 'ARG' && !mayUseVariables(inst))) return; // most instructions use no variables
  const defined = (name: string): boolean => args.has(name) || state.env.has(name) || PREDEFINED_ARGS.includes(name) || (!knownBase && COMMON_IMAGE_ENV.has(name));
  const words = inst.name === 'ARG' ? [] : expandedWords(inst);
  let reported: Set<string> | undefined; // made on first use: most instructions use no variables
  const check = (word: string): void => {
    if (!word.includes('$')) return; // nothing to expand, so nothing undefined
    for (const name of expandWord(word, (n) => (defined(n) ? '' : undefined), ctx.df.escapeChar).unmatched) {
      reported ??= new Set();
      if (reported.has(name)) continue;
      reported.add(name);
      // A file with thousands of names gets no suggestion rather than a search per use.
      const suggestion = args.size + state.env.size <= MAX_SUGGESTION_POOL ? closest(name, [...args, ...state.env.keys()]) : undefined;
      ctx.report('UndefinedVar', inst, `Usage of undefined variable '$${name}'${suggestion ? ` (did you mean $${suggestion}?)` : ''}`);
    }
  };
  words.forEach(check);
  if (inst.name === 'ARG') {
    for (const def of argDefinitions(inst)) {
      if (def.value !== undefined) check(def.value);
      args.add(def.key);
    }
  }
}
