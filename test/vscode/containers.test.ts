/**
 * The Containers view in the real extension host against the real engine: the tree lists real
 * containers, Berth's commands act on them, out-of-band changes arrive through the event
 * stream, and hostile compose labels stay text.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import type { ContainersTreeNode } from '../../src/explorer/containers/containerNodes';
import { createTestContainer, docker, removeTestContainers, runId, waitFor } from '../support/docker';
import { openContainersView, skipDestructiveConfirmations } from './testUtil';

async function topLevel(api: BerthApi): Promise<ContainersTreeNode[]> {
  return (await api.containersTree.getChildren(undefined)) ?? [];
}

/** The row of a container wherever it sits (top level or in its compose group). */
async function findContainer(api: BerthApi, id: string): Promise<ContainersTreeNode | undefined> {
  for (const node of await topLevel(api)) {
    if (node.kind === 'container' && node.container.id === id) return node;
    if (node.kind === 'composeProject') {
      const child = node.children.find((c) => c.container.id === id);
      if (child) return child;
    }
  }
  return undefined;
}

/** Waits until the container's row exists and says running. */
function waitForRunningRow(api: BerthApi, id: string): Promise<ContainersTreeNode> {
  return waitFor(`${id.slice(0, 12)} running in the tree`, async () => {
    const n = await findContainer(api, id);
    return n?.kind === 'container' && n.container.state === 'running' ? n : undefined;
  });
}

async function engineState(id: string): Promise<string> {
  return docker(['inspect', '-f', '{{.State.Status}}', id]);
}

describe('Containers view', function () {
  this.timeout(60_000);
  let api: BerthApi;

  before(async () => {
    await skipDestructiveConfirmations(true);
    // Open the view as a person would: Berth does not refresh hidden views.
    api = await openContainersView();
  });

  after(async () => {
    await skipDestructiveConfirmations(false);
    await removeTestContainers();
  });

  it('lists a real container with its state, image and menu context', async () => {
    const name = `berth-view-${runId}`;
    const id = await createTestContainer(name, { start: true });
    const node = await waitForRunningRow(api, id);
    const item = api.containersTree.getTreeItem(node) as vscode.TreeItem;
    assert.equal(item.label, name);
    assert.match(String(item.description), /^berth-test\/busybox(:latest)? · running$/);
    assert.equal(item.contextValue, 'container.running');
    // The tooltip is worked out on hover (resolveTreeItem), so "Up 3 hours" is true when it is read.
    const resolved = (await api.containersTree.resolveTreeItem(item, node)) as vscode.TreeItem;
    assert.ok(resolved.tooltip instanceof vscode.MarkdownString && resolved.tooltip.value.includes('Image: berth\\-test/busybox'));
    assert.match((resolved.tooltip as vscode.MarkdownString).value, /State: running — Up (less than a second|\d+ seconds?), since \d\d:\d\d/);
  });

  it('redraws nothing for an event that changes nothing it shows (a kill the container ignores)', async () => {
    const id = await createTestContainer(`berth-quiet-${runId}`, { start: true });
    const node = await waitForRunningRow(api, id);
    // Until the engine's own status ("Up 2 seconds") has moved on from the one the row was read with:
    // a row that showed it would be redrawn by the kill's re-read.
    const drawnWith = node.kind === 'container' ? node.container.status : '';
    await waitFor('the engine status to move on', async () => (await docker(['ps', '--filter', `id=${id}`, '--format', '{{.Status}}'])) !== drawnWith, 10_000, 100);
    const changed: unknown[] = [];
    const subscription = api.containersTree.onDidChangeTreeData((e) => changed.push(e));
    try {
      // SIGWINCH is ignored by the shell: the engine reports a `kill`, the view re-reads the row, and nothing it draws changed.
      const reread = new Promise<void>((resolve) => {
        const done = api.containersTree.onDidRefresh(() => {
          done.dispose();
          resolve();
        });
      });
      await docker(['kill', '--signal', 'WINCH', id]);
      await reread;
      assert.equal(await engineState(id), 'running');
      assert.equal(changed.length, 0, 'no row or tree redraw for the kill');
      await docker(['stop', '-t', '0', id]);
      await waitFor('the row to say exited', () => node.kind === 'container' && node.container.state === 'exited');
      assert.ok(changed.includes(node), 'the die redraws the row');
    } finally {
      subscription.dispose();
    }
  });

  it('stops a container with berth.container.stop, as the context menu does', async () => {
    const name = `berth-stop-${runId}`;
    const id = await createTestContainer(name, { start: true });
    const node = await waitForRunningRow(api, id);
    await vscode.commands.executeCommand('berth.container.stop', node);
    assert.equal(await engineState(id), 'exited');
    await waitFor('the row to say exited', async () => {
      const n = await findContainer(api, id);
      return n?.kind === 'container' && (api.containersTree.getTreeItem(n) as vscode.TreeItem).contextValue === 'container.exited';
    });
  });

  it('follows an out-of-band docker stop through the event stream, redrawing that row', async () => {
    const name = `berth-oob-${runId}`;
    const id = await createTestContainer(name, { start: true });
    const node = await waitForRunningRow(api, id);
    const changed: unknown[] = [];
    const subscription = api.containersTree.onDidChangeTreeData((e) => changed.push(e));
    try {
      await docker(['stop', id]);
      await waitFor('the row to say exited', () => node.kind === 'container' && node.container.state === 'exited', 5000);
      assert.ok(changed.includes(node), 'the change event names the row itself, not only the root');
    } finally {
      subscription.dispose();
    }
  });

  it('pauses and unpauses through Berth', async () => {
    const id = await createTestContainer(`berth-pause-${runId}`, { start: true });
    const node = await waitForRunningRow(api, id);
    await vscode.commands.executeCommand('berth.container.pause', node);
    assert.equal(await engineState(id), 'paused');
    await waitFor('the row to say paused', () => node.kind === 'container' && node.container.state === 'paused');
    await vscode.commands.executeCommand('berth.container.unpause', node);
    assert.equal(await engineState(id), 'running');
  });

  it('shows a hostile compose project label as text and acts on its group without running it', async () => {
    const marker = `/tmp/berth-pwn-view-${runId}`;
    const project = `p$(touch ${marker}) "q" \`touch ${marker}\` é 🚢 ${runId}`;
    const labels = { 'com.docker.compose.project': project, 'com.docker.compose.service': 'web' };
    const a = await createTestContainer(`berth-hostile-a-${runId}`, { start: true, labels });
    const b = await createTestContainer(`berth-hostile-b-${runId}`, { start: true, labels: { ...labels, 'com.docker.compose.service': 'db' } });
    const group = await waitFor('the hostile group with both containers', async () => {
      const g = (await topLevel(api)).find((n) => n.kind === 'composeProject' && n.project === project);
      return g?.kind === 'composeProject' && g.children.length === 2 && g.children.every((c) => c.container.state === 'running') ? g : undefined;
    });
    const item = api.containersTree.getTreeItem(group) as vscode.TreeItem;
    assert.equal(item.label, project);
    assert.equal(item.description, '2/2 running');

    await vscode.commands.executeCommand('berth.container.stop', group);
    assert.deepEqual([await engineState(a), await engineState(b)], ['exited', 'exited']);
    await waitFor('the group to show 0/2 running', () => (api.containersTree.getTreeItem(group) as vscode.TreeItem).description === '0/2 running');

    await vscode.commands.executeCommand('berth.container.remove', group);
    await assert.rejects(engineState(a), /No such object/);
    await assert.rejects(engineState(b), /No such object/);
    await waitFor('the group to leave the tree', async () => !(await topLevel(api)).some((n) => n.kind === 'composeProject' && n.project === project));
    assert.equal(existsSync(marker), false, 'nothing from the label was executed');
  });

  it("shows an exception while drawing the list as the view's error, not as an unhandled rejection", async () => {
    // The fault: drawing the rows throws, as a bug in it would. The real engine cannot make that
    // happen on demand, so the tree's apply() is replaced for this test only.
    const tree = api.containersTree as unknown as { apply(list: unknown): void };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    tree.apply = () => {
      throw new Error(`drawing failed ${runId}`);
    };
    try {
      // An engine event schedules the re-list that runs apply().
      await createTestContainer(`berth-apply-${runId}`);
      await waitFor('the error in the view, or an unhandled rejection', () => api.containersTree.failure !== undefined || unhandled.length > 0);
      assert.deepEqual(unhandled.map(String), [], 'no unhandled rejection');
      assert.match(api.containersTree.failure ?? '', new RegExp(`could not show the containers: drawing failed ${runId}.*Refresh`));
    } finally {
      delete (tree as { apply?: unknown }).apply;
      process.off('unhandledRejection', onUnhandled);
    }
    await api.containersTree.refreshNow();
    assert.equal(api.containersTree.failure, undefined, 'a refresh that works clears the error');
  });
});
