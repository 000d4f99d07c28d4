/** The engine's swarm JSON → Berth's types. Pure; tolerant of missing fields (older engines, proxies). */
import { STACK_NAMESPACE_LABEL } from './swarmTypes';
import type {
  ServiceMode,
  ServicePort,
  ServiceUpdateConfig,
  SwarmLocalState,
  SwarmNode,
  SwarmSecretLike,
  SwarmService,
  SwarmStatus,
  SwarmTask,
} from './swarmTypes';

type Raw = any;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const labels = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object') for (const [k, value] of Object.entries(v)) if (typeof value === 'string') out[k] = value;
  return out;
};

/** Engine timestamps; the zero time (`0001-01-01T00:00:00Z`) means "never". */
export function engineDate(v: unknown): Date | undefined {
  if (typeof v !== 'string' || v.startsWith('0001-')) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** `berth-test/busybox:v2@sha256:…` → `berth-test/busybox:v2`: the pin is noise in a tree. */
export function imageWithoutDigest(image: string): string {
  const at = image.indexOf('@sha256:');
  return at > 0 ? image.slice(0, at) : image;
}

export function toSwarmStatus(info: Raw): SwarmStatus {
  const s = info?.Swarm ?? {};
  const state = str(s.LocalNodeState) || 'inactive';
  return {
    localState: state as SwarmLocalState,
    nodeId: str(s.NodeID),
    nodeAddr: str(s.NodeAddr),
    isManager: s.ControlAvailable === true,
    clusterId: str(s.Cluster?.ID) || undefined,
    nodes: num(s.Nodes) ?? 0,
    managers: num(s.Managers) ?? 0,
    error: str(s.Error),
  };
}

function serviceMode(mode: Raw): { mode: ServiceMode; replicas: number | undefined } {
  if (mode?.Global) return { mode: 'global', replicas: undefined };
  if (mode?.GlobalJob) return { mode: 'global-job', replicas: undefined };
  if (mode?.ReplicatedJob) return { mode: 'replicated-job', replicas: num(mode.ReplicatedJob.TotalCompletions) ?? 1 };
  return { mode: 'replicated', replicas: num(mode?.Replicated?.Replicas) ?? 1 };
}

function toPorts(ports: Raw): ServicePort[] {
  if (!Array.isArray(ports)) return [];
  return ports.map((p: Raw) => ({
    targetPort: num(p.TargetPort) ?? 0,
    publishedPort: num(p.PublishedPort),
    protocol: str(p.Protocol) || 'tcp',
    publishMode: str(p.PublishMode) || 'ingress',
  }));
}

function nsToMs(v: unknown): number {
  return Math.round((num(v) ?? 0) / 1e6);
}

function toUpdateConfig(c: Raw): ServiceUpdateConfig | undefined {
  if (!c || typeof c !== 'object') return undefined;
  return {
    parallelism: num(c.Parallelism) ?? 1,
    delayMs: nsToMs(c.Delay),
    failureAction: str(c.FailureAction) || 'pause',
    order: str(c.Order) || 'stop-first',
    monitorMs: nsToMs(c.Monitor),
    maxFailureRatio: num(c.MaxFailureRatio) ?? 0,
  };
}

export function toSwarmService(raw: Raw): SwarmService {
  const spec = raw?.Spec ?? {};
  const serviceLabels = labels(spec.Labels);
  const { mode, replicas } = serviceMode(spec.Mode);
  const u = raw?.UpdateStatus;
  return {
    id: str(raw?.ID),
    name: str(spec.Name),
    version: num(raw?.Version?.Index) ?? 0,
    mode,
    replicas,
    image: imageWithoutDigest(str(spec.TaskTemplate?.ContainerSpec?.Image)),
    labels: serviceLabels,
    stack: serviceLabels[STACK_NAMESPACE_LABEL] || undefined,
    ports: toPorts(raw?.Endpoint?.Ports ?? spec.EndpointSpec?.Ports),
    endpointMode: str(spec.EndpointSpec?.Mode) || 'vip',
    virtualIps: Array.isArray(raw?.Endpoint?.VirtualIPs) ? raw.Endpoint.VirtualIPs.map((v: Raw) => ({ networkId: str(v.NetworkID), addr: str(v.Addr) })) : [],
    updateConfig: toUpdateConfig(spec.UpdateConfig),
    updateStatus: u && typeof u === 'object' ? { state: str(u.State), startedAt: engineDate(u.StartedAt), completedAt: engineDate(u.CompletedAt), message: str(u.Message) } : undefined,
    runningTasks: num(raw?.ServiceStatus?.RunningTasks),
    desiredTasks: num(raw?.ServiceStatus?.DesiredTasks),
    createdAt: engineDate(raw?.CreatedAt),
    updatedAt: engineDate(raw?.UpdatedAt),
    secrets: references(spec.TaskTemplate?.ContainerSpec?.Secrets, 'SecretID', 'SecretName'),
    configs: references(spec.TaskTemplate?.ContainerSpec?.Configs, 'ConfigID', 'ConfigName'),
  };
}

function references(list: Raw, idKey: string, nameKey: string): { id: string; name: string }[] {
  return Array.isArray(list) ? list.map((r: Raw) => ({ id: str(r?.[idKey]), name: str(r?.[nameKey]) })) : [];
}

export function toSwarmTask(raw: Raw): SwarmTask {
  const status = raw?.Status ?? {};
  return {
    id: str(raw?.ID),
    serviceId: str(raw?.ServiceID),
    slot: num(raw?.Slot),
    nodeId: str(raw?.NodeID) || undefined,
    desiredState: str(raw?.DesiredState),
    state: str(status.State),
    message: str(status.Message),
    error: str(status.Err),
    since: engineDate(status.Timestamp),
    createdAt: engineDate(raw?.CreatedAt),
    containerId: str(status.ContainerStatus?.ContainerID) || undefined,
    image: imageWithoutDigest(str(raw?.Spec?.ContainerSpec?.Image)),
  };
}

export function toSwarmNode(raw: Raw): SwarmNode {
  const spec = raw?.Spec ?? {};
  const manager = raw?.ManagerStatus;
  return {
    id: str(raw?.ID),
    version: num(raw?.Version?.Index) ?? 0,
    hostname: str(raw?.Description?.Hostname),
    role: str(spec.Role),
    availability: str(spec.Availability),
    state: str(raw?.Status?.State) || 'unknown',
    addr: str(raw?.Status?.Addr),
    engineVersion: str(raw?.Description?.Engine?.EngineVersion),
    labels: labels(spec.Labels),
    leader: manager?.Leader === true,
    reachability: manager ? str(manager.Reachability) || 'unknown' : undefined,
  };
}

export function toSwarmSecretLike(raw: Raw): SwarmSecretLike {
  return {
    id: str(raw?.ID),
    name: str(raw?.Spec?.Name),
    version: num(raw?.Version?.Index) ?? 0,
    labels: labels(raw?.Spec?.Labels),
    createdAt: engineDate(raw?.CreatedAt),
    updatedAt: engineDate(raw?.UpdatedAt),
  };
}
