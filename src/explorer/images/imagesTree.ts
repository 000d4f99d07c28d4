/** The Images view: its source, model and presentation on the shared live view; layers read when a tag is opened. */
import { Config } from '../../config';
import type { EngineSession } from '../../engineSession';
import { Commands, Views } from '../../ids';
import { LiveView } from '../shared/liveView';
import type { LiveViewSpec } from '../shared/liveViewSpec';
import type { TreeNode } from '../shared/treeModel';
import { danglingImageRow, imageTagRow, imageTooltip, layerRow, repositoryRow, untaggedRow } from './imagePresentation';
import { imageAffectedBy, imagesTree, keepHistories, withSources, type DanglingImage, type ImagesSnapshot, type ImageTag, type LayerSources } from './imagesModel';

/** The image behind a tag row or an untagged image's row. */
function imageOf(node: TreeNode): (DanglingImage & { ref?: string }) | undefined {
  if (node.kind === 'imageTag' || node.kind === 'danglingImage') return node.resource as ImageTag | DanglingImage;
  return undefined;
}

const imagesSpec = (sources: LayerSources | undefined): LiveViewSpec<ImagesSnapshot> => ({
  viewId: Views.images,
  noun: 'images',
  emptyHint: 'Pull one with the cloud button, or build one from a Dockerfile.',
  refreshCommand: Commands.imagesRefresh,
  filterCommand: Commands.imagesFilter,
  settingsSection: 'berth.images',
  source: {
    empty: { images: [], containers: [], histories: new Map() },
    affectedBy: imageAffectedBy,
    // Who uses an image comes from the container listing: one each, not an inspect per image.
    loadAll: async (client, current) => {
      const [images, containers] = await Promise.all([client.images.list(), client.containers.list()]);
      return { images, containers, histories: keepHistories(current.histories, images) };
    },
  },
  layout: (snapshot) => imagesTree(snapshot, Config.showDanglingImages()),
  rows: { repository: repositoryRow, imageTag: imageTagRow, untagged: untaggedRow, danglingImage: danglingImageRow, imageLayer: layerRow },
  expand: async (node, client, snapshot) => {
    const target = imageOf(node);
    if (!target || snapshot.histories.has(target.image.id)) return undefined;
    const read = await client.images.history(target.image.id);
    const layers = withSources(read, sources?.(target.image.id, read));
    return { into: (current) => ({ ...current, histories: new Map(current.histories).set(target.image.id, layers) }) };
  },
  // "Created 3 days ago" is worked out when the tooltip is shown.
  tooltip: async (node) => {
    const target = imageOf(node);
    return target ? imageTooltip(target.image, new Date(), target.ref, target.usedBy) : undefined;
  },
});

export class ImagesTree extends LiveView<ImagesSnapshot, TreeNode> {
  /** `sources` names the Dockerfile line of each history row, for the images it knows. */
  constructor(session: EngineSession, sources?: LayerSources) {
    super(session, imagesSpec(sources));
  }
}
