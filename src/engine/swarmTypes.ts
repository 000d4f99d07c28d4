/** Berth's own view of swarm objects: camelCase, real Dates, only what the Swarm view and its actions use. */

/** The engine's own `Swarm.LocalNodeState` from `/info`. */
export type SwarmLocalState = 'inactive' | 'pending' | 'active' | 'error' | 'locked';

/** What the connected engine says about its place in a swarm. */
export interface SwarmStatus {
  localState: SwarmLocalState;
  /** Empty while inactive. */
  nodeId: string;
  nodeAddr: string;
  /** Only managers can list services, nodes, secrets and configs. */
  isManager: boolean;
  clusterId: string | undefined;
  nodes: number;
  managers: number;
  /** Set when the state is `error`. */
  error: string;
}

export type ServiceMode = 'replicated' | 'global' | 'replicated-job' | 'global-job';

export interface ServicePort {
  targetPort: number;
  publishedPort: number | undefined;
  protocol: string;
  /** `ingress` (the routing mesh) or `host` (on the node that runs the task). */
  publishMode: string;
}

/** How the engine rolls out a change (`UpdateConfig`); the engine does the rolling, Berth never overrides it. */
export interface ServiceUpdateConfig {
  parallelism: number;
  delayMs: number;
  failureAction: string;
  order: string;
  monitorMs: number;
  maxFailureRatio: number;
}

/** The engine's `UpdateStatus.State`. */
export type UpdateState = 'updating' | 'paused' | 'completed' | 'rollback_started' | 'rollback_paused' | 'rollback_completed';

export interface ServiceUpdateStatus {
  state: UpdateState | string;
  startedAt: Date | undefined;
  completedAt: Date | undefined;
  /** The engine's own words, e.g. `update paused due to failure or early termination of task …`. */
  message: string;
}

export interface SwarmService {
  id: string;
  name: string;
  /** The object version an update must name (`?version=`). */
  version: number;
  mode: ServiceMode;
  /** Desired replicas of a replicated service; undefined for global ones. */
  replicas: number | undefined;
  /** The image as the spec names it, without the `@sha256:` pin the CLI adds. */
  image: string;
  labels: Readonly<Record<string, string>>;
  /** From `com.docker.stack.namespace`: the stack the service was deployed with. */
  stack: string | undefined;
  ports: ServicePort[];
  /** `vip` (one virtual IP per network) or `dnsrr` (DNS round robin). */
  endpointMode: string;
  virtualIps: { networkId: string; addr: string }[];
  updateConfig: ServiceUpdateConfig | undefined;
  updateStatus: ServiceUpdateStatus | undefined;
  /** The engine's own count (API 1.41 `status=true`), when it sent one. */
  runningTasks: number | undefined;
  desiredTasks: number | undefined;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
  /** The secrets and configs the service's tasks get, by id and name. */
  secrets: SecretReference[];
  configs: SecretReference[];
}

export interface SecretReference {
  id: string;
  name: string;
}

/** Every state a task goes through (`TaskState`). */
export type TaskState =
  | 'new'
  | 'allocated'
  | 'pending'
  | 'assigned'
  | 'accepted'
  | 'preparing'
  | 'ready'
  | 'starting'
  | 'running'
  | 'complete'
  | 'shutdown'
  | 'failed'
  | 'rejected'
  | 'remove'
  | 'orphaned';

export interface SwarmTask {
  id: string;
  serviceId: string;
  /** Replicated services number their tasks; global ones have none. */
  slot: number | undefined;
  /** Unset until the scheduler has placed the task. */
  nodeId: string | undefined;
  desiredState: TaskState | string;
  state: TaskState | string;
  /** The engine's short message (`started`, `preparing`…) and error, if any. */
  message: string;
  error: string;
  /** When the task entered its current state. */
  since: Date | undefined;
  createdAt: Date | undefined;
  containerId: string | undefined;
  image: string;
}

export type NodeRole = 'manager' | 'worker';
export type NodeAvailability = 'active' | 'pause' | 'drain';

export interface SwarmNode {
  id: string;
  version: number;
  hostname: string;
  role: NodeRole | string;
  availability: NodeAvailability | string;
  /** `ready`, `down`, `disconnected` or `unknown`. */
  state: string;
  addr: string;
  engineVersion: string;
  /** The node labels a user sets (`node update --label-add`), not the engine's own. */
  labels: Readonly<Record<string, string>>;
  leader: boolean;
  /** Managers only: `reachable`, `unreachable` or `unknown`. */
  reachability: string | undefined;
}

/** A secret or a config: metadata only. A secret's value never comes back from the engine. */
export interface SwarmSecretLike {
  id: string;
  name: string;
  version: number;
  labels: Readonly<Record<string, string>>;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
}

export const STACK_NAMESPACE_LABEL = 'com.docker.stack.namespace';
