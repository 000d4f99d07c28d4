/** ConsistentInstructionCasing, FromAsCasing, StageNameCasing. Pure. */
import type { Check } from './context';

/** Regular expressions live at module level: a literal in a function makes a new object per call. */
const HAS_UPPER = /[A-Z]/;

const selfConsistent = (s: string): boolean => s === s.toLowerCase() || s === s.toUpperCase();

/** `name` is the keyword in upper case: a keyword equal to it with a letter A-Z is upper case, with no new string. */
function casing(keyword: string, name: string): 'lower' | 'upper' | 'mixed' {
  if (keyword === name && HAS_UPPER.test(keyword)) return 'upper';
  if (keyword === keyword.toLowerCase()) return 'lower';
  return keyword === keyword.toUpperCase() ? 'upper' : 'mixed';
}

export const consistentInstructionCasing: Check = (ctx) => {
  let lower = 0;
  let upper = 0;
  for (const inst of ctx.df.instructions) {
    const c = casing(inst.keyword, inst.name);
    if (c === 'lower') lower++;
    else if (c === 'upper') upper++;
  }
  const majorityLower = lower > upper;
  for (const inst of ctx.df.instructions) {
    if (!majorityLower && inst.keyword === inst.name) continue;
    const want = majorityLower ? inst.keyword.toLowerCase() : inst.keyword.toUpperCase();
    if (inst.keyword === want) continue;
    ctx.report('ConsistentInstructionCasing', inst, `Command '${inst.keyword}' should match the case of the command majority (${majorityLower ? 'lowercase' : 'uppercase'})`, {
      range: inst.keywordRange,
      fixes: [{ title: `Write ${want}`, edits: [{ range: inst.keywordRange, newText: want }], preferred: true }],
    });
  }
};

export const fromAsCasing: Check = (ctx) => {
  for (const stage of ctx.model.stages) {
    const kw = stage.from.keyword;
    const as = stage.asWord;
    if (!as || !selfConsistent(kw)) continue;
    const want = kw === kw.toLowerCase() ? as.text.toLowerCase() : as.text.toUpperCase();
    if (as.text === want) continue;
    ctx.report('FromAsCasing', stage.from, `'${as.text}' and '${kw}' keywords' casing do not match`, {
      range: as.range,
      fixes: [{ title: `Write ${want}`, edits: [{ range: as.range, newText: want }], preferred: true }],
    });
  }
};

export const stageNameCasing: Check = (ctx) => {
  for (const stage of ctx.model.stages) {
    const w = stage.nameWord;
    if (!w || w.text === w.text.toLowerCase()) continue;
    ctx.report('StageNameCasing', stage.from, `Stage name '${w.text}' should be lowercase`, { range: w.range });
  }
};
