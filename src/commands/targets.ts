/**
 * What a command acts on, from the rows it was invoked on (the clicked row, or every selected row):
 * one table from a row's kind to what commands may need. Rows are known by `{ kind, resource }`,
 * never by their class.
 */
import type { PluginSummary } from '../engine/systemMapping';
import type { ContainerSummary, ImageSummary, NetworkSummary, VolumeSummary } from '../engine/types';
import type { ComposeProjectGroup } from '../explorer/containers/containersModel';
import type { DanglingImage, ImageTag, RepositoryGroup } from '../explorer/images/imagesModel';
import type { NetworkAttachment } from '../explorer/networks/networksModel';
import type { VolumeEntry } from '../explorer/volumes/volumesModel';
import type { SwarmNode, SwarmSecretLike, SwarmService } from '../engine/swarmTypes';
import type { SecretResource, ServiceResource, StackResource, TaskResource } from '../explorer/swarm/swarmTreeModel';

export interface ComposeRef {
  /** The labels of one of its containers: Compose's files and folder are found from them. */
  labels: Readonly<Record<string, string>>;
  /** For messages. */
  name: string;
  /** Set when invoked on one service's container. */
  service?: string;
}

/** An image, and the reference a row shows it by (none for an untagged image). */
export interface ImageTarget {
  image: ImageSummary;
  ref: string | undefined;
}

export interface Targets {
  containers: ContainerSummary[];
  networks: NetworkSummary[];
  /** A container's place on a network (a row under the network). */
  attachments: NetworkAttachment[];
  volumes: VolumeSummary[];
  images: ImageTarget[];
  plugins: PluginSummary[];
  swarmServices: SwarmService[];
  swarmStacks: StackResource[];
  swarmNodes: SwarmNode[];
  swarmSecrets: SwarmSecretLike[];
  swarmConfigs: SwarmSecretLike[];
  /** The compose project of the first row that has one. */
  compose?: ComposeRef;
  /** Names of the rows, for messages ("X does not belong to a compose project"). */
  names: string[];
}

type Resolve = (resource: never) => Partial<Targets>;

const containerTargets = (c: ContainerSummary): Partial<Targets> => ({
  containers: [c],
  names: [c.name],
  ...(c.composeProject !== undefined ? { compose: { labels: c.labels, name: c.composeProject, ...(c.composeService ? { service: c.composeService } : {}) } } : {}),
});

const projectTargets = (g: ComposeProjectGroup): Partial<Targets> => ({
  containers: g.containers,
  names: [g.project],
  ...(g.containers[0] ? { compose: { labels: g.containers[0].labels, name: g.project } } : {}),
});

/** The one table: row kind → what it gives commands. */
const BY_KIND: Readonly<Record<string, Resolve>> = {
  container: containerTargets,
  composeProject: projectTargets,
  network: (n: NetworkSummary) => ({ networks: [n], names: [n.name] }),
  networkContainer: (a: NetworkAttachment) => ({ attachments: [a], names: [a.container.name] }),
  volume: (e: VolumeEntry) => ({ volumes: [e.volume], names: [e.volume.name] }),
  imageTag: (t: ImageTag) => ({ images: [{ image: t.image, ref: t.ref }], names: [t.ref] }),
  repository: (g: RepositoryGroup) => ({ images: g.tags.map((t) => ({ image: t.image, ref: t.ref })), names: [g.repository] }),
  plugin: (p: PluginSummary) => ({ plugins: [p], names: [p.name] }),
  danglingImage: (d: DanglingImage) => ({ images: [{ image: d.image, ref: undefined }], names: [d.image.id.slice(7, 19)] }),
  swarmService: (r: ServiceResource) => ({ swarmServices: [r.service], names: [r.service.name] }),
  // A task's row acts on its service (logs, inspect, update).
  swarmTask: (r: TaskResource) => ({ swarmServices: [r.service], names: [r.service.name] }),
  swarmStack: (r: StackResource) => ({ swarmStacks: [r], names: [r.name] }),
  swarmNode: (n: SwarmNode) => ({ swarmNodes: [n], names: [n.hostname] }),
  swarmSecret: (r: SecretResource) => ({ swarmSecrets: [r.item], names: [r.item.name] }),
  swarmConfig: (r: SecretResource) => ({ swarmConfigs: [r.item], names: [r.item.name] }),
};

interface Row {
  kind: string;
  resource: unknown;
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && typeof (value as Row).kind === 'string' && 'resource' in value && Object.hasOwn(BY_KIND, (value as Row).kind);
}

/** The targets of `(node, nodes)` as VS Code passes them, or undefined when invoked without rows (the palette). */
export function targetsOf(args: readonly unknown[]): Targets | undefined {
  const [node, nodes] = args;
  const rows = (Array.isArray(nodes) && nodes.length > 0 ? nodes : [node]).filter(isRow);
  if (rows.length === 0) return undefined;
  const targets: Targets = { containers: [], networks: [], attachments: [], volumes: [], images: [], plugins: [], swarmServices: [], swarmStacks: [], swarmNodes: [], swarmSecrets: [], swarmConfigs: [], names: [] };
  const seen = new Set<string>();
  /** Adds what is not there yet (a container selected twice, once in its group). */
  const add = <T>(into: T[], items: readonly T[] | undefined, key: (item: T) => string): void => {
    for (const item of items ?? []) {
      const k = key(item);
      if (!seen.has(k)) into.push(item);
      seen.add(k);
    }
  };
  for (const row of rows) {
    const t = (BY_KIND[row.kind] as (r: unknown) => Partial<Targets>)(row.resource);
    add(targets.containers, t.containers, (c) => `container:${c.id}`);
    add(targets.networks, t.networks, (n) => `network:${n.id}`);
    add(targets.attachments, t.attachments, (a) => `attachment:${a.network.id}/${a.container.id}`);
    add(targets.volumes, t.volumes, (v) => `volume:${v.name}`);
    add(targets.images, t.images, (i) => `image:${i.image.id}/${i.ref ?? ''}`);
    add(targets.plugins, t.plugins, (p) => `plugin:${p.id}`);
    add(targets.swarmServices, t.swarmServices, (x) => `swarmService:${x.id}`);
    add(targets.swarmStacks, t.swarmStacks, (x) => `swarmStack:${x.name}`);
    add(targets.swarmNodes, t.swarmNodes, (x) => `swarmNode:${x.id}`);
    add(targets.swarmSecrets, t.swarmSecrets, (x) => `swarmSecret:${x.id}`);
    add(targets.swarmConfigs, t.swarmConfigs, (x) => `swarmConfig:${x.id}`);
    targets.names.push(...(t.names ?? []));
    if (!targets.compose && t.compose) targets.compose = t.compose;
  }
  return targets;
}
