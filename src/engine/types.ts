/** Berth's own view of engine objects: camelCase, real Dates, only what the UI uses. */

/** Every state the engine reports for a container. */
export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export type ContainerHealth = 'healthy' | 'unhealthy' | 'starting';

export interface PortBinding {
  privatePort: number;
  /** Set when the port is published on the host. */
  publicPort?: number;
  /** Host address the port is published on, e.g. `0.0.0.0`, `::`, `127.0.0.1`. */
  hostIp?: string;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface ContainerSummary {
  id: string;
  /** Without the leading slash. */
  name: string;
  image: string;
  imageId: string;
  command: string;
  created: Date;
  state: ContainerState;
  /** The engine's human status, e.g. `Up 3 minutes (healthy)`. */
  status: string;
  health: ContainerHealth | undefined;
  /** The exit code of an exited container, from its status (`Exited (137) 5 minutes ago`). */
  exitCode: number | undefined;
  ports: PortBinding[];
  /** The networks it is attached to, with its addresses on them (empty addresses while stopped). */
  networks: ContainerNetwork[];
  mounts: ContainerMount[];
  labels: Readonly<Record<string, string>>;
  /** From `com.docker.compose.project`; undefined for containers outside compose. */
  composeProject: string | undefined;
  composeService: string | undefined;
}

export interface ContainerNetwork {
  /** The network's name, as the container's settings key it. */
  name: string;
  networkId: string;
  /** `172.18.0.2` (no prefix length); undefined while the container is not running. */
  ipv4: string | undefined;
  ipv6: string | undefined;
  aliases: string[];
}

export interface ContainerMount {
  type: 'volume' | 'bind' | 'tmpfs' | 'npipe' | 'cluster' | string;
  /** The volume's name, for a volume mount. */
  name: string | undefined;
  source: string;
  destination: string;
  readOnly: boolean;
}

/** What a listing lacks and a tooltip shows: when the container last started and stopped. */
export interface ContainerTimes {
  startedAt: Date | undefined;
  /** Unset while it has never stopped. */
  finishedAt: Date | undefined;
  restartCount: number;
}

export interface EngineVersion {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
}

export type EngineObjectType =
  | 'container'
  | 'image'
  | 'network'
  | 'volume'
  | 'service'
  | 'node'
  | 'secret'
  | 'config'
  | 'plugin'
  | 'daemon'
  | 'builder';

/** One message of the engine's `/events` stream. */
export interface EngineEvent {
  type: EngineObjectType | string;
  action: string;
  /** The object's id (or name, for volumes and networks' attributes). */
  id: string;
  attributes: Readonly<Record<string, string>>;
  /** Nanoseconds since the epoch, as a decimal string, so `since` can resume exactly. */
  timeNano: string;
}

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';

/** One subnet of a network's IP address management. */
export interface NetworkSubnet {
  subnet: string | undefined;
  gateway: string | undefined;
  ipRange: string | undefined;
}

export interface NetworkSummary {
  id: string;
  name: string;
  /** `bridge`, `host`, `null`, `overlay`, `macvlan`, `ipvlan` or a plugin's name. */
  driver: string;
  /** `local`, `swarm` or `global`. */
  scope: string;
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  ipv6: boolean;
  subnets: NetworkSubnet[];
  options: Readonly<Record<string, string>>;
  labels: Readonly<Record<string, string>>;
  created: Date | undefined;
  /** The engine's own networks (bridge, host, none; ingress and docker_gwbridge under swarm), which cannot be removed. */
  builtIn: boolean;
}

/** What Create Network sends. */
export interface NetworkCreateSpec {
  name: string;
  driver: string;
  subnet?: string;
  gateway?: string;
  ipRange?: string;
  internal?: boolean;
  attachable?: boolean;
  labels?: Readonly<Record<string, string>>;
  options?: Readonly<Record<string, string>>;
}

export interface VolumeSummary {
  name: string;
  driver: string;
  mountpoint: string;
  /** `local` or `global`. */
  scope: string;
  labels: Readonly<Record<string, string>>;
  options: Readonly<Record<string, string>>;
  created: Date | undefined;
  /** A name the engine made up (64 hex digits): a volume nobody named. */
  anonymous: boolean;
}

/** What Create Volume sends; without a name the engine makes one up. */
export interface VolumeCreateSpec {
  name?: string;
  driver: string;
  options?: Readonly<Record<string, string>>;
  labels?: Readonly<Record<string, string>>;
}

/** A volume's size from `/system/df` (slow on big engines: read on request, never on every refresh). */
export interface VolumeUsage {
  /** Bytes; undefined when the driver cannot say (-1). */
  size: number | undefined;
  /** How many containers use it. */
  refCount: number;
}

export interface ImageSummary {
  /** `sha256:…`. */
  id: string;
  /** `repo:tag` references, `<none>:<none>` left out. */
  repoTags: string[];
  /** `repo@sha256:…`: what the image was pulled or pushed as. */
  repoDigests: string[];
  created: Date;
  /** Bytes, shared layers included. */
  size: number;
  labels: Readonly<Record<string, string>>;
  /** No tag: left behind when a tag moved to a newer build. */
  dangling: boolean;
}

/** One step of an image's history, newest first as the engine lists them. */
export interface ImageLayer {
  /** The layer image's id, or `<missing>` for layers built elsewhere. */
  id: string;
  created: Date;
  createdBy: string;
  size: number;
  tags: string[];
  comment: string;
}

/** One message of a pull or push stream, as Berth reads it. */
export interface ProgressEvent {
  /** The layer (or tag) the message is about. */
  id: string | undefined;
  status: string;
  current: number | undefined;
  total: number | undefined;
}
