/**
 * Engine change → rendered row, in the real workbench: from the docker CLI returning to the row
 * showing the change in the page's DOM (a MutationObserver in the page, read through Playwright).
 * Containers: `create`, `start`, `pause`, `unpause`, `stop -t 0`, `rm` in the Containers view;
 * then an image tag, a volume and a network coming and going, each in its own view (the other
 * panes folded, so the row is on screen). Changes are spaced past VS Code's 200 ms tree debounce.
 * The daemon sends some events before it answers the CLI, so the row can change first: such a
 * sample is kept as its real, negative (or zero) delta.
 */
import type { Page } from 'playwright-core';
import { docker, SERVICE_CMD, TEST_IMAGE, waitFor } from '../test/support/docker';
import { focusView, onlyPane, openWorkbench, showRowInBerth } from '../test/ui/workbench';
import { freeSubnets } from './subnets';

export const CHANGE_KINDS = ['create', 'start', 'pause', 'unpause', 'stop', 'rm', 'image tag', 'image rm', 'volume create', 'volume rm', 'network create', 'network rm'] as const;
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
  MutationObserver: new (callback: () => void) => { observe(target: PageElement, options: Record<string, boolean>): void; disconnect(): void };
}
interface PageGlobals extends PageDom {
  berthRowLooks: RowLook[];
  berthRowWatch?: { disconnect(): void };
}

/** Records every change of the named row's look (from its look now), with the page's clock (epoch ms). Runs in the page; replaces the previous watch. */
function watchRowInPage(rowName: string): void {
  const page = globalThis as unknown as PageGlobals;
  page.berthRowWatch?.disconnect();
  const looks: RowLook[] = [];
  page.berthRowLooks = looks;
  const sideBar = page.document.querySelector('.part.sidebar')!;
  const look = (): { present: boolean; icon: string } => {
    const row = [...sideBar.querySelectorAll('.monaco-list-row')].find((r) => r.textContent?.includes(rowName));
    const icon = /codicon-([\w-]+)/.exec(row?.querySelector('.custom-view-tree-node-item-icon')?.className ?? '')?.[1] ?? '';
    return { present: row !== undefined, icon };
  };
  let last = '';
  const record = (): void => {
    const now = look();
    const key = `${now.present}:${now.icon}`;
    if (key !== last) {
      last = key;
      looks.push({ at: performance.timeOrigin + performance.now(), ...now });
    }
  };
  record();
  const observer = new page.MutationObserver(record);
  observer.observe(sideBar, { subtree: true, childList: true, attributes: true, characterData: true });
  page.berthRowWatch = observer;
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

/** One change and what the row must show once it is drawn. */
interface RowChange {
  kind: ChangeKind;
  args: string[];
  drawn(look: RowLook): boolean;
}

/** Something whose row a view shows: the docker commands that change it, in the order of a round. */
interface RowSubject {
  /** The view's name (`Images`): the bench shows that view alone. Unset: the Containers view, as the side bar opens. */
  view?: string;
  /** Text of the row, unique in the side bar. */
  name: string;
  changes: RowChange[];
  /** What the engine says of it, for a missed change. */
  engineState: string[];
  /** Removes it whatever state it is in. */
  remove: string[];
}

const present = (l: RowLook): boolean => l.present;
const gone = (l: RowLook): boolean => !l.present;

function containerSubject(name: string): RowSubject {
  const icon = (id: string) => (l: RowLook) => l.present && l.icon === id;
  return {
    name,
    changes: [
      { kind: 'create', args: ['create', '--name', name, '--label', 'berth.bench=1', TEST_IMAGE, ...SERVICE_CMD], drawn: present },
      { kind: 'start', args: ['start', name], drawn: icon('vm-running') },
      { kind: 'pause', args: ['pause', name], drawn: icon('debug-pause') },
      { kind: 'unpause', args: ['unpause', name], drawn: icon('vm-running') },
      { kind: 'stop', args: ['stop', '-t', '0', name], drawn: icon('vm-outline') },
      { kind: 'rm', args: ['rm', name], drawn: gone },
    ],
    engineState: ['inspect', '-f', '{{.State.Status}}', name],
    remove: ['rm', '-f', name],
  };
}

/** An image, a volume and a network that come and go; named to sort first in their views. */
async function explorerSubjects(): Promise<RowSubject[]> {
  const image = `0-berth-bench-image-${process.pid}`;
  const volume = `0-berth-bench-volume-${process.pid}`;
  const network = `0-berth-bench-network-${process.pid}`;
  const [subnet] = await freeSubnets(1);
  const cameAndWent = (view: string, name: string, kind: 'image' | 'volume' | 'network', make: string[], remove: string[]): RowSubject => ({
    view,
    name,
    changes: [
      { kind: `${kind} ${make[1]}` as ChangeKind, args: make, drawn: present },
      { kind: `${kind} rm` as ChangeKind, args: remove, drawn: gone },
    ],
    engineState: [kind, 'inspect', '-f', 'present', kind === 'image' ? `${name}:bench` : name],
    remove,
  });
  return [
    cameAndWent('Images', image, 'image', ['image', 'tag', TEST_IMAGE, `${image}:bench`], ['image', 'rm', `${image}:bench`]),
    cameAndWent('Volumes', volume, 'volume', ['volume', 'create', '--label', 'berth.bench=1', volume], ['volume', 'rm', '-f', volume]),
    cameAndWent('Networks', network, 'network', ['network', 'create', '--label', 'berth.bench=1', '--subnet', subnet!, network], ['network', 'rm', network]),
  ];
}

/** Shows `subject`'s view alone in the side bar (its row on screen) and watches its row. */
async function watchSubject(page: Page, subject: RowSubject): Promise<void> {
  if (subject.view) {
    await focusView(page, `Focus on ${subject.view} View`);
    await onlyPane(page, subject.view);
    // Its first listing drawn (a row, or the message of an empty view) before the first change.
    await page.locator('.part.sidebar .pane-body .monaco-list-row').first().waitFor({ timeout: 15_000 });
  }
  await page.evaluate(watchRowInPage, subject.name);
}

export async function measureRowLatency(rounds: number): Promise<RowLatencyResult> {
  const samples = Object.fromEntries(CHANGE_KINDS.map((k) => [k, [] as number[]])) as Record<ChangeKind, number[]>;
  const missed: RowLatencyResult['missed'] = [];
  const subjects = [containerSubject(`berth-bench-row-${process.pid}`), ...(await explorerSubjects())];
  for (const subject of subjects) await docker(subject.remove).catch(() => undefined);
  // A row to open the side bar with; it stays while the measured container comes and goes.
  const anchor = `berth-bench-anchor-${process.pid}`;
  await docker(['create', '--name', anchor, '--label', 'berth.bench=1', TEST_IMAGE, ...SERVICE_CMD]);
  const workbench = await openWorkbench('bench-rows', { trusted: true });
  try {
    const page = workbench.page;
    await showRowInBerth(page, anchor);
    const clock = await clockOffset(page);
    const quiet = (): Promise<boolean> =>
      waitFor('a quiet row', async () => {
        const all = await looks(page);
        return performance.timeOrigin + performance.now() - ((all[all.length - 1]?.at ?? 0) + clock.offset) >= QUIET_MS;
      }, 15_000, 20);
    for (const subject of subjects) {
      await watchSubject(page, subject);
      await quiet();
      for (let round = 0; round < rounds; round++) {
        for (const change of subject.changes) {
          const seen = (await looks(page)).length;
          await docker(change.args);
          const returned = performance.timeOrigin + performance.now();
          const drawn = await waitFor(`the row to show ${change.kind}`, async () => (await looks(page)).slice(seen).find(change.drawn), MISS_MS, 10).catch(() => undefined);
          if (!drawn) {
            const engine = await docker(subject.engineState).catch(() => 'gone');
            const last = (await looks(page)).at(-1);
            missed.push({ kind: change.kind, round, engine, row: last ? `${last.present ? `icon ${last.icon}` : 'absent'}` : 'never seen' });
            // Start the round over from a clean slate: removing the object redraws the view.
            await docker(subject.remove).catch(() => undefined);
            await waitFor('the row to go after a miss', async () => !(await looks(page)).at(-1)?.present, 30_000, 20);
            await quiet();
            break;
          }
          samples[change.kind].push(drawn.at + clock.offset - returned);
          // Quiet for QUIET_MS since the row last changed, so the next change is not held back.
          await quiet();
        }
      }
    }
    return { samples, missed, clockUncertaintyMs: clock.uncertainty };
  } catch (error) {
    await workbench.keepEvidence();
    throw error;
  } finally {
    await workbench.close();
    for (const subject of subjects) await docker(subject.remove).catch(() => undefined);
    await docker(['rm', '-f', anchor]).catch(() => undefined);
  }
}
