/** The Images view's model: images grouped by repository, each tag with its layer history once read, and which events change them. Pure. */
import { parseImageRef } from '../../engine/imageMapping';
import type { ContainerSummary, EngineEvent, ImageLayer, ImageSummary } from '../../engine/types';
import type { ModelNode } from '../shared/treeModel';

/** The Dockerfile and 0-based line that made a layer, where Berth knows the file (it built the image). */
export interface LayerSource {
  dockerfile: string;
  line: number;
}

/** A history row, with the line that made it when known. */
export type HistoryLayer = ImageLayer & { source?: LayerSource };

/** For the Dockerfile lines of an image's history rows: one per row, or undefined when Berth does not know the file. */
export type LayerSources = (imageId: string, layers: readonly ImageLayer[]) => readonly (LayerSource | undefined)[] | undefined;

export interface ImagesSnapshot {
  images: readonly ImageSummary[];
  /** Every container, for which images are in use (an image listing does not say by whom). */
  containers: readonly ContainerSummary[];
  /** Layer histories read so far, by image id: an image's history never changes, so they are kept. */
  histories: ReadonlyMap<string, readonly HistoryLayer[]>;
}

/** The history rows with their lines, where `sources` knows them. */
export function withSources(layers: readonly ImageLayer[], sources: readonly (LayerSource | undefined)[] | undefined): HistoryLayer[] {
  return layers.map((layer, i) => {
    const source = sources?.[i];
    return source ? { ...layer, source } : layer;
  });
}

/** One reference of an image: `repository:tag`, or `repository@digest` for an image pulled by digest only. */
export interface ImageTag {
  image: ImageSummary;
  repository: string;
  /** The tag, or the digest for a digest-only reference. */
  tag: string;
  ref: string;
  /** Names of the containers made from the image (by any of its tags), running or not. */
  usedBy: readonly string[];
}

/** An image without a tag, and who uses it. */
export interface DanglingImage {
  image: ImageSummary;
  usedBy: readonly string[];
}

export interface RepositoryGroup {
  repository: string;
  tags: ImageTag[];
}

/** The name the untagged (dangling) images are grouped under. */
export const UNTAGGED = '<untagged>';

const IMAGE_ACTIONS = new Set(['pull', 'tag', 'untag', 'delete', 'import', 'load', 'build', 'prune']);
/** A container made or removed changes which images are in use. */
const CONTAINER_ACTIONS = new Set(['create', 'destroy', 'rename']);

export function imageAffectedBy(event: EngineEvent): boolean {
  if (event.type === 'container') return CONTAINER_ACTIONS.has(event.action);
  return event.type === 'image' && IMAGE_ACTIONS.has(event.action);
}

/** Container names by the id of the image they were made from, sorted. */
export function usersByImage(containers: readonly ContainerSummary[]): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const c of containers) users.set(c.imageId, [...(users.get(c.imageId) ?? []), c.name]);
  for (const names of users.values()) names.sort((a, b) => a.localeCompare(b));
  return users;
}

const NOBODY: readonly string[] = [];

/** Every reference of every image: its tags, or (pulled by digest only) its digests. */
export function imageTags(images: readonly ImageSummary[], users: ReadonlyMap<string, readonly string[]> = new Map()): ImageTag[] {
  return images.flatMap((image) => {
    const usedBy = users.get(image.id) ?? NOBODY;
    if (image.repoTags.length > 0) {
      return image.repoTags.map((ref) => {
        const { repository, tag } = parseImageRef(ref);
        return { image, repository, tag: tag ?? 'latest', ref, usedBy };
      });
    }
    return image.repoDigests.map((ref) => {
      const { repository, digest } = parseImageRef(ref);
      return { image, repository, tag: digest ?? '', ref, usedBy };
    });
  });
}

/** Repositories by name, each with its tags (newest image first, then by tag). */
export function repositoryGroups(images: readonly ImageSummary[], users?: ReadonlyMap<string, readonly string[]>): RepositoryGroup[] {
  const groups = new Map<string, ImageTag[]>();
  for (const t of imageTags(images, users)) groups.set(t.repository, [...(groups.get(t.repository) ?? []), t]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([repository, tags]) => ({ repository, tags: tags.sort((a, b) => b.image.created.getTime() - a.image.created.getTime() || a.tag.localeCompare(b.tag)) }));
}

function layers(snapshot: ImagesSnapshot, imageId: string): ModelNode[] {
  return (snapshot.histories.get(imageId) ?? []).map((layer, i) => ({ kind: 'imageLayer', key: String(i), resource: layer }));
}

/** Repository groups with their tags (and untagged images at the end when `showDangling`); a tag's children are its layers once read. */
export function imagesTree(snapshot: ImagesSnapshot, showDangling: boolean): ModelNode[] {
  const users = usersByImage(snapshot.containers);
  const groups: ModelNode[] = repositoryGroups(snapshot.images, users).map((group) => ({
    kind: 'repository',
    key: group.repository,
    resource: group,
    children: group.tags.map((t) => ({ kind: 'imageTag', key: t.tag, resource: t, children: layers(snapshot, t.image.id) })),
  }));
  const dangling = snapshot.images.filter((i) => i.dangling && i.repoDigests.length === 0);
  if (showDangling && dangling.length > 0) {
    groups.push({
      kind: 'untagged',
      key: UNTAGGED,
      resource: dangling,
      children: [...dangling].sort((a, b) => b.created.getTime() - a.created.getTime()).map((image) => ({ kind: 'danglingImage', key: image.id, resource: { image, usedBy: users.get(image.id) ?? NOBODY } satisfies DanglingImage, children: layers(snapshot, image.id) })),
    });
  }
  return groups;
}

/** Histories of images that are gone are dropped; the rest are kept. */
export function keepHistories(histories: ReadonlyMap<string, readonly HistoryLayer[]>, images: readonly ImageSummary[]): Map<string, readonly HistoryLayer[]> {
  const ids = new Set(images.map((i) => i.id));
  return new Map([...histories].filter(([id]) => ids.has(id)));
}

/** `/bin/sh -c #(nop)  CMD ["sh"]` → `CMD ["sh"]`; `/bin/sh -c apk add x` → `RUN apk add x`. */
export function layerInstruction(createdBy: string): string {
  const text = createdBy.trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/s.exec(text);
  if (nop) return nop[1]!.trim();
  const run = /^\/bin\/sh -c (.*)$/s.exec(text);
  if (run) return `RUN ${run[1]!.trim()}`;
  return text === '' ? '(no instruction recorded)' : text;
}
