/**
 * Watches a local engine's unix socket file. dockerd removes its socket the moment it starts
 * shutting down, seconds before it closes the event streams it still serves (it first stops its
 * containers), so the file going away is the earliest sign that the engine is gone, and the file
 * coming back the earliest sign that it returned. Watching the folder costs nothing while nothing
 * in it changes.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import type { Disposable } from './emitter';

/** Calls `onChange(present)` whenever the socket file may have appeared or gone; a folder that cannot be watched is not watched. */
export function watchSocketFile(socketPath: string, onChange: (present: boolean) => void): Disposable {
  const name = path.basename(socketPath);
  let watcher: FSWatcher;
  try {
    watcher = watch(path.dirname(socketPath), { persistent: false }, (_event, file) => {
      if (file === null || file === name) onChange(existsSync(socketPath));
    });
  } catch {
    return { dispose: () => undefined };
  }
  watcher.on('error', () => watcher.close());
  return { dispose: () => watcher.close() };
}
