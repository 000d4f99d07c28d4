/**
 * The Swarm view's refresh with 50 services and 200 tasks, inside the real extension host, on the
 * testbed's three-node swarm (bench/run.ts starts it and points this host at node 1 through
 * DOCKER_HOST): 50 replicated services of 4 `sleep` replicas, made through node 1, then
 * `refreshNow()` timed once every row is there. The services are removed afterwards.
 */
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { ServiceResource } from '../../src/explorer/swarm/swarmTreeModel';
import { Views } from '../../src/ids';
import { waitFor } from '../../test/support/docker';
import { rowsOf } from '../../test/vscode/treeUtil';
import { SWARM_REPLICAS, SWARM_SERVICES } from '../swarmShape';
import { nodeDocker, type SwarmNodeInfo } from '../../test/support/swarm';


export interface SwarmRefreshResult {
  services: number;
  tasks: number;
  refreshMs: number[];
}

/** Services and running task rows the Swarm view shows now. */
async function shown(api: BerthApi, prefix: string): Promise<{ services: number; tasks: number }> {
  const rows = await rowsOf(api, Views.swarm, 3);
  const services = rows.filter((n) => n.kind === 'swarmService' && (n.resource as ServiceResource).service.name.startsWith(prefix));
  let tasks = 0;
  for (const s of services) tasks += (await api.view(Views.swarm).getChildren(s)).filter((t) => t.kind === 'swarmTask').length;
  return { services: services.length, tasks };
}

export async function swarmRefresh(api: BerthApi, node: SwarmNodeInfo, image: string, rounds: number): Promise<SwarmRefreshResult> {
  const prefix = `berth-bench-svc-${process.pid}-`;
  const names = Array.from({ length: SWARM_SERVICES }, (_, i) => `${prefix}${i}`);
  await vscode.commands.executeCommand(`${Views.swarm}.focus`);
  try {
    for (let i = 0; i < names.length; i += 10) {
      await Promise.all(
        names.slice(i, i + 10).map((name) =>
          nodeDocker(node, ['service', 'create', '-d', '--no-resolve-image', '--name', name, '--label', 'berth.bench=1', '--endpoint-mode', 'dnsrr', '--stop-grace-period', '1s', '--replicas', String(SWARM_REPLICAS), image, 'sleep', '3600']),
        ),
      );
    }
    // Every task running, as the engine says, then every row in the view.
    await waitFor('200 running tasks', async () => (await nodeDocker(node, ['service', 'ls', '--filter', 'label=berth.bench=1', '--format', '{{.Replicas}}'])).split('\n').filter((r) => r === `${SWARM_REPLICAS}/${SWARM_REPLICAS}`).length === SWARM_SERVICES, 600_000, 1000);
    let last = { services: 0, tasks: 0 };
    await waitFor('50 services and 200 tasks in the view', async () => {
      await api.view(Views.swarm).refreshNow();
      last = await shown(api, prefix);
      return last.services === SWARM_SERVICES && last.tasks >= SWARM_SERVICES * SWARM_REPLICAS;
    }, 120_000, 500);
    const refreshMs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      await api.view(Views.swarm).refreshNow();
      refreshMs.push(performance.now() - t);
    }
    return { ...last, refreshMs };
  } finally {
    await nodeDocker(node, ['service', 'rm', ...names], 120_000).catch(() => undefined);
  }
}
