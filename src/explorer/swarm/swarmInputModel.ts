/** What the swarm dialogs check and offer before anything reaches the engine. Pure. */
import { isIP } from 'node:net';

export interface AdvertiseCandidate {
  address: string;
  interfaceName: string;
}

type Interfaces = NodeJS.Dict<{ address: string; family: string | number; internal: boolean }[]>;

/** This host's addresses other nodes could reach, IPv4 first, loopback last (fine for a one-machine swarm). */
export function advertiseCandidates(interfaces: Interfaces): AdvertiseCandidate[] {
  const all: (AdvertiseCandidate & { rank: number })[] = [];
  for (const [name, addresses] of Object.entries(interfaces)) {
    for (const a of addresses ?? []) {
      const v4 = a.family === 'IPv4' || a.family === 4;
      if (!v4 && /^fe80:/i.test(a.address)) continue; // link-local: not routable between nodes
      all.push({ address: a.address, interfaceName: name, rank: (a.internal ? 2 : 0) + (v4 ? 0 : 1) });
    }
  }
  return all.sort((a, b) => a.rank - b.rank || a.interfaceName.localeCompare(b.interfaceName)).map(({ address, interfaceName }) => ({ address, interfaceName }));
}

/** `SWMTKN-1-<digest>-<secret>`, as `docker swarm join-token` prints it. */
export function checkJoinToken(token: string): string | undefined {
  return /^SWMTKN-1-[0-9a-z]+-[0-9a-z]+$/i.test(token.trim()) ? undefined : 'A join token looks like SWMTKN-1-…-…: copy it from `docker swarm join-token worker` on a manager.';
}

/** `host`, `host:port` or `[v6]:port`. */
export function checkJoinAddress(address: string): string | undefined {
  const a = address.trim();
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(a);
  const host = v6 ? v6[1]! : a.replace(/:(\d+)$/, '');
  const port = v6 ? v6[2] : /:(\d+)$/.exec(a)?.[1];
  if (host === '' || (v6 && isIP(host) !== 6) || (!v6 && !isIP(host) && !/^[a-zA-Z0-9.-]+$/.test(host))) return "Give a manager's address, e.g. 10.0.0.1:2377.";
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return 'The port must be 1-65535.';
  return undefined;
}

/** `key=value` (or a bare `key`) for a node label. */
export function parseNodeLabel(text: string): { key: string; value: string } | { error: string } {
  const t = text.trim();
  const at = t.indexOf('=');
  const key = (at < 0 ? t : t.slice(0, at)).trim();
  if (key === '') return { error: 'Write the label as key=value (or just key).' };
  if (/\s/.test(key)) return { error: 'A label name has no spaces.' };
  return { key, value: at < 0 ? '' : t.slice(at + 1) };
}
