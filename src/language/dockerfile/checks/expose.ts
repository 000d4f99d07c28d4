/** ExposeInvalidFormat, ExposeProtoCasing. Pure. */
import type { Check } from './context';

export const expose: Check = (ctx) => {
  for (const stage of ctx.model.stages) {
    for (const inst of stage.instructions) {
      if (inst.name !== 'EXPOSE') continue;
      for (const w of inst.words) {
        if (w.text.includes(':')) {
          ctx.report('ExposeInvalidFormat', inst, `EXPOSE instruction should not define an IP address or host-port mapping, found '${w.text}'`, { range: w.range });
        }
        const slash = w.text.lastIndexOf('/');
        if (slash >= 0) {
          const proto = w.text.slice(slash + 1);
          if (proto !== proto.toLowerCase()) {
            const at = { line: w.range.start.line, character: w.range.start.character + slash + 1 };
            const r = { start: at, end: w.range.end };
            ctx.report('ExposeProtoCasing', inst, `Defined protocol '${w.text}' in EXPOSE instruction should be lowercase`, {
              range: w.range,
              fixes: [{ title: `Write ${proto.toLowerCase()}`, edits: [{ range: r, newText: proto.toLowerCase() }], preferred: true }],
            });
          }
        }
      }
    }
  }
};
