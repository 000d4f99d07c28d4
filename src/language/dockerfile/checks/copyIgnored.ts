/** CopyIgnoredFile: a COPY/ADD source from the build context that .dockerignore excludes. Pure. */
import { DockerIgnore } from '../dockerignore';
import type { Check } from './context';

const HEREDOC_MARKER = /^\d*<<-?/;
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

export const copyIgnoredFile: Check = (ctx) => {
  if (ctx.dockerignore === undefined) return;
  const ignore = typeof ctx.dockerignore === 'string' ? new DockerIgnore(ctx.dockerignore) : ctx.dockerignore;
  for (const stage of ctx.model.stages) {
    for (const inst of stage.instructions) {
      if ((inst.name !== 'COPY' && inst.name !== 'ADD') || inst.flags.some((f) => f.name === 'from')) continue;
      const sources = (inst.json ?? inst.words.map((w) => w.text)).slice(0, -1);
      for (const src of sources) {
        if (HEREDOC_MARKER.test(src) || URL.test(src) || src.includes('$')) continue;
        const excluded = ignore.excludes(src);
        if (excluded === undefined) return; // the file's budget is spent: berth/dockerignore says so
        if (excluded) ctx.report('CopyIgnoredFile', inst, `Attempting to ${inst.name} file "${src}" that is excluded by .dockerignore`);
      }
    }
  }
};
