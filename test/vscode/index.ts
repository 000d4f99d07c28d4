/** The extension-host test entry (main suite): runs test/vscode/*.test.ts inside VS Code. */
import { runTestFolder } from './mochaRunner';

export function run(): Promise<void> {
  return runTestFolder(__dirname);
}
