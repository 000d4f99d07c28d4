/** Swarm objects shaped as the Engine API (1.41) sends them, trimmed to what Berth reads. */
export function rawService(over: { id: string; name: string; replicas?: number; global?: boolean; labels?: Record<string, string>; update?: object; secrets?: object[] }): object {
  return {
    ID: over.id,
    Version: { Index: 12 },
    CreatedAt: '2026-11-30T05:00:00.123456789Z',
    UpdatedAt: '2026-11-30T05:01:00Z',
    Spec: {
      Name: over.name,
      Labels: over.labels ?? {},
      TaskTemplate: { ContainerSpec: { Image: 'berth-test/busybox:latest@sha256:abc', Secrets: over.secrets ?? [] } },
      Mode: over.global ? { Global: {} } : { Replicated: { Replicas: over.replicas ?? 1 } },
      UpdateConfig: { Parallelism: 1, Delay: 1_000_000_000, FailureAction: 'pause', Monitor: 500_000_000, MaxFailureRatio: 0, Order: 'stop-first' },
      EndpointSpec: { Mode: 'dnsrr' },
    },
    Endpoint: { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'host' }], VirtualIPs: [{ NetworkID: 'n1', Addr: '10.0.0.5/24' }] },
    ...(over.update ? { UpdateStatus: over.update } : {}),
    ServiceStatus: { RunningTasks: 1, DesiredTasks: over.replicas ?? 1 },
  };
}

export function rawTask(over: { id: string; service: string; slot?: number; node?: string; state: string; desired?: string; err?: string; created?: string }): object {
  return {
    ID: over.id,
    ServiceID: over.service,
    ...(over.slot !== undefined ? { Slot: over.slot } : {}),
    NodeID: over.node ?? '',
    DesiredState: over.desired ?? 'running',
    CreatedAt: over.created ?? '2026-11-30T05:00:00Z',
    Status: { Timestamp: '2026-11-30T05:00:05Z', State: over.state, Message: over.state, ...(over.err ? { Err: over.err } : {}), ContainerStatus: { ContainerID: `c-${over.id}` } },
    Spec: { ContainerSpec: { Image: 'berth-test/busybox:v2@sha256:def' } },
  };
}

