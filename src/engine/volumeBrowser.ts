/**
 * The engine shows a volume's files only through a container, so browsing one creates (never
 * starts) a small helper container with the volume mounted read-only at /volume, from an image
 * already present. Helpers carry a label, so leftovers (a crash, a closed window) are found and
 * removed the next time. Pure.
 */
import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import type { EngineClient } from './client';
import { dial } from './dial';
import { EngineError } from './errors';
import { FileProblem } from './fileTypes';

/** Set on every helper container, with the volume's name as value. */
export const VOLUME_BROWSER_LABEL = 'berth.volumeBrowser';
/** Where the helper mounts the volume. */
export const VOLUME_MOUNT = '/volume';

export interface VolumeBrowser {
  containerId: string;
  volume: string;
}

interface RawListed {
  Id: string;
  ImageID?: string;
  Mounts?: { Type?: string; Name?: string }[] | null;
}

/** The image of a container that uses the volume, else the smallest local image; undefined when there is none. */
async function helperImage(client: EngineClient, volume: string): Promise<string | undefined> {
  const containers = await client.request('List containers', (d, abortSignal) => d.listContainers({ all: true, abortSignal } as Dockerode.ContainerListOptions)) as unknown as RawListed[];
  const user = containers.find((c) => c.ImageID && (c.Mounts ?? []).some((m) => m.Type === 'volume' && m.Name === volume));
  if (user?.ImageID) return user.ImageID;
  const images = await client.images.list();
  return images.sort((a, b) => a.size - b.size)[0]?.id;
}

/** Creates the helper; the caller removes it with removeVolumeBrowsers when the browse ends. */
export async function createVolumeBrowser(client: EngineClient, volume: string): Promise<VolumeBrowser> {
  // A bind of a missing volume would create it: check first.
  try {
    await client.volumes.inspect(volume);
  } catch (error) {
    if (error instanceof EngineError && error.kind === 'notFound') throw new FileProblem('notFound', `Volume ${volume} does not exist (any more). Close it in the Files view.`);
    throw error;
  }
  const image = await helperImage(client, volume);
  if (!image) {
    throw new FileProblem('notFound', `Browsing volume ${volume} needs an image on the engine to create a helper container from, and there is none. Pull any small image (for example busybox) and try again.`);
  }
  const body = {
    Image: image,
    // Never started: the command only has to satisfy the engine (an image may have none).
    Cmd: ['berth-volume-browser'],
    Labels: { [VOLUME_BROWSER_LABEL]: volume },
    NetworkDisabled: true,
    HostConfig: { Binds: [`${volume}:${VOLUME_MOUNT}:ro`], NetworkMode: 'none' },
  };
  const name = `berth-browse-${volume.slice(0, 40)}-${randomBytes(3).toString('hex')}`;
  const created = await client.request(`Create a helper container for volume ${volume}`, (d, abortSignal) =>
    dial<{ Id: string }>(d, { path: '/containers/create?', method: 'POST', abortSignal, options: { _query: { name }, _body: body }, statusCodes: { 201: true, 400: 'bad parameter', 404: 'no such image', 409: 'conflict', 500: 'server error' } }),
  );
  return { containerId: created.Id, volume };
}

/** Removes helper containers (all of them, or only `ids`), except `keep`; resolves with the ids removed. */
export async function removeVolumeBrowsers(client: EngineClient, ids?: readonly string[], keep: readonly string[] = []): Promise<string[]> {
  const filters = JSON.stringify({ label: [VOLUME_BROWSER_LABEL], ...(ids ? { id: ids } : {}) });
  const listed = await client.request('List volume helpers', (d, abortSignal) => d.listContainers({ all: true, filters, abortSignal } as Dockerode.ContainerListOptions));
  const found = listed.filter((c) => !keep.includes(c.Id));
  // `v`: anonymous volumes the image declared go too; the browsed (named) volume never does.
  await Promise.allSettled(found.map((c) => client.containers.remove(c.Id, { force: true, volumes: true })));
  return found.map((c) => c.Id);
}
