/**
 * A service needs something to run: an `image`, a `build` or a `provider`. Compose refuses a
 * project where one has none (compose-go checks it after merging the files and applying
 * `extends`), so the project is judged merged, and a fragment is never judged alone.
 * Pure: no vscode import.
 */
import type { Finding } from '../findings';
import type { FileRead } from '../safeRead';
import { berthFinding, services, type ComposeContext } from './composeContext';
import { mergeProject } from './merge';
import { isMap } from './mergeRules';

const RUNNABLE = ['image', 'build', 'provider'];

export function checkRunnable(ctx: ComposeContext): Finding[] {
  if (ctx.place.fragment) return [];
  // Most services say it themselves: merge the project only for those that do not.
  const lacking = services(ctx).filter((s) => s.node.kind === 'map' && !RUNNABLE.some((key) => s.get(key)));
  if (lacking.length === 0) return [];
  // The file as it is in the editor, the other files as they are on disk.
  const host = { ...ctx.host, readFile: (p: string): FileRead => (p === ctx.file ? { ok: true, text: ctx.doc.text } : ctx.host.readFile(p)) };
  const merged = mergeProject(ctx.place.files, host);
  const mergedServices = isMap(merged.model['services']) ? merged.model['services'] : {};
  const out: Finding[] = [];
  for (const s of lacking) {
    const service = mergedServices[s.name];
    if (!isMap(service) || RUNNABLE.some((key) => service[key] !== undefined)) continue;
    // An `extends` Berth could not follow may bring the image: say nothing rather than guess.
    if (s.get('extends') && merged.problems.length > 0) continue;
    out.push(
      berthFinding(s.entry.keyRange, 'error', 'compose/no-image', `Service \`${s.name}\` has neither \`image\`, \`build\` nor \`provider\`: Compose refuses to run it. Add an \`image:\` or a \`build:\`.`),
    );
  }
  return out;
}
