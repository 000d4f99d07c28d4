import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Commands, Views } from '../../src/ids';
import { engineStateRows } from '../../src/explorer/shared/stateModel';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { vscode: string };
  main: string;
  devDependencies: Record<string, string>;
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command?: string; submenu?: string; when?: string }[]>;
    submenus: { id: string; label: string }[];
    views: Record<string, { id: string }[]>;
    viewsWelcome?: unknown;
    configuration: { properties: Record<string, unknown> };
  };
};

describe('package.json contributions', () => {
  const contributed = pkg.contributes.commands.map((c) => c.command);
  const registered = Object.values(Commands) as string[];

  it('contributes every registered command and registers every contributed one', () => {
    assert.deepEqual([...contributed].sort(), [...registered].sort());
  });

  it('gives every command the berth. prefix, a title and the Berth category', () => {
    for (const c of pkg.contributes.commands) {
      assert.match(c.command, /^berth\.[a-zA-Z]+(\.[a-zA-Z]+)*$/);
      assert.ok(c.title.length > 0);
      assert.equal(c.category, 'Berth');
    }
  });

  it('menus name only contributed commands and known views', () => {
    const views = Object.values(pkg.contributes.views).flat().map((v) => v.id);
    assert.deepEqual(views.sort(), Object.values(Views).filter((v) => v.includes('.')).sort());
    for (const [menu, entries] of Object.entries(pkg.contributes.menus)) {
      const submenus = pkg.contributes.submenus.map((s) => s.id);
      assert.ok(menu.includes('/') || menu === 'commandPalette' || submenus.includes(menu), `${menu} is neither a VS Code menu nor one of our submenus`);
      for (const entry of entries) {
        if (entry.submenu !== undefined) assert.ok(submenus.includes(entry.submenu), `${menu} names submenu ${entry.submenu}`);
        else assert.ok(contributed.includes(entry.command ?? ''), `${menu} names ${entry.command}`);
        for (const view of entry.when?.match(/view == ([\w.]+)/g) ?? []) assert.ok(views.includes(view.slice(8)), `${menu}: ${view}`);
      }
    }
  });

  it('says every engine state in the views themselves, from one place (no welcome page per view and state)', () => {
    assert.equal(pkg.contributes.viewsWelcome, undefined, 'stateModel.ts draws the engine states as rows of every view');
    for (const kind of ['connecting', 'unreachable', 'permission', 'tls', 'hostKey', 'timeout', 'failed'] as const) assert.ok(engineStateRows(kind).length > 0, kind);
    for (const kind of ['unreachable', 'permission', 'tls', 'hostKey', 'timeout', 'failed'] as const) {
      assert.ok(engineStateRows(kind).some((r) => r.kind === 'action' && r.resource.command === Commands.engineRetry), `${kind} offers Retry`);
    }
  });

  it('targets the VS Code 1.100 the tests run in', () => {
    assert.equal(pkg.engines.vscode, '^1.100.0');
    assert.equal(pkg.devDependencies['@types/vscode'], '1.100.0', '@types/vscode must be pinned: newer typings compile calls 1.100 lacks');
    assert.equal(pkg.main, './dist/extension.js');
  });

  it('declares every setting under berth.', () => {
    for (const key of Object.keys(pkg.contributes.configuration.properties)) assert.match(key, /^berth\./);
  });
});

describe('architecture', () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
    });
  }

  // Which modules may import vscode, and which modules each may import, is eslint.config.mjs's job (test/unit/layers.test.ts).

  it('keeps webview code and what it shares with the host free of vscode and Node', () => {
    const browser = [...files(path.join(root, 'src/webview')), ...files(path.join(root, 'src/shared'))];
    assert.ok(browser.length >= 8);
    for (const file of browser) {
      const text = readFileSync(file, 'utf8');
      for (const [, from] of text.matchAll(/^\s*import\s[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
        assert.ok(from!.startsWith('.') || from === 'uplot' || from!.startsWith('uplot/'), `${path.relative(root, file)} imports ${from}: webview code runs in the browser`);
      }
    }
  });

  it('never loads dockerode at module top level (it is required lazily on first engine call)', () => {
    for (const file of files(path.join(root, 'src'))) {
      const text = readFileSync(file, 'utf8');
      assert.ok(!/^\s*import\s+(?!type\b)[^;]*from\s+['"]dockerode['"]/m.test(text), `${path.relative(root, file)} imports dockerode eagerly`);
    }
  });
});
