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

/**
 * Marks each dependency edge that lies on a cycle (Tarjan's strongly connected components, without
 * recursion). Each component's cycle is printed once, on its first edge, and at most MAX_SHOWN
 * names long; its other edges point there. Linear in the edges.
 */
function dependencyCycles(edges: Reference[]): Finding[] {
  const graph = new Map<string, Reference[]>();
  for (const e of edges) {
    const out = graph.get(e.service);
    if (out) out.push(e);
    else graph.set(e.service, [e]);
  }
  const component = components(graph);
  const out: Finding[] = [];
  const shown = new Map<number, string>();
  for (const e of edges) {
    const c = component.get(e.service);
    if (c === undefined || c !== component.get(e.name)) continue;
    const first = shown.get(c);
    if (first === undefined) {
      shown.set(c, e.service);
      out.push(berthFinding(e.node.range, 'error', 'compose/dependency-cycle', `${describeCycle(cyclePath(graph, e, component))} Compose cannot decide which service to start first.`));
    } else {
      out.push(berthFinding(e.node.range, 'error', 'compose/dependency-cycle', `\`${e.service}\` → \`${e.name}\` is on the dependency cycle reported at service \`${first}\`: Compose cannot decide which service to start first.`));
    }
  }
  return out;
}

/** Tarjan's algorithm with an explicit stack: a chain of any length is fine. Component number per service. */
function components(graph: Map<string, Reference[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;
  const enter = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
  };
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    enter(root);
    const work: { v: string; next: number }[] = [{ v: root, next: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const out = graph.get(frame.v) ?? [];
      if (frame.next < out.length) {
        const w = out[frame.next++]!.name;
        if (!index.has(w)) {
          enter(w);
          work.push({ v: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.v, Math.min(low.get(frame.v)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      const v = frame.v;
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(v)!));
      if (low.get(v) === index.get(v)) {
        for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
          onStack.delete(w);
          component.set(w, components);
        }
        components++;
      }
    }
  }
  return component;
}

/** The shortest way back from the edge's target to its source, inside their component (a breadth-first search). */
function cyclePath(graph: Map<string, Reference[]>, edge: Reference, component: Map<string, number>): string[] {
  const c = component.get(edge.service);
  const previous = new Map<string, string>([[edge.name, '']]);
  const queue = [edge.name];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    if (v === edge.service) break;
    for (const e of graph.get(v) ?? []) {
      if (component.get(e.name) !== c || previous.has(e.name)) continue;
      previous.set(e.name, v);
      queue.push(e.name);
    }
  }
  const back: string[] = [];
  for (let v: string | undefined = edge.service; v; v = previous.get(v)) back.push(v);
  return [edge.service, ...back.reverse()];
}

/** Names shown of a long cycle: its start and its end. */
const MAX_SHOWN = 10;

function describeCycle(path: string[]): string {
  const names = path.map((p) => `\`${p}\``);
  const services = path.length - 1;
  if (names.length <= MAX_SHOWN + 1) return `Dependency cycle: ${names.join(' → ')}.`;
  const head = names.slice(0, MAX_SHOWN - 2);
  const tail = names.slice(-3);
  return `Dependency cycle of ${services} services: ${head.join(' → ')} → … → ${tail.join(' → ')}.`;
}
