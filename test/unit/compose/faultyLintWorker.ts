/**
 * The real compose lint worker with faults injected on demand (a fake, because the real worker no
 * longer hangs or dies on any input we know): a text holding `#stall` never finishes, one holding
 * `#crash` kills the worker. Every other text goes to the real worker, which loads after this.
 */
import { parentPort } from 'node:worker_threads';
import type { LintRequest } from '../../../src/language/compose/composeLintClient';

parentPort?.on('message', (request: LintRequest) => {
  if (request.text.includes('#stall')) for (;;);
  // As a thread dies of an out-of-memory error or a native fault: at once, no reply.
  if (request.text.includes('#crash')) process.exit(70);
});
require('../../../src/language/compose/composeLintWorker');
