/**
 * The Containers view when the engine is not there, as a person sees it: with `berth.host` naming
 * a socket that does not exist, the view says the engine is not reachable and offers a Retry to
 * click; once the socket answers, Retry fills the view. Only what the page shows is read (text in
 * the side bar, an element named Retry), however Berth draws that state.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { createTestContainer, removeTestContainers, runId, waitFor } from '../support/docker';
import { startGatedSocket, type GatedSocket } from '../support/gatedSocket';
import { openWorkbench, showInBerth, sideBar, type Workbench } from './workbench';

const UNREACHABLE = /not reachable/i;

/** Retry as a person finds it: a button (welcome content) or a row (tree content), named Retry. */
function retry(page: Page): Locator {
  const bar = sideBar(page);
  return bar.getByRole('button', { name: 'Retry', exact: true }).or(bar.getByRole('treeitem', { name: /^Retry\b/ }));
}

describe('Containers view without an engine (UI)', function () {
  this.timeout(120_000);
  const name = `berth-ui-retry-${runId}`;
  // Short: unix socket paths end at 107 bytes.
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'berth-ui-'));
  const socketPath = path.join(dir, 'docker.sock');
  let workbench: Workbench | undefined;
  let socket: GatedSocket | undefined;

  before(async () => {
    await createTestContainer(name);
    workbench = await openWorkbench('ui-unreachable', {
      trusted: true,
      files: { '.vscode/settings.json': JSON.stringify({ 'berth.host': `unix://${socketPath}` }) },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.keepEvidence();
  });

  after(async () => {
    await workbench?.close();
    await socket?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await removeTestContainers().catch((e) => console.error(e));
  });

  it('says the engine is not reachable and offers a Retry that can be clicked', async () => {
    const page = workbench!.page;
    await showInBerth(page, 'the unreachable text', sideBar(page).getByText(UNREACHABLE));
    const button = retry(page).first();
    await button.waitFor({ timeout: 10_000 });
    assert.ok(await button.isEnabled(), 'Retry is disabled');
    await button.click();
    // Still no engine: the view keeps saying so, and keeps its Retry.
    await sideBar(page).getByText(UNREACHABLE).first().waitFor({ timeout: 10_000 });
    await retry(page).first().waitFor({ timeout: 10_000 });
    assert.equal(await sideBar(page).locator('.monaco-list-row').filter({ hasText: name }).count(), 0);
  });

  it('fills the view with the containers when Retry is clicked after the socket answers', async () => {
    const page = workbench!.page;
    socket = await startGatedSocket(socketPath);
    // While the socket only hangs up, Berth retries with a growing back-off and still says unreachable.
    // Wait until its attempts are 3 s or more apart, so a back-off attempt cannot pass for Retry's.
    const gap = (): number => {
      const c = socket!.connections;
      return c.length < 2 ? 0 : c[c.length - 1]!.at - c[c.length - 2]!.at;
    };
    await waitFor('back-off attempts 3 s apart', () => gap() >= 3_000, 60_000, 50);
    await sideBar(page).getByText(UNREACHABLE).first().waitFor({ timeout: 5_000 });
    const lastRefused = socket.connections[socket.connections.length - 1]!.at;
    const backoff = gap();

    socket.open();
    await retry(page).first().click();
    await sideBar(page).locator('.monaco-list-row').filter({ hasText: name }).first().waitFor({ timeout: 30_000 });
    // Every view redraws on its own (each behind VS Code's 200 ms tree debounce): all must drop the message.
    await waitFor('the unreachable text gone from every view', async () => (await sideBar(page).getByText(UNREACHABLE).count()) === 0, 10_000, 100);
    const first = socket.connections.find((c) => c.forwarded);
    assert.ok(first, 'no connection reached the engine through the socket');
    // The back-off never shortens, so it would not have tried again for about `backoff` ms after
    // the last refused attempt: an attempt well before that was Retry's.
    const after = first.at - lastRefused;
    assert.ok(after < backoff * 0.75, `the first attempt to get through came ${after.toFixed(0)} ms after the last refused one, with back-off attempts ${backoff.toFixed(0)} ms apart: Retry did not connect`);
  });
});
