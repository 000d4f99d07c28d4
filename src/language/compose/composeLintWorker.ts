/**
 * Lints compose files on a worker thread, so a large file never holds up the extension host
 * (a 1,000-service file takes about half a second). Started by ComposeLintClient; the messages are
 * plain data. The first message says the worker loaded: the client tells "cannot start" from
 * "failed on an input" by it. Pure: no vscode import.
 */
import { parentPort } from 'node:worker_threads';
import { nodeComposeHost } from './composeHost';
import type { LintReply, LintRequest } from './composeLintClient';
import { lintComposeFile } from './lintCompose';

parentPort?.on('message', (request: LintRequest) => {
  let reply: LintReply;
  try {
    const host = nodeComposeHost(process.env, request.projectFiles, request.allowedRoots ? { allowedRoots: request.allowedRoots } : {});
    reply = { id: request.id, findings: lintComposeFile(request.file, request.text, host) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
parentPort?.postMessage({ ready: true } satisfies LintReply);
