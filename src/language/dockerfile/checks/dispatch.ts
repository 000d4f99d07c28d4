/**
 * The checks BuildKit runs while it dispatches a stage's instructions in order: JSONArgsRecommended,
 * MultipleInstructionsDisallowed, WorkdirRelativePath and UndefinedVar. A stage built on another
 * stage inherits its SHELL, WORKDIR and ENV. Pure.
 */
import type { Instruction } from '../ast';
import { argDefinitions, envPairs, PREDEFINED_ARGS, stageChain, type Stage } from '../model';
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
  env: Set<string>;
}

/**
 * Sets `state` to what the stage starts from: its base stage's, after that stage's own
 * instructions. Returns whether the whole chain is known (it starts from scratch).
 */
function startState(stage: Stage, state: StageState): boolean {
  state.shell = false;
  state.workdir = false;
  if (state.env.size > 0) state.env.clear(); // clear() makes a new table even when empty
  if (!stage.base) return stage.baseName === 'scratch';
  const chain = stageChain(stage);
  for (let i = 0; i < chain.length - 1; i++) {
    for (const inst of (chain[i] as Stage).instructions) {
      if (inst.name === 'SHELL') state.shell = true;
      if (inst.name === 'WORKDIR') state.workdir = true;
      if (inst.name === 'ENV') for (const p of envPairs(inst)) state.env.add(p.key);
    }
  }
  const root = chain[0] as Stage;
  return root.baseName === 'scratch' || root.base !== undefined;
}

const USED_ONCE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);
/** For a WORKDIR without variables: quotes and escapes still count. */
const NOTHING_SET = (): string => '';

export const dispatchChecks: Check = (ctx) => {
  // One state for every stage, reset at each FROM: a file has many stages, each with few names.
  const state: StageState = { shell: false, workdir: false, env: new Set() };
  const args = new Set<string>();
  const lastOf = new Map<string, Instruction>();
  for (const stage of ctx.model.stages) {
    const knownBase = startState(stage, state);
    if (args.size > 0) args.clear();
    if (lastOf.size > 0) lastOf.clear();
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
      if (inst.name === 'ENV') for (const p of envPairs(inst)) state.env.add(p.key);
    }
  }
};

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
      const suggestion = closest(name, [...args, ...state.env]);
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
