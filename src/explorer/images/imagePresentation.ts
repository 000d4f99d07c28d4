/** Rows and tooltips of the Images view. Pure. */
import type { ImageRemoval } from '../../engine/images';
import type { ImageSummary } from '../../engine/types';
import { bytes } from '../../units';
import { escapeMarkdown, markdownCode } from '../shared/markdownText';
import { count, type Row } from '../shared/rowPresentation';
import { ago, day } from '../shared/timePresentation';
import { Commands } from '../../ids';
import type { DanglingImage, HistoryLayer, ImageTag, LayerSource, RepositoryGroup } from './imagesModel';
import { layerInstruction } from './imagesModel';

const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

/** `3 tags · 12.5 MiB` (each image counted once). */
export function repositoryDescription(group: RepositoryGroup): string {
  const images = new Map(group.tags.map((t) => [t.image.id, t.image.size]));
  return `${count(group.tags.length, 'tag')} · ${bytes([...images.values()].reduce((a, b) => a + b, 0))}`;
}

export function repositoryRow(group: RepositoryGroup): Row {
  return {
    label: group.repository,
    description: repositoryDescription(group),
    icon: { id: 'package' },
    contextValue: 'repository',
    collapsible: 'collapsed',
    tooltip: `**${escapeMarkdown(group.repository)}**  \n${escapeMarkdown(repositoryDescription(group))}`,
  };
}

/** Size, the day it was made and how many containers use it: what does not rot (the age is in the tooltip, worked out when shown). */
export function imageDescription(image: ImageSummary, usedBy: readonly string[] = []): string {
  return `${bytes(image.size)} · ${day(image.created)}${usedBy.length > 0 ? ` · ${count(usedBy.length, 'container')}` : ''}`;
}

/** The tooltip of an image; `now` is when it is shown. */
export function imageTooltip(image: ImageSummary, now: Date, ref?: string, usedBy: readonly string[] = []): string {
  const lines = [`**${escapeMarkdown(ref ?? `${shortId(image.id)} (untagged)`)}**`, '', `ID: ${escapeMarkdown(image.id)}`, `Size: ${bytes(image.size)}`, `Created: ${escapeMarkdown(ago(image.created, now))}`];
  lines.push(usedBy.length > 0 ? `Used by: ${usedBy.map(escapeMarkdown).join(', ')}` : 'Used by no container');
  const others = image.repoTags.filter((t) => t !== ref);
  if (others.length > 0) lines.push(`Also tagged: ${others.map(escapeMarkdown).join(', ')}`);
  for (const digest of image.repoDigests) lines.push(`Digest: ${escapeMarkdown(digest)}`);
  const labels = Object.entries(image.labels).sort(([a], [b]) => a.localeCompare(b));
  if (labels.length > 0) lines.push('Labels:', ...labels.map(([k, v]) => `- ${escapeMarkdown(k)} = ${escapeMarkdown(v)}`));
  return lines.join('  \n');
}

export function imageTagRow(t: ImageTag): Row {
  return {
    label: t.tag.startsWith('sha256:') ? `@${t.tag.slice(0, 19)}` : t.tag,
    description: `${imageDescription(t.image, t.usedBy)} · ${shortId(t.image.id)}`,
    icon: { id: 'tag', ...(t.usedBy.length > 0 ? { color: 'charts.green' } : {}) },
    contextValue: 'image.tag',
    // Its children are its layers, read when it is opened.
    collapsible: 'collapsed',
    tooltip: imageTooltip(t.image, t.image.created, t.ref, t.usedBy),
    accessibilityLabel: `image ${t.ref}, ${bytes(t.image.size)}, ${count(t.usedBy.length, 'container')}`,
  };
}

export function danglingImageRow({ image, usedBy }: DanglingImage): Row {
  return {
    label: shortId(image.id),
    description: imageDescription(image, usedBy),
    icon: { id: 'circle-large-outline', color: 'disabledForeground' },
    contextValue: 'image.dangling',
    collapsible: 'collapsed',
    tooltip: imageTooltip(image, image.created, undefined, usedBy),
  };
}

export function untaggedRow(images: readonly ImageSummary[]): Row {
  return {
    label: 'untagged',
    description: `${count(images.length, 'image')} · ${bytes(images.reduce((n, i) => n + i.size, 0))}`,
    icon: { id: 'circle-slash', color: 'disabledForeground' },
    contextValue: 'untagged',
    collapsible: 'collapsed',
    tooltip: 'Images without a tag: a tag moved on to a newer build. **Prune Images** removes them.',
  };
}

/** `Dockerfile:12`: the file's name and 1-based line, as BuildKit's own messages name a line. */
export function layerSourceText(source: LayerSource): string {
  return `${source.dockerfile.split(/[\\/]/).pop() ?? source.dockerfile}:${source.line + 1}`;
}

export function layerRow(layer: HistoryLayer): Row {
  const source = layer.source;
  return {
    // An imported image records no instruction, only a comment ("Imported from -").
    label: layer.createdBy.trim() === '' && layer.comment ? layer.comment : layerInstruction(layer.createdBy),
    description: `${source ? `${layerSourceText(source)} · ` : ''}${bytes(layer.size)} · ${day(layer.created)}`,
    icon: { id: layer.size > 0 ? 'layers' : 'layers-dot', ...(layer.size > 0 ? {} : { color: 'disabledForeground' }) },
    contextValue: 'imageLayer',
    tooltip: [
      `Created by: ${markdownCode(layer.createdBy || '(nothing recorded)')}`,
      ...(source ? [`Made by: ${escapeMarkdown(source.dockerfile)}, line ${source.line + 1}`] : []),
      `Size: ${bytes(layer.size)}`,
      `Created: ${escapeMarkdown(day(layer.created))}`,
      ...(layer.id !== '<missing>' ? [`Layer image: ${escapeMarkdown(shortId(layer.id))}`] : []),
      ...(layer.tags.length > 0 ? [`Tags: ${layer.tags.map(escapeMarkdown).join(', ')}`] : []),
      ...(layer.comment ? [`Comment: ${escapeMarkdown(layer.comment)}`] : []),
    ].join('  \n'),
    ...(source ? { command: { id: Commands.openLayerLine, title: 'Open the Dockerfile line', arguments: [source.dockerfile, source.line] } } : {}),
  };
}

/**
 * What Remove Image did: the references it untagged, the images it deleted and the space that
 * held them (`up to`: layers another image shares stay on disk).
 */
export function describeImageRemoval(results: readonly ImageRemoval[], images: readonly ImageSummary[]): string {
  const untagged = results.flatMap((r) => r.untagged);
  const sizes = new Map(images.map((i) => [i.id, i.size]));
  // The engine lists the image and the layers that went with it; the layers are not images to name.
  const deleted = [...new Set(results.flatMap((r) => r.deleted))].filter((id) => sizes.has(id));
  const freed = deleted.reduce((n, id) => n + (sizes.get(id) ?? 0), 0);
  const parts = [];
  if (untagged.length > 0) parts.push(`untagged ${untagged.join(', ')}`);
  if (deleted.length > 0) parts.push(`deleted ${deleted.length === 1 ? 'image' : `${deleted.length} images`} ${deleted.map(shortId).join(', ')}, freeing up to ${bytes(freed)}`);
  if (parts.length === 0) return 'Nothing was removed.';
  const text = `Removed: ${parts.join('; ')}.`;
  return deleted.length === 0 ? `${text} The image stays: other tags still name it.` : text;
}
