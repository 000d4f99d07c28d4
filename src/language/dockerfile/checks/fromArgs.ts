/**
 * The FROM line's use of build arguments: UndefinedArgInFrom, InvalidDefaultArgInFrom,
 * RedundantTargetPlatform, FromPlatformFlagConstDisallowed. FROM lines expand with the global
 * ARGs (and BuildKit's platform args) only. Pure.
 */
import { isValidImageReference } from '../imageRef';
import { PLATFORM_ARGS } from '../model';
import { expandWord } from '../shellWord';
import { closest } from '../suggest';
import type { Check, CheckContext } from './context';
import type { Stage } from '../model';

export const fromArgs: Check = (ctx) => {
  const declared = new Set<string>([...PLATFORM_ARGS.keys(), ...ctx.model.globalArgs.map((a) => a.key)]);
  for (const stage of ctx.model.stages) {
    if (stage.baseWord) {
      const ex = expandWord(stage.baseWord.text, ctx.model.fromEnv, ctx.df.escapeChar);
      undefinedArgs(ctx, stage, ex.unmatched, declared);
      if ((ex.matched.size > 0 || ex.unmatched.size > 0) && !stage.base && !isValidImageReference(ex.result)) {
        ctx.report('InvalidDefaultArgInFrom', stage.from, `Default value for ARG ${stage.baseWord.text} results in empty or invalid base image name`, { range: stage.baseWord.range });
      }
    }
    const platform = stage.platform;
    if (platform?.value !== undefined) {
      const ex = expandWord(platform.value, ctx.model.fromEnv, ctx.df.escapeChar);
      undefinedArgs(ctx, stage, ex.unmatched, declared);
      if (ex.matched.size === 1 && ex.unmatched.size === 0 && ex.matched.has('TARGETPLATFORM') && ex.result === PLATFORM_ARGS.get('TARGETPLATFORM')) {
        ctx.report('RedundantTargetPlatform', stage.from, `Setting platform to predefined ${platform.value} in FROM is redundant as this is the default behavior`, {
          range: platform.range,
          fixes: [{ title: 'Remove --platform', edits: [{ range: widenToSpace(ctx, platform.range), newText: '' }], preferred: true }],
        });
      }
      if (ex.matched.size === 0 && ex.unmatched.size === 0 && isPlatform(ex.result)) {
        const [os = '', arch = ''] = ex.result.split('/');
        const name = stage.name ?? '';
        if (!(name.includes(os) || (arch !== '' && name.includes(arch)))) {
          ctx.report('FromPlatformFlagConstDisallowed', stage.from, `FROM --platform flag should not use constant value "${ex.result}"`, { range: platform.range });
        }
      }
    }
  }
};

function undefinedArgs(ctx: CheckContext, stage: Stage, unmatched: ReadonlySet<string>, declared: ReadonlySet<string>): void {
  for (const name of unmatched) {
    if (declared.has(name)) continue;
    const suggestion = closest(name, declared);
    ctx.report('UndefinedArgInFrom', stage.from, `FROM argument '${name}' is not declared${suggestion ? ` (did you mean ${suggestion}?)` : ''}`, {
      range: stage.from.keywordRange,
    });
  }
}

const OS = /^(linux|windows|darwin|freebsd|netbsd|openbsd|solaris|illumos|aix|android|ios|js|wasip1|plan9|dragonfly)$/;

function isPlatform(s: string): boolean {
  const parts = s.split('/');
  return parts.length >= 1 && parts.length <= 3 && OS.test(parts[0] ?? '') && parts.every((p) => /^[a-z0-9_.-]+$/i.test(p));
}

/** The flag's range plus the space after it, so removing it leaves one space. */
function widenToSpace(ctx: CheckContext, r: { start: { line: number; character: number }; end: { line: number; character: number } }) {
  const line = ctx.df.lines[r.end.line] ?? '';
  let end = r.end.character;
  while (line[end] === ' ' || line[end] === '\t') end++;
  return { start: r.start, end: { line: r.end.line, character: end } };
}
