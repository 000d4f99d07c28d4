/**
 * Go to definition in compose files: from a reference (a service in `depends_on`, a network,
 * volume, secret or config a service uses, `extends`) to where it is declared — in this file, the
 * default file beside an override file, an included file, or the file `extends.file` names.
 * Pure: no vscode import.
 */
import type { Position } from '../findings';
import { child, declared, parseCompose, rangeContains, scalarText } from './composeDocument';
import { resolvePath, services, type ComposeContext, type Declaration } from './composeContext';
import { serviceReferences } from './referenceRules';

export function definitionAt(ctx: ComposeContext, at: Position): Declaration | undefined {
  for (const s of services(ctx)) {
    const ext = s.get('extends');
    const file = ext?.kind === 'map' ? scalarText(child(ext, 'file')) : undefined;
    const service = ext?.kind === 'map' ? child(ext, 'service') : undefined;
    if (file !== undefined && service && rangeContains(service.range, at)) return extendedService(ctx, file, scalarText(service) ?? '');
  }
  const ref = serviceReferences(ctx).find((r) => rangeContains(r.node.range, at));
  return ref && ctx.declarations[ref.section].get(ref.name);
}

/** `extends: {file, service}`: the service in that file. */
function extendedService(ctx: ComposeContext, file: string, name: string): Declaration | undefined {
  const target = resolvePath(file, ctx.dir, ctx.host);
  const read = target ? ctx.host.readFile(target) : undefined;
  if (!target || !read?.ok) return undefined;
  const entry = declared(parseCompose(read.text), 'services').find((e) => e.key === name);
  return entry && { file: target, range: entry.keyRange };
}
