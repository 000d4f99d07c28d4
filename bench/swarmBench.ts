/**
 * The Swarm view's two figures on the testbed's three-node swarm (scripts/testbed/swarm.sh), which
 * this starts once and removes afterwards: its refresh with 50 services and 200 tasks (inside the
 * extension host: ./extensionHost/swarmRefresh.ts), and swarm change → rendered task row (in the
 * workbench's DOM: ./swarmLatency.ts).
 */
import type { HostBenchResult } from './extensionHost/index';
import { SWARM_REPLICAS, SWARM_SERVICES } from './swarmShape';
import type { Row } from './run';
import { percentile } from './stats';
import { measureSwarmLatency, SWARM_CHANGE_KINDS, type SwarmLatencyResult } from './swarmLatency';
import { startSwarm } from '../test/support/swarm';

/** Samples per kind of swarm change. */
const SWARM_ROUNDS = 10;
const REFRESH_TARGET_MS = 150;
const LATENCY_TARGET_MS = 1200;

type HostRun = (mode: 'swarm', index: number, env: Record<string, string>) => Promise<HostBenchResult>;

export async function swarmBenchmarks(hostRun: HostRun): Promise<{ rows: Row[]; notes: string[]; raw: unknown }> {
  const swarm = await startSwarm();
  let latency: SwarmLatencyResult;
  let host: HostBenchResult;
  try {
    latency = await measureSwarmLatency(swarm, SWARM_ROUNDS);
    host = await hostRun('swarm', 0, { DOCKER_HOST: swarm.nodes[0].host, BERTH_BENCH_SWARM_NODE: JSON.stringify(swarm.nodes[0]), BERTH_BENCH_SWARM_IMAGE: swarm.image });
  } finally {
    await swarm.stop();
  }
  const refresh = host.swarmRefresh!;
  const p95 = percentile(refresh.refreshMs, 95);
  const rows: Row[] = [
    {
      measure: `Swarm refresh, ${refresh.services} services and ${refresh.tasks} tasks on 3 nodes (n=${refresh.refreshMs.length}) p95`,
      value: `${p95.toFixed(1)} ms`,
      target: `≤ ${REFRESH_TARGET_MS} ms`,
      ok: refresh.services === SWARM_SERVICES && refresh.tasks >= SWARM_SERVICES * SWARM_REPLICAS && p95 <= REFRESH_TARGET_MS,
    },
    { measure: '  Swarm refresh median', value: `${percentile(refresh.refreshMs, 50).toFixed(1)} ms`, target: '', ok: undefined },
  ];
  for (const kind of SWARM_CHANGE_KINDS) {
    const samples = latency.samples[kind];
    const kindP95 = percentile(samples, 95);
    rows.push({
      measure: `docker ${kind} returns → task row drawn (n=${samples.length}) p50 / p95`,
      value: `${percentile(samples, 50).toFixed(0)} / ${kindP95.toFixed(0)} ms`,
      target: `≤ ${LATENCY_TARGET_MS} ms`,
      ok: samples.length > 0 && kindP95 <= LATENCY_TARGET_MS,
    });
  }
  const all = SWARM_CHANGE_KINDS.flatMap((k) => latency.samples[k]);
  rows.push({ measure: `  every swarm change (n=${all.length}) p95`, value: `${percentile(all, 95).toFixed(0)} ms`, target: `≤ ${LATENCY_TARGET_MS} ms`, ok: percentile(all, 95) <= LATENCY_TARGET_MS });
  rows.push({ measure: '  swarm changes no task row showed within 5 s', value: String(latency.missed.length), target: '0', ok: latency.missed.length === 0 });
  const notes = [
    `task row drawn: the Swarm view's task rows in the page's DOM first change after the CLI returned (the engine has no task events: Berth re-lists tasks on service and node events); clocks matched within ±${latency.clockUncertaintyMs.toFixed(1)} ms.`,
    ...latency.missed.map((m) => `missed: ${m.kind} in round ${m.round + 1}.`),
  ];
  return { rows, notes, raw: { refresh, latency } };
}
