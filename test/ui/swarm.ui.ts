/**
 * The Swarm view as a person sees it, on the real three-node swarm (scripts/testbed/swarm.sh):
 * code-server's Berth talks to node 1 (DOCKER_HOST), the view lists a replicated service with a
 * task on each node, a stack, a global service, the nodes with the leader, a secret and a config;
 * the screenshot is kept in test-results/ui-swarm/ to look at.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freshResultsDir } from '../harness/evidence';
import { runId, SERVICE_CMD } from '../support/docker';
import { nodeDocker, startSwarm, type TestSwarm } from '../support/swarm';
import { assertScreenshotShows } from './png';
import { openWorkbench, runCommand, showInBerth, sideBar, type Workbench } from './workbench';

describe('Swarm view (UI)', function () {
  this.timeout(180_000);
  const results = freshResultsDir('ui-swarm');
  let swarm: TestSwarm;
  let workbench: Workbench | undefined;
  const web = `web-${runId}`;

  before(async function () {
    this.timeout(180_000);
    swarm = await startSwarm();
    const [n1] = swarm.nodes;
    const service = (name: string, extra: string[], cmd: readonly string[] = SERVICE_CMD): Promise<string> =>
      nodeDocker(n1, ['service', 'create', '-d', '--no-resolve-image', '--name', name, '--endpoint-mode', 'dnsrr', '--stop-grace-period', '1s', ...extra, swarm.image, ...cmd]);
    await service(web, ['--replicas', '3', '--publish', 'mode=host,target=80,published=18080'], ['httpd', '-f', '-p', '80', '-h', '/var/www']);
    await service('shop_api', ['--replicas', '2', '--label', 'com.docker.stack.namespace=shop']);
    await service('shop_worker', ['--replicas', '1', '--label', 'com.docker.stack.namespace=shop']);
    await service('node-agent', ['--mode', 'global']);
    await nodeDocker(n1, ['node', 'update', '--label-add', 'zone=eu-1', swarm.nodes[1].hostname]);
    for (const [kind, name] of [['secret', 'db-password'], ['config', 'nginx.conf']]) {
      const file = path.join(results, `${name}.value`);
      fs.writeFileSync(file, 'value\n');
      await nodeDocker(n1, [kind!, 'create', name!, file]);
      fs.rmSync(file);
    }
    workbench = await openWorkbench('ui-swarm', { trusted: true, env: { DOCKER_HOST: n1.host } });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.keepEvidence();
  });

  after(async function () {
    this.timeout(120_000);
    await workbench?.close();
    await swarm?.stop();
  });

  it('shows services with their tasks on three nodes, a stack, the nodes and secrets, and keeps a screenshot', async () => {
    const page = workbench!.page;
    // Berth's side bar first (its views register there), then only the Swarm view open, so it has the room.
    await showInBerth(page, 'the Swarm view', sideBar(page).locator('.pane-header').filter({ hasText: /^Swarm/i }));
    await runCommand(page, 'Focus on Swarm View');
    for (const title of ['Containers', 'Networks']) {
      const header = sideBar(page).locator('.pane-header').filter({ hasText: new RegExp(`^${title}`, 'i') }).first();
      if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }
    // A wider side bar, as a person would drag it, so the rows' descriptions show whole.
    const bar = await sideBar(page).boundingBox();
    if (bar) {
      await page.mouse.move(bar.x + bar.width + 1, bar.y + 300);
      await page.mouse.down();
      await page.mouse.move(bar.x + bar.width + 320, bar.y + 300, { steps: 5 });
      await page.mouse.up();
    }
    const rows = sideBar(page).locator('.monaco-list-row');
    const service = rows.filter({ hasText: web }).filter({ hasText: '3/3' }).first();
    await service.waitFor({ timeout: 30_000 });
    await service.click();
    await page.keyboard.press('ArrowRight');
    for (const node of swarm.nodes) await rows.filter({ hasText: node.hostname }).filter({ hasText: 'running' }).first().waitFor({ timeout: 30_000 });
    const stack = rows.filter({ hasText: 'shop' }).filter({ hasText: '2 services' }).first();
    const leader = rows.filter({ hasText: swarm.nodes[0].hostname }).filter({ hasText: 'leader' }).first();
    const secret = rows.filter({ hasText: 'db-password' }).first();
    await page.mouse.move(900, 700);
    await page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
    for (const shown of [stack, leader, secret]) await shown.waitFor({ timeout: 15_000 });
    const boxes = { 'the service row': await service.boundingBox(), 'the stack row': await stack.boundingBox(), 'the leader node': await leader.boundingBox(), 'the secret': await secret.boundingBox() };
    const file = path.join(results, 'swarm.png');
    await page.screenshot({ path: file });
    assertScreenshotShows(fs.readFileSync(file), page.viewportSize()!, boxes);
  });
});
