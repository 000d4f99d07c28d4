/**
 * Berth shares its name with another VS Code extension, "Berth Stack Manager" (publisher `berth`,
 * repository Tech-Arch1tect/berth-code). Installed side by side, two contributions with one id
 * clash: VS Code keeps one view container and drops the other's views, and a second command or
 * setting of the same id is refused. Its ids are pinned here so that none of ours ever equals one.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** What "Berth Stack Manager" contributes (its package.json and its file-system provider). */
const OTHER_EXTENSION = {
  publisher: 'berth',
  viewContainers: ['berth'],
  views: ['berthServers'],
  commands: [
    'berth.login',
    'berth.logout',
    'berth.refreshStacks',
    'berth.createFile',
    'berth.createFolder',
    'berth.deleteFile',
    'berth.renameFile',
    'berth.uploadFile',
    'berth.downloadFile',
    'berth.chmodFile',
    'berth.chownFile',
    'berth.openStackInExplorer',
  ],
  settings: ['berth.serverUrl', 'berth.trustSelfSignedCertificates', 'berth.customHeaders'],
  uriSchemes: ['berth'],
};

interface Contributions {
  publisher: string;
  name: string;
  contributes: {
    viewsContainers: Record<string, { id: string }[]>;
    views: Record<string, { id: string }[]>;
    commands: { command: string }[];
    configuration: { properties: Record<string, unknown> };
  };
}

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Contributions;

function overlap(ours: readonly string[], theirs: readonly string[]): string[] {
  return ours.filter((id) => theirs.includes(id));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : [];
  });
}

describe('identifiers that cannot collide with "Berth Stack Manager"', () => {
  it('has a publisher of its own, so the extension id differs', () => {
    assert.notEqual(pkg.publisher, OTHER_EXTENSION.publisher);
    assert.equal(`${pkg.publisher}.${pkg.name}`, 'berth-dev.berth');
  });

  it('has a view container id of its own', () => {
    const containers = Object.values(pkg.contributes.viewsContainers).flat().map((c) => c.id);
    assert.ok(containers.length > 0);
    assert.deepEqual(overlap(containers, OTHER_EXTENSION.viewContainers), []);
    // Our views live in our container, not in one the other extension may own.
    assert.deepEqual(overlap(Object.keys(pkg.contributes.views), OTHER_EXTENSION.viewContainers), []);
  });

  it('contributes no view, command or setting with one of its ids', () => {
    const views = Object.values(pkg.contributes.views).flat().map((v) => v.id);
    assert.deepEqual(overlap(views, OTHER_EXTENSION.views), []);
    assert.deepEqual(overlap(pkg.contributes.commands.map((c) => c.command), OTHER_EXTENSION.commands), []);
    assert.deepEqual(overlap(Object.keys(pkg.contributes.configuration.properties), OTHER_EXTENSION.settings), []);
  });

  it('registers no provider for its `berth` URI scheme', () => {
    // Any scheme Berth registers is named in a provider registration or a `scheme:` literal.
    const registration = /register(?:FileSystem|TextDocumentContent)Provider\(\s*['"`]([^'"`]+)['"`]|\bscheme:\s*['"`]([^'"`]+)['"`]/g;
    const found: string[] = [];
    for (const file of sourceFiles(path.join(root, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(registration)) found.push(m[1] ?? m[2]);
    }
    assert.deepEqual(overlap(found, OTHER_EXTENSION.uriSchemes), [], `a provider registered for: ${found.join(', ')}`);
  });
});
