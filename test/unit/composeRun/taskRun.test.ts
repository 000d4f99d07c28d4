/**
 * Waiting for a compose task's end. The task API is a fake here: it injects what the real one does
 * not do on demand — an executeTask that rejects, a task that ends without its process.
 */
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { ProcessPty } from '../../../src/compose/processPty';
import { runTaskToEnd, type TaskApi } from '../../../src/compose/taskRun';

const task = { definition: { type: 'berth-compose', runId: 'this-run' } } as unknown as vscode.Task;
const isThisTask = (t: vscode.Task): boolean => t.definition['runId'] === 'this-run';

class FakeTasks implements TaskApi {
  readonly listeners = new Set<(e: vscode.TaskEndEvent) => unknown>();
  terminated = 0;
  constructor(private readonly start: (execution: vscode.TaskExecution) => Promise<vscode.TaskExecution>) {}
  readonly onDidEndTask: vscode.Event<vscode.TaskEndEvent> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  executeTask(t: vscode.Task): Thenable<vscode.TaskExecution> {
    return this.start({ task: t, terminate: () => this.terminated++ });
  }
  end(t: vscode.Task): void {
    for (const l of [...this.listeners]) l({ execution: { task: t, terminate: () => undefined } });
  }
}

const longRunning = (): ProcessPty => new ProcessPty(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], process.cwd());

describe('runTaskToEnd', () => {
  it('leaves no subscription behind when executeTask rejects', async () => {
    const tasks = new FakeTasks(() => Promise.reject(new Error('no task system')));
    await assert.rejects(runTaskToEnd(tasks, task, longRunning(), isThisTask), /no task system/);
    assert.equal(tasks.listeners.size, 0);
  });

  it('ends when the task ends without its process, ignoring other tasks', async () => {
    const tasks = new FakeTasks(async (execution) => execution);
    const run = runTaskToEnd(tasks, task, longRunning(), isThisTask);
    await new Promise((r) => setImmediate(r));
    tasks.end({ definition: { type: 'berth-compose', runId: 'another-run' } } as unknown as vscode.Task);
    tasks.end(task);
    assert.equal(await run, undefined);
    assert.equal(tasks.listeners.size, 0);
  });

  it('resolves with the exit code and output of the process the task runs', async () => {
    const pty = new ProcessPty(process.execPath, ['-e', 'console.log("done"); process.exitCode = 4'], process.cwd());
    const tasks = new FakeTasks(async (execution) => {
      pty.open(); // as VS Code does once the task's terminal exists
      return execution;
    });
    assert.deepEqual(await runTaskToEnd(tasks, task, pty, isThisTask), { code: 4, output: 'done\n' });
    assert.equal(tasks.listeners.size, 0);
  });

  it('terminates the task when the user cancels', async () => {
    const tasks = new FakeTasks(async (execution) => execution);
    let cancel: () => void = () => undefined;
    const cancellation = { onCancellationRequested: ((listener: () => void) => ((cancel = listener), { dispose: () => (cancel = () => undefined) })) as vscode.Event<unknown> };
    const run = runTaskToEnd(tasks, task, longRunning(), isThisTask, cancellation);
    await new Promise((r) => setImmediate(r));
    cancel();
    assert.equal(tasks.terminated, 1);
    tasks.end(task);
    assert.equal(await run, undefined);
  });
});
