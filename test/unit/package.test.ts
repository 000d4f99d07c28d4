import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Commands, ContextKeys, Views } from '../../src/ids';

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
    viewsWelcome: { view: string; when: string }[];
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

  it('has a welcome view for every engine failure kind', () => {
    const kinds = pkg.contributes.viewsWelcome.map((w) => w.when.replace(`${ContextKeys.engineState} == `, ''));
    for (const kind of ['connecting', 'unreachable', 'permission', 'tls', 'hostKey', 'timeout', 'failed']) assert.ok(kinds.includes(kind), kind);
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

  // The pure core runs in plain Node (tests, `berth lint`, benchmarks): no runtime vscode import.
  // Whole folders are pure; elsewhere the named files are.
  const pureFolders = ['src/engine', 'src/language', 'src/cli'];
  const pureFiles = [
    'src/ids.ts',
    'src/explorer/containers/containersModel.ts',
    'src/explorer/containers/containerPresentation.ts',
    'src/commands/lifecycleStates.ts',
    'src/compose/composeCli.ts',
    'src/compose/composeTargets.ts',
    'src/compose/composeProfiles.ts',
    'src/inspect/inspectSummary.ts',
    'src/inspect/limits.ts',
    'src/inspect/namespaces.ts',
    'src/inspect/maskSecrets.ts',
    'src/inspect/securityBadges.ts',
    'src/inspect/dockerRunCommand.ts',
    'src/shell/commandLine.ts',
  ];
  /** The thin VS Code adapters inside the pure folders, each named on purpose. */
  const adapters = new Set([
    'src/language/vscodeFindings.ts',
    'src/language/documentLinter.ts',
    'src/language/workspaceReadPolicy.ts',
    'src/language/compose/composeLanguage.ts',
    'src/language/compose/composeProviders.ts',
    'src/language/compose/composeDetection.ts',
    'src/language/compose/editorHost.ts',
    'src/language/dockerfile/dockerfileLanguage.ts',
    'src/language/dockerfile/languageProviders.ts',
  ]);
  const relative = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  const pure = [
    ...pureFolders.flatMap((folder) => files(path.join(root, folder))).filter((f) => !adapters.has(relative(f))),
    ...pureFiles.map((f) => path.join(root, f)),
  ];

  it('keeps vscode out of the core modules', () => {
    assert.ok(pure.length > 50);
    for (const file of pure) {
      const text = readFileSync(file, 'utf8');
      const runtimeImport = /^\s*import\s+(?!type\b)[^;]*from\s+['"]vscode['"]|require\(['"]vscode['"]\)/m.test(text);
      assert.ok(!runtimeImport, `${relative(file)} imports vscode at runtime: move the VS Code part to an adapter`);
    }
  });

  it('never loads dockerode at module top level (it is required lazily on first engine call)', () => {
    for (const file of files(path.join(root, 'src'))) {
      const text = readFileSync(file, 'utf8');
      assert.ok(!/^\s*import\s+(?!type\b)[^;]*from\s+['"]dockerode['"]/m.test(text), `${path.relative(root, file)} imports dockerode eagerly`);
    }
  });
});
