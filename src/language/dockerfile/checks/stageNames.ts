/** DuplicateStageName, ReservedStageName. Pure. */
import type { Check } from './context';

const RESERVED = new Set(['context', 'scratch']);

export const duplicateStageName: Check = (ctx) => {
  const seen = new Set<string>();
  for (const stage of ctx.model.stages) {
    if (!stage.name) continue;
    if (seen.has(stage.name)) ctx.report('DuplicateStageName', stage.from, `Duplicate stage name "${stage.name}", stage names should be unique`, { range: stage.nameWord?.range });
    seen.add(stage.name);
  }
};

export const reservedStageName: Check = (ctx) => {
  for (const stage of ctx.model.stages) {
    if (stage.name && RESERVED.has(stage.name)) {
      ctx.report('ReservedStageName', stage.from, `Stage name should not use the same name as reserved stage "${stage.name}"`, { range: stage.nameWord?.range });
    }
  }
};
