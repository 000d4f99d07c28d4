/**
 * eslint.config.mjs keeps Berth's layers apart: the engine, language cores, CLI, explorer models
 * and the stats panel's core run in plain Node, and its webview code in the browser. These cases lint small sources as if they sat in those folders, so a rule that
 * stops matching (a renamed folder, a broken pattern) fails here, not silently.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../../..');

describe('layers (eslint.config.mjs)', function () {
  // Loading ESLint and the TypeScript parser takes a few seconds on a busy machine.
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: root });

  async function problems(file: string, source: string): Promise<string[]> {
    const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
    return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
  }

  const cases: [file: string, source: string, allowed: boolean][] = [
    ['src/engine/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n", false],
    ['src/engine/probe.ts', "import type * as vscode from 'vscode';\nexport type X = vscode.Uri;\n", true],
    ['src/engine/probe.ts', "import { Config } from '../config';\nexport const x = Config;\n", false],
    ['src/engine/probe.ts', "import { EngineError } from './errors';\nexport const x = EngineError;\n", true],
    ['src/language/compose/probe.ts', "import { Config } from '../../config';\nexport const x = Config;\n", false],
    ['src/language/compose/probe.ts', "export { composeProfiles } from '../../compose/composeProfiles';\n", false],
    ['src/language/compose/probe.ts', "import { parseDockerfile } from '../dockerfile/parser';\nexport const x = parseDockerfile;\n", true],
    ['src/language/compose/probe.ts', "import { registerComposeProviders } from './composeProviders';\nexport const x = registerComposeProviders;\n", false],
    ['src/language/dockerfile/checks/probe.ts', "import { Config } from '../../../config';\nexport const x = Config;\n", false],
    ['src/language/dockerfile/dockerfileLanguage.ts', "import * as vscode from 'vscode';\nimport { Config } from '../../config';\nexport const x = [vscode, Config];\n", false],
    ['src/language/dockerfile/dockerfileLanguage.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n", true],
    ['src/build/buildSteps.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n", false],
    ['src/build/buildSteps.ts', "import { Config } from '../config';\nexport const x = Config;\n", false],
    ['src/build/buildSteps.ts', "import type { DockerfileModel } from '../language/dockerfile/model';\nimport { parseStepName } from './buildProgress';\nexport type X = DockerfileModel;\nexport const y = parseStepName;\n", true],
    ['src/cli/probe.ts', "import { Commands } from '../ids';\nexport const x = Commands;\n", false],
    ['src/cli/probe.ts', "import { lintDockerfile } from '../language/dockerfile/lint';\nexport const x = lintDockerfile;\n", true],
    ['src/explorer/images/probeModel.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n", false],
    ['src/explorer/images/probeModel.ts', "import { Config } from '../../config';\nexport const x = Config;\n", false],
    ['src/explorer/images/probeModel.ts', "import { LiveView } from '../shared/liveView';\nexport const x = LiveView;\n", false],
    ['src/explorer/images/probePresentation.ts', "import { escapeMarkdown } from '../shared/rowPresentation';\nimport type { ImageSummary } from '../../engine/types';\nexport const x = escapeMarkdown;\nexport type Y = ImageSummary;\n", true],
    ['src/explorer/images/probeModel.ts', "import { reconcile } from '../shared/treeModel';\nimport { Commands } from '../../ids';\nexport const x = [reconcile, Commands];\n", true],
    ['src/explorer/images/imagesTree.ts', "import * as vscode from 'vscode';\nimport { Config } from '../../config';\nexport const x = [vscode, Config];\n", true],
    ['src/shared/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n", false],
    ['src/shared/probe.ts', "import { Config } from '../config';\nexport const x = Config;\n", false],
    ['src/shared/probe.ts', "import { FIGURES } from './protocol';\nimport type { StatsFigures } from '../engine/statsMath';\nexport const x = FIGURES;\nexport type Y = StatsFigures;\n", true],
    ['src/webview/stats/probe.ts', "import { StatsController } from '../../stats/statsController';\nexport const x = StatsController;\n", false],
    ['src/webview/stats/probe.ts', "import { FIGURES } from '../../shared/protocol';\nimport { StatsTable } from './table';\nexport const x = [FIGURES, StatsTable];\n", true],
    ['src/stats/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n", false],
    ['src/stats/probe.ts', "import { StatsPanel } from './statsPanel';\nexport const x = StatsPanel;\n", false],
    ['src/stats/probe.ts', "import { StatsStreams } from './statsStreams';\nimport { classifyError } from '../engine/errors';\nexport const x = [StatsStreams, classifyError];\n", true],
    ['src/stats/statsPanel.ts', "import * as vscode from 'vscode';\nimport { Config } from '../config';\nexport const x = [vscode, Config];\n", true],
  ];

  for (const [file, source, allowed] of cases) {
    it(`${allowed ? 'allows' : 'refuses'} in ${file}: ${source.split('\n')[0]}`, async () => {
      const found = await problems(file, source);
      if (allowed) assert.deepEqual(found, []);
      else assert.ok(found.some((p) => p.startsWith('@typescript-eslint/no-restricted-imports')), `no layer error: ${found.join('; ') || 'none'}`);
    });
  }
});
