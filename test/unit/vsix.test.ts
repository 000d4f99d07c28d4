/**
 * The .vsix a user installs: `npm run package` must make it on a fresh clone, small, holding only
 * what runs. The installed package is exercised in the workbench by test/ui/installed.ui.ts.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { zipEntries, type ZipEntry } from '../support/zipEntries';

const root = path.resolve(__dirname, '../../..');

describe('the .vsix that npm run package makes', function () {
  this.timeout(120_000);
  let dir: string;
  let vsix: string;
  let entries: ZipEntry[];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-vsix-'));
    vsix = path.join(dir, 'berth.vsix');
    await promisify(execFile)(process.execPath, [path.join(root, 'scripts/package.mjs'), '--out', vsix], { cwd: root });
    entries = zipEntries(vsix);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is made, and stays under 1 MiB', () => {
    const bytes = fs.statSync(vsix).size;
    assert.ok(bytes < 1024 * 1024, `${bytes} bytes`);
  });

  it('holds every bundle, the manifest, the docs and the README images', () => {
    const names = entries.map((e) => e.name);
    for (const must of [
      'extension/package.json',
      'extension/readme.md',
      'extension/dist/extension.js',
      'extension/dist/dockerode.js',
      'extension/dist/dockerfileFeatures.js',
      'extension/dist/composeFeatures.js',
      'extension/dist/composeLintWorker.js',
      'extension/dist/cli.js',
      'extension/dist/logsView.js',
      'extension/media/logs.css',
      'extension/dist/ThirdPartyNotices.txt',
      'extension/media/berth.svg',
      'extension/media/stats.js',
      'extension/media/stats.css',
      'extension/docs/screenshots/containers.png',
    ]) {
      assert.ok(names.includes(must), `${must} is missing from the .vsix: ${names.join(', ')}`);
    }
    // Every image the README shows is in the package, where VS Code's extension page looks for it.
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const [, image] of readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) assert.ok(names.includes(`extension/${image}`), `README image ${image} is not packaged`);
  });

  it('ships no source, test, source map or node_modules file', () => {
    const leaks = entries
      .map((e) => e.name)
      .filter((name) => name.startsWith('extension/'))
      .filter((name) => !/^extension\/(dist\/[\w.-]+\.js|dist\/ThirdPartyNotices\.txt|media\/[\w.-]+\.(svg|js|css)|syntaxes\/.+|docs\/[\w.-]+\.md|docs\/screenshots\/[\w.-]+\.png|package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/.test(name));
    assert.deepEqual(leaks, []);
  });

  it('ships the stats webview minified and without source maps', () => {
    const webview = entries.find((e) => e.name === 'extension/media/stats.js')!;
    assert.ok(webview.size < 120 * 1024, `media/stats.js is ${webview.size} bytes`);
    assert.ok(!entries.some((e) => e.name.endsWith('.map')), 'no source map');
  });

  it('leaves the development bundles in dist/ alone', () => {
    // The production build goes into a staging folder: a packaged run must not minify the bundle the tests load.
    const dev = fs.readFileSync(path.join(root, 'dist/extension.js'), 'utf8');
    assert.match(dev, /sourceMappingURL=extension\.js\.map/);
  });
});
