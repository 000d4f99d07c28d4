// Lint rules that keep Berth's layers apart (STYLE.md, "the core never imports vscode"):
// the engine, the language cores, the CLI and the explorer's models run in plain Node, so they may
// not import `vscode` at runtime (type imports are fine) and may import only other pure modules,
// so nothing reaches `vscode` through another file.
import tseslint from 'typescript-eslint';

const NO_VSCODE = {
  name: 'vscode',
  allowTypeImports: true,
  message: 'Pure modules run in plain Node: no runtime vscode import. Move the VS Code part to an adapter (type imports are fine).',
};

/** The VS Code adapters that live beside the language cores, each named on purpose. */
const LANGUAGE_ADAPTERS = [
  'src/language/vscodeFindings.ts',
  'src/language/documentLinter.ts',
  'src/language/workspaceReadPolicy.ts',
  'src/language/compose/composeLanguage.ts',
  'src/language/compose/composeProviders.ts',
  'src/language/compose/composeDetection.ts',
  'src/language/dockerfile/dockerfileLanguage.ts',
  'src/language/dockerfile/languageProviders.ts',
];
const ADAPTER_IMPORT = { regex: '(^|/)(vscodeFindings|documentLinter|workspaceReadPolicy|composeLanguage|composeProviders|composeDetection|dockerfileLanguage|languageProviders)$', message: 'A pure module may not import a VS Code adapter.' };

/** `files` may import `vscode` only for types, and relative modules only where `leaves` does not match. */
function pure(files, leaves, message, ignores = []) {
  return {
    files,
    ignores,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns: [{ regex: leaves, message }, ADAPTER_IMPORT] }],
    },
  };
}

/** The adapters use `vscode`, but stay in their folder: settings and hosts are passed in, not read. */
function adapters(files, leaves) {
  const message = 'src/language imports nothing outside src/language: pass settings and hosts in from extension.ts.';
  return { files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: leaves, message }] }] } };
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.testbed/**', 'test-results/**', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 2022, sourceType: 'module' } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  // The engine imports only the engine.
  pure(['src/engine/**/*.ts'], '^\\.\\./', 'src/engine is pure and self-contained: it imports nothing outside src/engine.'),
  // The language cores import only src/language (and the pure src/lazy.ts).
  pure(['src/language/*.ts'], '^\\.\\./(?!lazy$)', 'The language cores import only src/language.', LANGUAGE_ADAPTERS),
  pure(['src/language/*/*.ts'], '^\\.\\./\\.\\./(?!lazy$)', 'The language cores import only src/language.', LANGUAGE_ADAPTERS),
  pure(['src/language/*/*/*.ts'], '^\\.\\./\\.\\./\\.\\./(?!lazy$)', 'The language cores import only src/language.', LANGUAGE_ADAPTERS),
  adapters(LANGUAGE_ADAPTERS.filter((f) => f.split('/').length === 3), '^\\.\\./(?!lazy$)'),
  adapters(LANGUAGE_ADAPTERS.filter((f) => f.split('/').length === 4), '^\\.\\./\\.\\./(?!lazy$)'),
  // `berth lint` uses the language cores and nothing else.
  pure(['src/cli/**/*.ts'], '^\\.\\./(?!language/|compose/compose(Targets|Cli)$)', 'The CLI imports only the language cores and the pure compose target rules.'),
  // A view's model and presentation: the engine's types, the shared pure parts, ids, each other.
  pure(
    ['src/explorer/**/*Model.ts', 'src/explorer/**/*Presentation.ts', 'src/explorer/**/*Text.ts'],
    '^(?!\\./\\w+(Model|Presentation|Text)$|\\.\\./shared/\\w+(Model|Presentation|Text)$|\\.\\./\\.\\./engine/\\w+$|\\.\\./\\.\\./(ids|units)$)\\.',
    'Explorer models and presentation are pure: they import the engine, ids and other models or presentation only.',
  ),
  pure(['src/ids.ts', 'src/lazy.ts', 'src/units.ts', 'src/shell/commandLine.ts'], '^\\.', 'ids.ts, lazy.ts, units.ts and commandLine.ts import nothing of Berth.'),
  // What Inspect shows, worked out from the engine's JSON; inspectDocuments.ts is its VS Code side.
  pure(
    ['src/inspect/*.ts'],
    '^(?!\\.\\./engine/\\w+$|\\.\\./units$|\\./(?!inspectDocuments$)\\w+$)\\.',
    'The inspect summaries are pure: they import the engine and each other only.',
    ['src/inspect/inspectDocuments.ts'],
  ),
  // The log view's core (spool, ANSI, mux, follow session, protocol); logPanel.ts and showLogs.ts are its VS Code side.
  pure(
    ['src/logs/*.ts'],
    '^(?!\\.\\./engine/\\w+$|\\./(?!logPanel$|showLogs$)\\w+$)\\.',
    'The log view core is pure: it imports the engine and its own pure modules only.',
    ['src/logs/logPanel.ts', 'src/logs/showLogs.ts'],
  ),
  // The log view's page runs in the webview: its own files and the pure protocol, ANSI and record modules.
  pure(['src/webview/logs/**/*.ts'], '^(?!\\.\\./\\.\\./logs/(ansi|logProtocol|logRecord)$|\\./\\w+$)\\.', 'The webview imports only the log protocol, ANSI and record modules.'),
  // The build cores (arguments, BuildKit's progress, steps to lines, run arguments): the engine's and
  // the Dockerfile parser's types and each other; the parser itself is reached through its door.
  pure(
    ['src/build/buildArgs.ts', 'src/build/buildDefaults.ts', 'src/build/buildFailures.ts', 'src/build/buildProgress.ts', 'src/build/buildSteps.ts', 'src/build/builderChoice.ts', 'src/build/runArgs.ts', 'src/build/historyLines.ts'],
    '^(?!\\./(buildArgs|buildDefaults|buildFailures|buildProgress|buildSteps|builderChoice|runArgs|historyLines)$|\\.\\./language/|\\.\\./engine/\\w+$)\\.',
    'The build cores are pure: they import the engine, the language cores and each other only.',
  ),
  pure(['src/commands/lifecycleStates.ts'], '^(?!\\.\\./engine/\\w+$)\\.', 'lifecycleStates.ts imports only the engine.'),
  pure(['src/compose/composeCli.ts', 'src/compose/composeTargets.ts'], '^(?!\\./composeCli$)\\.', 'The compose argument builders are pure.'),
  // The stats panel: what runs in its webview (src/webview/stats, and src/shared which the host shares with
  // it) never reaches Node or vscode; the host's controller, streams and selection are pure too,
  // and statsPanel(s).ts are their VS Code side.
  pure(['src/webviewHost/*.ts'], '^\\.', 'The webview page shell is pure and stands alone.'),
  pure(['src/shared/*.ts'], '^(?!\\./\\w+$|\\.\\./engine/statsMath$)\\.', 'src/shared runs in the webview too: it imports only src/shared and the engine\'s stats math.'),
  pure(['src/webview/stats/**/*.ts'], '^(?!\\./[\\w.]+$|\\.\\./\\.\\./shared/\\w+$)\\.', 'Webview code imports only the webview and src/shared.'),
  pure(
    ['src/stats/*.ts', 'src/commands/statsTarget.ts'],
    '^(?!\\.\\./engine/\\w+$|\\.\\./shared/\\w+$|\\.\\./webviewHost/webviewPage$|\\.\\./stats/statsSelection$|\\./(?!statsPanels?$)\\w+$)\\.',
    'The stats controller, streams and selection are pure: they import the engine, src/shared, the webview page shell and each other only.',
    ['src/stats/statsPanel.ts', 'src/stats/statsPanels.ts'],
  ),
);
