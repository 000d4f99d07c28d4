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
  labels: Readonly<Record<string, string>>;
  /** From `com.docker.compose.project`; undefined for containers outside compose. */
  composeProject: string | undefined;
  composeService: string | undefined;
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
