/**
 * Runs a task whose execution is a ProcessPty and waits for its end. Pure: the task API comes in
 * as a parameter (vscode.tasks in the extension), so the unit test can make executeTask fail.
 */
import type * as vscode from 'vscode';
import type { ProcessPty, ProcessResult } from './processPty';

/** The part of `vscode.tasks` a run needs. */
export interface TaskApi {
  executeTask(task: vscode.Task): Thenable<vscode.TaskExecution>;
  readonly onDidEndTask: vscode.Event<vscode.TaskEndEvent>;
}

/** A cancellation signal, as vscode.CancellationToken has it. */
export interface Cancellation {
  onCancellationRequested: vscode.Event<unknown>;
}

/**
 * Resolves with the process's result, or undefined when the task ended without the process having
 * run to its end (terminated, or never started). Every subscription is disposed however it ends,
 * also when executeTask rejects.
 */
export async function runTaskToEnd(api: TaskApi, task: vscode.Task, pty: ProcessPty, isThisTask: (task: vscode.Task) => boolean, cancellation?: Cancellation): Promise<ProcessResult | undefined> {
  const subscriptions: { dispose(): unknown }[] = [];
  try {
    const ended = new Promise<ProcessResult | undefined>((resolve) => {
      void pty.exited.then(resolve);
      // A task can end without its process: terminated before it started, or its terminal failed.
      subscriptions.push(api.onDidEndTask((e) => isThisTask(e.execution.task) && resolve(pty.ended)));
    });
    const execution = await api.executeTask(task);
    if (cancellation) subscriptions.push(cancellation.onCancellationRequested(() => execution.terminate()));
    return await ended;
  } finally {
    for (const s of subscriptions) s.dispose();
  }
}
