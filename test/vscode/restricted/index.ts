/** Extension-host entry for the Restricted Mode suite (the harness opens the folder untrusted). */
import { runTestFolder } from '../mochaRunner';

export function run(): Promise<void> {
  return runTestFolder(__dirname);
}
