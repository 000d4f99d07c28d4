/**
 * A Dockerfile as a person sees it in the workbench: open it, see Berth's and BuildKit's findings
 * in the editor and the Problems view, and keep a screenshot to look at.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freshResultsDir } from '../harness/evidence';
import { assertScreenshotShows } from './png';
import { openFile, openWorkbench, runCommand, type Workbench } from './workbench';

const DOCKERFILE = [
  '# syntax=docker/dockerfile:1',
  'FROM node:latest as build',
  'WORKDIR /app',
  'COPY . .',
  'RUN apt-get update && apt-get install -y curl',
  'RUN npm ci && npm run build',
  '',
  'FROM nginx:1.27',
  'COPY --from=biuld /app/dist /usr/share/nginx/html',
  '',
].join('\n');

describe('Dockerfile diagnostics (UI)', function () {
  this.timeout(120_000);
  const results = freshResultsDir('ui-dockerfile');
  let workbench: Workbench | undefined;

  before(async () => {
    workbench = await openWorkbench('ui-dockerfile', { trusted: true, files: { Dockerfile: DOCKERFILE } });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.keepEvidence();
  });

  after(async () => {
    await workbench?.close();
  });

  it('opens the Dockerfile and underlines what Berth and BuildKit find', async () => {
    const page = workbench!.page;
    await openFile(page, 'Dockerfile', 'FROM nginx');
    // An error (the COPY --from typo) and warnings (BuildKit's FromAsCasing, the :latest base).
    await page.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await page.locator('.squiggly-warning').first().waitFor({ timeout: 10_000 });
  });

  it('lists the findings, with their codes, in the Problems view', async () => {
    const page = workbench!.page;
    await runCommand(page, 'Problems: Focus on Problems View');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'No stage is named "biuld". Did you mean "build"?' }).first().waitFor({ timeout: 15_000 });
    const text = (await rows.allTextContents()).join('\n');
    for (const code of ['FromAsCasing', 'berth/latest-base-image', 'berth/apt-no-install-recommends', 'berth/copy-from']) {
      assert.ok(text.includes(code), `${code} is missing from the Problems view:\n${text}`);
    }
  });

  it('saves a screenshot that shows the typo in the editor and its finding in the Problems view', async () => {
    const page = workbench!.page;
    // Put the cursor on the COPY --from typo: its quick fix light bulb shows beside it.
    const line = page.locator('.editor-instance .view-line').filter({ hasText: 'COPY --from=biuld' }).first();
    await line.click();
    await page.mouse.move(900, 200);
    const finding = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'No stage is named "biuld"' }).first();
    await finding.waitFor({ timeout: 10_000 });
    const boxes = { 'the COPY --from=biuld line': await line.boundingBox(), 'its finding in the Problems view': await finding.boundingBox() };
    const file = path.join(results, 'dockerfile.png');
    await page.screenshot({ path: file });
    assertScreenshotShows(fs.readFileSync(file), page.viewportSize()!, boxes);
  });
});
