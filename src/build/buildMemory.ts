/**
 * The options last used for each Dockerfile, and which Dockerfile each image Berth built came from
 * (the engine records neither the file nor its lines), kept in the workspace's state.
 */
import type * as vscode from 'vscode';
import type { BuildOptions } from './buildArgs';

const KEY = 'berth.build.options';
const IMAGES_KEY = 'berth.build.images';
/** Oldest entries go first past this many Dockerfiles. */
const MAX_REMEMBERED = 50;
/** …and past this many built images (every rebuild that changed something is a new id). */
const MAX_IMAGES = 200;

/** The Dockerfile and stage an image was built from. */
export interface ImageSource {
  dockerfile: string;
  target?: string;
}

/** `record` with `key` set last (so it is the newest), the oldest keys dropped past `max`. */
function withNewest<T>(record: Record<string, T>, key: string, value: T, max: number): Record<string, T> {
  const all = { ...record };
  delete all[key];
  all[key] = value;
  const keys = Object.keys(all);
  for (const old of keys.slice(0, Math.max(0, keys.length - max))) delete all[old];
  return all;
}

export class BuildMemory {
  constructor(private readonly state: vscode.Memento) {}

  get(dockerfile: string): BuildOptions | undefined {
    const all = this.state.get<Record<string, BuildOptions>>(KEY) ?? {};
    const found = all[dockerfile];
    return found && typeof found === 'object' ? found : undefined;
  }

  async remember(options: BuildOptions): Promise<void> {
    await this.state.update(KEY, withNewest(this.state.get<Record<string, BuildOptions>>(KEY) ?? {}, options.dockerfile, options, MAX_REMEMBERED));
  }

  /** Where Berth built the image with this id from; undefined for images it did not build. */
  imageSource(imageId: string): ImageSource | undefined {
    const found = (this.state.get<Record<string, ImageSource>>(IMAGES_KEY) ?? {})[imageId];
    return found && typeof found.dockerfile === 'string' ? found : undefined;
  }

  async rememberImage(imageId: string, source: ImageSource): Promise<void> {
    await this.state.update(IMAGES_KEY, withNewest(this.state.get<Record<string, ImageSource>>(IMAGES_KEY) ?? {}, imageId, source, MAX_IMAGES));
  }
}
