/**
 * Swarm change → rendered task row, in the real workbench on the testbed's three-node swarm: from
 * the docker CLI returning (`service scale` up by one, `service update --force`, `node update
 * --availability drain`, then `active` again; all detached) to the Swarm view's task rows in the
 * page's DOM first showing the change (a MutationObserver in the page, read through Playwright,
 * clocks matched as ./rowLatency.ts does). The engine has no task events: Berth re-lists a
 * service's tasks on its service and node events, so this is the path the figure covers.
 */
import type { Page } from 'playwright-core';
import { SERVICE_CMD, waitFor } from '../test/support/docker';
import { nodeDocker, type TestSwarm } from '../test/support/swarm';
import { openWorkbench, runCommand, showInBerth, sideBar } from '../test/ui/workbench';
import { clockOffset, type PageDom } from './rowLatency';

export const SWARM_CHANGE_KINDS = ['service scale +1', 'service update --force', 'node update drain', 'node update active'] as const;
export type SwarmChangeKind = (typeof SWARM_CHANGE_KINDS)[number];

export interface SwarmLatencyResult {
  /** Per kind of change, CLI return → first task row change drawn, in ms. */
  samples: Record<SwarmChangeKind, number[]>;
  /** Changes no task row showed within MISS_MS. */
  missed: { kind: SwarmChangeKind; round: number }[];
  clockUncertaintyMs: number;
}

/** What the task rows say, each time it changes, with the page's clock (epoch ms). */
interface TaskRowsLook {
  at: number;
  text: string;
}

/** A change not drawn by then is missed (apart from the figures). */
const MISS_MS = 5_000;
/** The rows unchanged this long count as settled before the next change (past VS Code's 200 ms tree debounce and Berth's settle re-lists). */
const QUIET_MS = 1_500;

interface PageGlobals extends PageDom {
  berthTaskLooks: TaskRowsLook[];
}

/** Records every change of the task rows' text (`<slot> · <node>` rows and their state). Runs in the page. */
function watchTaskRowsInPage(): void {
  const page = globalThis as unknown as PageGlobals;
  const looks: TaskRowsLook[] = [];
  page.berthTaskLooks = looks;
  const sideBar = page.document.querySelector('.part.sidebar')!;
  const text = (): string =>
    [...sideBar.querySelectorAll('.monaco-list-row')]
      .map((r) => r.textContent ?? '')
      .filter((t) => /^\d+ · /.test(t))
      .sort()
      .join('\n');
  let last = text();
  looks.push({ at: performance.timeOrigin + performance.now(), text: last });
  new page.MutationObserver(() => {
    const now = text();
    if (now !== last) {
      last = now;
      looks.push({ at: performance.timeOrigin + performance.now(), text: now });
    }
  }).observe(sideBar, { subtree: true, childList: true, attributes: true, characterData: true });
}

function looks(page: Page): Promise<TaskRowsLook[]> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).berthTaskLooks);
}

/** Only the Swarm view open, and the service row expanded to its tasks. */
async function showServiceTasks(page: Page, service: string): Promise<void> {
  await showInBerth(page, 'the Swarm view', sideBar(page).locator('.pane-header').filter({ hasText: /^Swarm/i }));
  await runCommand(page, 'Focus on Swarm View');
  for (const title of ['Containers', 'Networks']) {
    const header = sideBar(page).locator('.pane-header').filter({ hasText: new RegExp(`^${title}`, 'i') }).first();
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }
  const rows = sideBar(page).locator('.monaco-list-row');
  const row = rows.filter({ hasText: service }).filter({ hasText: '3/3' }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  await page.keyboard.press('ArrowRight');
  await waitFor('three running task rows', async () => (await rows.filter({ hasText: /^\d+ · .*running/ }).count()) === 3, 30_000, 100);
}

export async function measureSwarmLatency(swarm: TestSwarm, rounds: number): Promise<SwarmLatencyResult> {
  const [n1, , n3] = swarm.nodes;
  const name = `berth-bench-tasks-${process.pid}`;
  const docker = (args: string[]): Promise<string> => nodeDocker(n1, args);
  // One task per node at most: a drained node's task cannot move and waits, pending, until the node is active again.
  await docker(['service', 'create', '-d', '--no-resolve-image', '--name', name, '--label', 'berth.bench=1', '--endpoint-mode', 'dnsrr', '--stop-grace-period', '1s', '--replicas', '3', '--replicas-max-per-node', '1', '--update-parallelism', '0', '--update-monitor', '500ms', swarm.image, ...SERVICE_CMD]);
  /** `3/3 (max 1 per node)`: running/desired. */
  const replicas = (): Promise<string> => docker(['service', 'ls', '--filter', `name=${name}`, '--format', '{{.Replicas}}']);
  await waitFor('3/3 running', async () => (await replicas()).startsWith('3/3 '), 60_000, 200);
  const workbench = await openWorkbench('bench-swarm-rows', { trusted: true, env: { DOCKER_HOST: n1.host } });
  const samples = Object.fromEntries(SWARM_CHANGE_KINDS.map((k) => [k, [] as number[]])) as Record<SwarmChangeKind, number[]>;
  const missed: SwarmLatencyResult['missed'] = [];
  try {
    const page = workbench.page;
    await showServiceTasks(page, name);
    await page.evaluate(watchTaskRowsInPage);
    const clock = await clockOffset(page);
    const pageNow = (): number => performance.timeOrigin + performance.now() - clock.offset;
    const quiet = (): Promise<boolean> =>
      waitFor('quiet task rows', async () => pageNow() - ((await looks(page)).at(-1)?.at ?? 0) >= QUIET_MS, 60_000, 50);
    const updateDone = (): Promise<boolean> =>
      waitFor('the update done', async () => (await docker(['service', 'inspect', '-f', '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}', name])) !== 'updating', 60_000, 200);
    const changes: Record<SwarmChangeKind, { run: string[]; settle: () => Promise<unknown> }> = {
      'service scale +1': { run: ['service', 'scale', '-d', `${name}=4`], settle: async () => {
        await quiet();
        await docker(['service', 'scale', '-d', `${name}=3`]);
        await waitFor('3/3 again', async () => (await replicas()).startsWith('3/3 '), 60_000, 200);
      } },
      'service update --force': { run: ['service', 'update', '-d', '--force', name], settle: updateDone },
      'node update drain': { run: ['node', 'update', '--availability', 'drain', n3.hostname], settle: () => waitFor('2/3 with node 3 drained', async () => (await replicas()).startsWith('2/3 '), 60_000, 200) },
      'node update active': { run: ['node', 'update', '--availability', 'active', n3.hostname], settle: () => waitFor('3/3 again', async () => (await replicas()).startsWith('3/3 '), 60_000, 200) },
    };
    for (let round = 0; round < rounds; round++) {
      for (const kind of SWARM_CHANGE_KINDS) {
        await quiet();
        const seen = (await looks(page)).length;
        await docker(changes[kind].run);
        const returned = performance.timeOrigin + performance.now();
        const drawn = await waitFor(`a task row to change after ${kind}`, async () => (await looks(page))[seen], MISS_MS, 10).catch(() => undefined);
        if (drawn) samples[kind].push(drawn.at + clock.offset - returned);
        else missed.push({ kind, round });
        await changes[kind].settle();
      }
    }
    return { samples, missed, clockUncertaintyMs: clock.uncertainty };
  } catch (error) {
    await workbench.keepEvidence();
    throw error;
  } finally {
    await workbench.close();
    await nodeDocker(n1, ['node', 'update', '--availability', 'active', n3.hostname]).catch(() => undefined);
    await docker(['service', 'rm', name]).catch(() => undefined);
  }
}
