/**
 * Engine change → rendered row, in the real workbench: from the docker CLI returning (`create`,
 * `start`, `pause`, `unpause`, `stop -t 0`, `rm`) to the Containers view's row showing the new
 * state in the page's DOM (a MutationObserver in the page, read through Playwright). Changes are
 * spaced past VS Code's 200 ms tree debounce. The daemon sends some events before it answers the
 * CLI, so the row can change first: such a sample is kept as its real, negative (or zero) delta.
 */
import type { Page } from 'playwright-core';
import { docker, SERVICE_CMD, TEST_IMAGE, waitFor } from '../test/support/docker';
import { openWorkbench, showRowInBerth } from '../test/ui/workbench';

export const CHANGE_KINDS = ['create', 'start', 'pause', 'unpause', 'stop', 'rm'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface RowLatencyResult {
  /** Per kind of change, CLI return → row drawn, in ms; negative when the row changed first. */
  samples: Record<ChangeKind, number[]>;
  /** Changes the row never showed within MISS_MS, with what the engine and the row said then. */
  missed: { kind: ChangeKind; round: number; engine: string; row: string }[];
  /** Half the round trip of the best clock comparison between this process and the page, in ms. */
  clockUncertaintyMs: number;
}

/** What the row shows: whether it is there, and its state icon (a codicon id). */
interface RowLook {
  at: number;
  present: boolean;
  icon: string;
}

const EXPECTED: Record<ChangeKind, (look: RowLook) => boolean> = {
  create: (l) => l.present,
  start: (l) => l.present && l.icon === 'vm-running',
  pause: (l) => l.present && l.icon === 'debug-pause',
  unpause: (l) => l.present && l.icon === 'vm-running',
  stop: (l) => l.present && l.icon === 'vm-outline',
  rm: (l) => !l.present,
};

const QUIET_MS = 300; // past VS Code's 200 ms tree debounce, so each change is drawn on its own
/** A change not drawn by then counts as missed, apart from the figures; the round starts over. */
const MISS_MS = 5_000;

/** The little of the page's DOM the watchers use (this project compiles without the DOM library). */
export interface PageElement {
  textContent: string | null;
  className: string;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
export interface PageDom {
  document: PageElement;
  MutationObserver: new (callback: () => void) => { observe(target: PageElement, options: Record<string, boolean>): void };
}
interface PageGlobals extends PageDom {
  berthRowLooks: RowLook[];
}

/** Records every change of the named row's look, with the page's clock (epoch ms). Runs in the page. */
function watchRowInPage(rowName: string): void {
  const page = globalThis as unknown as PageGlobals;
  const looks: RowLook[] = [];
  page.berthRowLooks = looks;
  const sideBar = page.document.querySelector('.part.sidebar')!;
  const look = (): { present: boolean; icon: string } => {
    const row = [...sideBar.querySelectorAll('.monaco-list-row')].find((r) => r.textContent?.includes(rowName));
    const icon = /codicon-([\w-]+)/.exec(row?.querySelector('.custom-view-tree-node-item-icon')?.className ?? '')?.[1] ?? '';
    return { present: row !== undefined, icon };
  };
  let last = '';
  new page.MutationObserver(() => {
    const now = look();
    const key = `${now.present}:${now.icon}`;
    if (key !== last) {
      last = key;
      looks.push({ at: performance.timeOrigin + performance.now(), ...now });
    }
  }).observe(sideBar, { subtree: true, childList: true, attributes: true, characterData: true });
}

function looks(page: Page): Promise<RowLook[]> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).berthRowLooks);
}

/** This process's clock minus the page's, from the comparison with the shortest round trip. */
export async function clockOffset(page: Page): Promise<{ offset: number; uncertainty: number }> {
  let best = { offset: 0, uncertainty: Infinity };
  for (let i = 0; i < 30; i++) {
    const sent = performance.timeOrigin + performance.now();
    const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
    const back = performance.timeOrigin + performance.now();
    if ((back - sent) / 2 < best.uncertainty) best = { offset: (sent + back) / 2 - pageNow, uncertainty: (back - sent) / 2 };
  }
  return best;
}

export async function measureRowLatency(rounds: number): Promise<RowLatencyResult> {
  const name = `berth-bench-row-${process.pid}`;
  const samples = Object.fromEntries(CHANGE_KINDS.map((k) => [k, [] as number[]])) as Record<ChangeKind, number[]>;
  const missed: RowLatencyResult['missed'] = [];
  await docker(['rm', '-f', name]).catch(() => undefined);
  // A row to open the view with; it stays while the measured container comes and goes.
  const anchor = `berth-bench-anchor-${process.pid}`;
  await docker(['create', '--name', anchor, '--label', 'berth.bench=1', TEST_IMAGE, ...SERVICE_CMD]);
  const workbench = await openWorkbench('bench-rows', { trusted: true });
  try {
    const page = workbench.page;
    await showRowInBerth(page, anchor);
    await page.evaluate(watchRowInPage, name);
    const clock = await clockOffset(page);
    const commands: Record<ChangeKind, string[]> = {
      create: ['create', '--name', name, '--label', 'berth.bench=1', TEST_IMAGE, ...SERVICE_CMD],
      start: ['start', name],
      pause: ['pause', name],
      unpause: ['unpause', name],
      stop: ['stop', '-t', '0', name],
      rm: ['rm', name],
    };
    const quiet = (): Promise<boolean> =>
      waitFor('a quiet row', async () => {
        const all = await looks(page);
        return performance.timeOrigin + performance.now() - ((all[all.length - 1]?.at ?? 0) + clock.offset) >= QUIET_MS;
      }, 15_000, 20);
    for (let round = 0; round < rounds; round++) {
      for (const kind of CHANGE_KINDS) {
        const seen = (await looks(page)).length;
        await docker(commands[kind]);
        const returned = performance.timeOrigin + performance.now();
        const drawn = await waitFor(`the row to show ${kind}`, async () => (await looks(page)).slice(seen).find(EXPECTED[kind]), MISS_MS, 10).catch(() => undefined);
        if (!drawn) {
          const engine = await docker(['inspect', '-f', '{{.State.Status}}', name]).catch(() => 'gone');
          const last = (await looks(page)).at(-1);
          missed.push({ kind, round, engine, row: last ? `${last.present ? `icon ${last.icon}` : 'absent'}` : 'never seen' });
          // Start the round over from a clean slate: removing the container redraws the view.
          await docker(['rm', '-f', name]).catch(() => undefined);
          await waitFor('the row to go after a miss', async () => !(await looks(page)).at(-1)?.present, 30_000, 20);
          await quiet();
          break;
        }
        samples[kind].push(drawn.at + clock.offset - returned);
        // Quiet for QUIET_MS since the row last changed, so the next change is not held back.
        await quiet();
      }
    }
    return { samples, missed, clockUncertaintyMs: clock.uncertainty };
  } catch (error) {
    await workbench.keepEvidence();
    throw error;
  } finally {
    await workbench.close();
    await docker(['rm', '-f', name, anchor]).catch(() => undefined);
  }
}
