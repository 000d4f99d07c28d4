/** The engine's image JSON as ImageSummary and ImageLayer, and image references taken apart. Pure. */
import type { ImageLayer, ImageSummary } from './types';

/** The subset of `GET /images/json` Berth reads. */
export interface RawImage {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: number;
  Size?: number;
  Labels?: Record<string, string> | null;
}

export interface RawHistory {
  Id?: string;
  Created?: number;
  CreatedBy?: string;
  Size?: number;
  Tags?: string[] | null;
  Comment?: string;
}

const NONE = new Set(['<none>:<none>', '<none>@<none>']);

export function toImageSummary(raw: RawImage): ImageSummary {
  const repoTags = (raw.RepoTags ?? []).filter((t) => !NONE.has(t));
  return {
    id: raw.Id,
    repoTags,
    repoDigests: (raw.RepoDigests ?? []).filter((d) => !NONE.has(d)),
    created: new Date((raw.Created ?? 0) * 1000),
    size: raw.Size ?? 0,
    labels: raw.Labels ?? {},
    dangling: repoTags.length === 0,
  };
}

export function toImageLayer(raw: RawHistory): ImageLayer {
  return {
    id: raw.Id ?? '<missing>',
    created: new Date((raw.Created ?? 0) * 1000),
    createdBy: raw.CreatedBy ?? '',
    size: raw.Size ?? 0,
    tags: raw.Tags ?? [],
    comment: raw.Comment ?? '',
  };
}

/** `registry/repo:tag@digest` taken apart the way the CLI does. */
export interface ImageRef {
  /** `docker.io` when the reference names no registry. */
  registry: string;
  /** With the registry as written (`127.0.0.1:5000/app`), without tag and digest. */
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

/** A first path part is a registry when it has a `.` or `:` or is `localhost` (the CLI's rule). */
function isRegistry(part: string): boolean {
  return part.includes('.') || part.includes(':') || part === 'localhost';
}

export function parseImageRef(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split('/')[0] ?? '';
  const registry = rest.includes('/') && isRegistry(first) ? first : 'docker.io';
  return { registry, repository: rest, tag, digest };
}

/** The reference with `:latest` added when it names neither tag nor digest, as `docker pull` does. */
export function withDefaultTag(ref: string): string {
  const parsed = parseImageRef(ref);
  return parsed.tag || parsed.digest ? ref.trim() : `${ref.trim()}:latest`;
}

/** What `docker tag` accepts: a lower-case repository path (with an optional registry) and a tag of up to 128 characters. */
export function checkImageRef(ref: string): string | undefined {
  const t = ref.trim();
  if (t === '') return 'A reference, e.g. registry.example.com/team/app:1.0.';
  const { repository, tag, digest } = parseImageRef(t);
  if (digest) return 'A tag cannot carry a digest (@sha256:…).';
  const registry = parseImageRef(t).registry;
  const path = registry !== 'docker.io' && repository.startsWith(`${registry}/`) ? repository.slice(registry.length + 1) : repository;
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(path)) {
    return `${repository} is not a repository name: lower-case letters, digits and . _ - between path parts separated by /.`;
  }
  if (tag !== undefined && !/^[\w][\w.-]{0,127}$/.test(tag)) return `${tag} is not a tag: letters, digits, _ . -, up to 128, not starting with . or -.`;
  return undefined;
}
