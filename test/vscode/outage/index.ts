/** Extension-host entry for the engine-outage suite; it stops the daemon, so it runs last. */
import { runTestFolder } from '../mochaRunner';

export function run(): Promise<void> {
  return runTestFolder(__dirname);
}
