/** Each namespace of a container, and whether it is its own or shared with the host or another container. Pure. */
import { NAMESPACE_KINDS, type LocalInternals, type NamespaceKind, type RawContainerInspect } from '../engine/inspect';

export type NamespaceSharing = { with: 'host' } | { with: 'container'; container: string } | { with: 'none' };

/** What HostConfig asks for, per kind (the engine's defaults spelled out). */
export function namespaceSharing(kind: NamespaceKind, h: Record<string, unknown>): NamespaceSharing {
  const mode = (key: string): string => (typeof h[key] === 'string' ? (h[key] as string) : '');
  const fromMode = (value: string): NamespaceSharing =>
    value === 'host' ? { with: 'host' } : value.startsWith('container:') ? { with: 'container', container: value.slice('container:'.length) } : { with: 'none' };
  switch (kind) {
    case 'pid':
      return fromMode(mode('PidMode'));
    case 'net':
      return fromMode(mode('NetworkMode'));
    case 'ipc':
      return fromMode(mode('IpcMode'));
    case 'uts':
      return fromMode(mode('UTSMode'));
    case 'cgroup':
      return fromMode(mode('CgroupnsMode'));
    case 'user':
      // Without userns-remap on the daemon, every container runs in the host's user namespace.
      return mode('UsernsMode') === 'host' || mode('UsernsMode') === '' ? { with: 'host' } : { with: 'none' };
    case 'mnt':
      return { with: 'none' };
  }
}

function describe(sharing: NamespaceSharing): string {
  if (sharing.with === 'host') return "the host's";
  if (sharing.with === 'container') return `shared with container ${sharing.container}`;
  return 'its own';
}

/**
 * One line per kind. With local /proc readings the inode is shown and the host comparison is
 * measured, not assumed (a `user` namespace is the host's unless the daemon remaps users).
 */
export function namespaceLines(inspect: RawContainerInspect, local: LocalInternals | undefined): string[] {
  const h = inspect.HostConfig ?? {};
  return NAMESPACE_KINDS.map((kind) => {
    const declared = namespaceSharing(kind, h);
    let text = describe(declared);
    if (local?.kind === 'read') {
      const own = local.namespaces[kind];
      const host = local.hostNamespaces[kind];
      if (own && host) {
        const same = own === host;
        if (declared.with !== 'container') text = same ? "the host's" : 'its own';
        text += `  inode ${own}${same ? ' = host' : ` (host ${host})`}`;
      } else if (own) {
        text += `  inode ${own}`;
      }
    }
    return `${kind.padEnd(13)} ${text}`;
  });
}
