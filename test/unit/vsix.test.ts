import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '../../..');

describe('the .vsix contents', function () {
  this.timeout(60_000);

  it('ships only what runs: the bundle, media, grammars and the package docs', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root });
    const files = stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    for (const must of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/extension.js', 'media/berth.svg']) {
      assert.ok(files.includes(must), `${must} is missing from the .vsix: ${files.join(', ')}`);
    }
    const leaks = files.filter((f) => !/^(dist\/[\w.-]+\.js|dist\/ThirdPartyNotices\.txt|media\/.+|syntaxes\/.+|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/.test(f));
    assert.deepEqual(leaks, [], 'sources, tests, maps or node_modules leak into the .vsix');
  });
});
