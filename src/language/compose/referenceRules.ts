/**
 * References between parts of a compose project: services a service depends on or shares a
 * namespace with, and the networks, volumes, secrets and configs it uses — each must be declared;
 * and the dependencies must not form a cycle. Pure: no vscode import.
 */
import type { Finding } from '../findings';
import { child, entriesOf, listItems, scalarText, SECTION_NOUN, type ComposeDocument, type ComposeNode, type TopSection } from './composeDocument';
import { berthFinding, services, type ComposeContext, type ServiceView } from './composeContext';
import { closest, hasInterpolation } from './text';

/** One place where a service names something else. */
export interface Reference {
  service: string;
  section: TopSection;
  name: string;
  node: ComposeNode;
  /** Counts as a start-up dependency (depends_on, links, volumes_from, `service:` namespaces). */
  dependency: boolean;
}

/** Every reference each service makes, with the node that names it. */
export function serviceReferences(ctx: { doc: ComposeDocument }): Reference[] {
  const out: Reference[] = [];
  for (const s of services(ctx)) collect(s, out);
  return out.filter((r) => r.name !== '' && !hasInterpolation(r.name));
}

function collect(s: ServiceView, out: Reference[]): void {
  const ref = (section: TopSection, name: string | undefined, node: ComposeNode, dependency = false): void => {
    if (name !== undefined) out.push({ service: s.name, section, name, node, dependency });
  };
  const dependsOn = s.get('depends_on');
  if (dependsOn?.kind === 'map') {
    for (const e of entriesOf(dependsOn)) {
      if (scalarText(child(e.value, 'required')) === 'false') continue; // an optional dependency may be absent
      ref('services', e.key, { ...e.value, range: e.keyRange }, true);
    }
  } else {
    for (const item of listItems(dependsOn)) ref('services', scalarText(item), item, true);
  }
  for (const item of listItems(s.get('links'))) ref('services', scalarText(item)?.split(':')[0], item, true);
  for (const item of listItems(s.get('volumes_from'))) {
    const v = scalarText(item);
    if (v && !v.startsWith('container:')) ref('services', v.split(':')[0], item, true);
  }
  for (const key of ['network_mode', 'ipc', 'pid']) {
    const node = s.get(key);
    const v = scalarText(node);
    if (node && v?.startsWith('service:')) ref('services', v.slice('service:'.length), node, true);
  }
  const ext = s.get('extends');
  if (ext?.kind === 'map' && !child(ext, 'file')) {
    const svc = child(ext, 'service');
    if (svc) ref('services', scalarText(svc), svc);
  } else if (ext?.kind === 'scalar') {
    ref('services', scalarText(ext), ext);
  }
  const networks = s.get('networks');
  if (networks?.kind === 'map') for (const e of entriesOf(networks)) ref('networks', e.key, { ...e.value, range: e.keyRange });
  else for (const item of listItems(networks)) ref('networks', scalarText(item), item);
  for (const item of listItems(s.get('volumes'))) {
    const name = namedVolume(item);
    if (name) ref('volumes', name, item);
  }
  for (const section of ['secrets', 'configs'] as const) {
    for (const item of listItems(s.get(section))) {
      const source = item.kind === 'map' ? child(item, 'source') : item;
      ref(section, scalarText(source), source ?? item);
    }
  }
}

/** The named volume a service volume entry mounts, if it is one (not a bind mount or anonymous volume). */
export function namedVolume(item: ComposeNode): string | undefined {
  if (item.kind === 'map') {
    const type = scalarText(child(item, 'type'));
    return type === 'volume' ? scalarText(child(item, 'source')) : undefined;
  }
  const v = scalarText(item);
  if (v === undefined || !v.includes(':')) return undefined; // `/data` alone is an anonymous volume
  const source = v.split(':')[0]!;
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(source) && !/^[A-Za-z]$/.test(source) ? source : undefined;
}

export function checkReferences(ctx: ComposeContext): Finding[] {
  const refs = serviceReferences(ctx);
  const out: Finding[] = [];
  for (const r of refs) {
    if (ctx.names[r.section].has(r.name) || (r.section === 'networks' && r.name === 'default')) continue;
    const known = [...ctx.names[r.section]];
    const suggestion = closest(r.name, known);
    const where = r.section === 'services' ? '' : ` under the top-level \`${r.section}:\``;
    out.push(
      berthFinding(
        r.node.range,
        'error',
        `compose/undefined-${SECTION_NOUN[r.section]}`,
        `Service \`${r.service}\` refers to ${SECTION_NOUN[r.section]} \`${r.name}\`, which is not declared${where}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
      ),
    );
  }
  return out.concat(dependencyCycles(refs.filter((r) => r.dependency && ctx.names.services.has(r.name))));
}

/** Reports each dependency edge that lies on a cycle (Tarjan's strongly connected components). */
function dependencyCycles(edges: Reference[]): Finding[] {
  const graph = new Map<string, Reference[]>();
  for (const e of edges) graph.set(e.service, [...(graph.get(e.service) ?? []), e]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const e of graph.get(v) ?? []) {
      if (!index.has(e.name)) {
        visit(e.name);
        low.set(v, Math.min(low.get(v)!, low.get(e.name)!));
      } else if (onStack.has(e.name)) {
        low.set(v, Math.min(low.get(v)!, index.get(e.name)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
        onStack.delete(w);
        component.set(w, components);
      }
      components++;
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  const out: Finding[] = [];
  for (const e of edges) {
    if (component.get(e.service) !== component.get(e.name)) continue;
    const path = cyclePath(graph, e, component);
    out.push(berthFinding(e.node.range, 'error', 'compose/dependency-cycle', `Dependency cycle: ${path.map((p) => `\`${p}\``).join(' → ')}. Compose cannot decide which service to start first.`));
  }
  return out;
}

/** The shortest way back from the edge's target to its source, inside their component. */
function cyclePath(graph: Map<string, Reference[]>, edge: Reference, component: Map<string, number>): string[] {
  const c = component.get(edge.service);
  const previous = new Map<string, string>([[edge.name, '']]);
  const queue = [edge.name];
  while (queue.length > 0) {
    const v = queue.shift()!;
    if (v === edge.service) break;
    for (const e of graph.get(v) ?? []) {
      if (component.get(e.name) !== c || previous.has(e.name)) continue;
      previous.set(e.name, v);
      queue.push(e.name);
    }
  }
  const back: string[] = [];
  for (let v: string | undefined = edge.service; v; v = previous.get(v)) back.unshift(v);
  return [edge.service, ...back];
}
