/**
 * Checks that look at one instruction: MaintainerDeprecated, LegacyKeyValueFormat,
 * NoEmptyContinuation, SecretsUsedInArgOrEnv, InvalidDefinitionDescription. Pure.
 */
import { range } from '../../findings';
import type { Instruction, Word } from '../ast';
import { argDefinitions, envPairs } from '../model';
import type { Check, CheckContext } from './context';

export const maintainerDeprecated: Check = (ctx) => {
  for (const inst of ctx.withTriggers) {
    if (inst.name !== 'MAINTAINER') continue;
    const value = inst.argsText.replace(/"/g, '\\"');
    ctx.report('MaintainerDeprecated', inst, 'Maintainer instruction is deprecated in favor of using label', {
      range: inst.keywordRange,
      fixes: [{ title: 'Use LABEL org.opencontainers.image.authors', edits: [{ range: { start: inst.keywordRange.start, end: inst.argsRange.end }, newText: `LABEL org.opencontainers.image.authors="${value}"` }], preferred: true }],
    });
  }
};

export const legacyKeyValueFormat: Check = (ctx) => {
  for (const inst of ctx.withTriggers) {
    if (inst.name !== 'ENV' && inst.name !== 'LABEL') continue;
    const [pair] = envPairs(inst);
    if (!pair?.legacy || inst.words.length < 2) continue;
    const needsQuotes = /\s/.test(pair.value) && !/^(["']).*\1$/.test(pair.value);
    const value = needsQuotes ? `"${pair.value.replace(/(["\\])/g, '\\$1')}"` : pair.value;
    const fixes = inst.argsRange.start.line === inst.argsRange.end.line ? [{ title: `Write ${pair.key}=…`, edits: [{ range: inst.argsRange, newText: `${pair.key}=${value}` }], preferred: true }] : [];
    ctx.report('LegacyKeyValueFormat', inst, `"${inst.name} key=value" should be used instead of legacy "${inst.name} key value" format`, { range: inst.argsRange, fixes });
  }
};

export const noEmptyContinuation: Check = (ctx) => {
  for (const inst of ctx.df.instructions) {
    const line = inst.emptyContinuationLine;
    if (line === undefined) continue;
    ctx.report('NoEmptyContinuation', inst, 'Empty continuation line', { range: range(line, 0, line, (ctx.df.lines[line] ?? '').length), exact: true });
  }
};

const SECRET = /(?:^|_)(?:apikey|auth|credential|credentials|key|password|pword|passwd|passphrase|secret|token)$/i;
const ALLOWED = /(?:^|_)public(?:_|$)/i;

export function looksSecret(name: string): boolean {
  return SECRET.test(name) && !ALLOWED.test(name);
}

export const secretsUsedInArgOrEnv: Check = (ctx) => {
  for (const inst of ctx.withTriggers) {
    if (inst.name === 'ARG') {
      for (const d of argDefinitions(inst)) if (looksSecret(d.key)) reportSecret(ctx, inst, d.key, d.word);
    } else if (inst.name === 'ENV') {
      for (const p of envPairs(inst)) if (looksSecret(p.key)) reportSecret(ctx, inst, p.key, p.keyWord);
    }
  }
};

function reportSecret(ctx: CheckContext, inst: Instruction, key: string, word: Word | undefined): void {
  ctx.report('SecretsUsedInArgOrEnv', inst, `Do not use ARG or ENV instructions for sensitive data (${inst.name} "${key}")`, { range: word?.range });
}

export const invalidDefinitionDescription: Check = (ctx) => {
  for (const inst of ctx.df.instructions) {
    if (inst.comments.length === 0) continue;
    const descriptions = inst.comments.filter((c) => !/^check\s*=/.test(c));
    const last = descriptions[descriptions.length - 1];
    if (last === undefined) continue;
    let keys: string[] = [];
    if (inst.name === 'ARG') keys = argDefinitions(inst).map((d) => d.key);
    else if (inst.name === 'FROM' && inst.words.length === 3 && inst.words[1]?.text.toLowerCase() === 'as') keys = [(inst.words[2]?.text ?? '').toLowerCase()];
    if (keys.length === 0 || keys.includes(last.split(' ')[0] ?? '')) continue;
    const example = keys.length > 1 ? '<arg_key>' : keys[0];
    ctx.report('InvalidDefinitionDescription', inst, `Comment for ${inst.name} should follow the format: \`# ${example} <description>\``);
  }
};
