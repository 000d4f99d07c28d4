/**
 * Published ports: two services (or two entries) that publish the same host port on the same
 * interface and protocol cannot both start. Pure: no vscode import.
 */
import type { Finding } from '../findings';
import { child, listItems, scalarText, type ComposeNode } from './composeDocument';
import { berthFinding, services, type ComposeContext } from './composeContext';
import { hasInterpolation } from './text';

/** A host port binding a port entry asks for. */
export interface HostBinding {
  hostIp: string;
  first: number;
  last: number;
  protocol: string;
}

/** Parses one `ports:` entry (short or long syntax); undefined when it publishes no fixed host port. */
export function hostBinding(item: ComposeNode): HostBinding | undefined {
  if (item.kind === 'map') {
    const published = scalarText(child(item, 'published'));
    const range = published === undefined ? undefined : portRange(published);
    if (!range) return undefined;
    return { hostIp: scalarText(child(item, 'host_ip')) ?? '', ...range, protocol: scalarText(child(item, 'protocol')) ?? 'tcp' };
  }
  if (item.kind !== 'scalar' || typeof item.value !== 'string' || hasInterpolation(item.value)) return undefined;
  const [spec = '', protocol = 'tcp'] = item.value.split('/');
  // `[::1]:8080:80`, `127.0.0.1:8080:80`, `8080:80`, `80` — the host IP may be IPv6 in brackets.
  const m = /^(?:(\[[^\]]*\]|[^:]*):)?([^:]*):([^:]+)$/.exec(spec);
  if (!m || m[2] === undefined || m[2] === '') return undefined;
  const range = portRange(m[2]);
  if (!range) return undefined;
  return { hostIp: (m[1] ?? '').replace(/^\[|\]$/g, ''), ...range, protocol };
}

function portRange(text: string): { first: number; last: number } | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const first = Number(m[1]);
  return { first, last: m[2] === undefined ? first : Number(m[2]) };
}

const WILDCARD = new Set(['', '0.0.0.0', '::']);

function clash(a: HostBinding, b: HostBinding): boolean {
  if (a.protocol !== b.protocol || a.last < b.first || b.last < a.first) return false;
  return a.hostIp === b.hostIp || WILDCARD.has(a.hostIp) || WILDCARD.has(b.hostIp);
}

export function checkPorts(ctx: ComposeContext): Finding[] {
  const seen: { service: string; binding: HostBinding; node: ComposeNode; profiles: string[] }[] = [];
  const out: Finding[] = [];
  for (const s of services(ctx)) {
    const profiles = listItems(s.get('profiles')).map((p) => scalarText(p) ?? '');
    for (const item of listItems(s.get('ports'))) {
      const binding = hostBinding(item);
      if (!binding) continue;
      // Services in profiles that are never active together do not compete for the port.
      const earlier = seen.find((o) => clash(o.binding, binding) && (o.profiles.length === 0 || profiles.length === 0 || o.profiles.some((p) => profiles.includes(p))));
      if (earlier) {
        const port = binding.first === binding.last ? `${binding.first}` : `${binding.first}-${binding.last}`;
        const iface = binding.hostIp === '' ? 'all interfaces' : binding.hostIp;
        const by = earlier.service === s.name ? 'another entry of this service' : `service \`${earlier.service}\``;
        out.push(
          berthFinding(item.range, 'error', 'compose/duplicate-host-port', `Host port ${port}/${binding.protocol} on ${iface} is already published by ${by} (line ${earlier.node.range.start.line + 1}); only one can bind it.`),
        );
      }
      seen.push({ service: s.name, binding, node: item, profiles });
    }
  }
  return out;
}
