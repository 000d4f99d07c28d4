/** Test helpers: a temporary folder holding the files a hostile repository can hold (devices, pipes, huge files). */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Scratch {
  dir: string;
  /** Writes `text` at `rel`, making folders; returns the absolute path. */
  write(rel: string, text: string): string;
  link(rel: string, target: string): string;
  fifo(rel: string): string;
  /** A sparse file of `bytes` (no disk used). */
  huge(rel: string, bytes: number): string;
  remove(): void;
}

export function scratch(prefix = 'berth-files-'): Scratch {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), prefix));
  const at = (rel: string): string => {
    const p = path.resolve(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    return p;
  };
  return {
    dir,
    write: (rel, text) => {
      const p = at(rel);
      fs.writeFileSync(p, text);
      return p;
    },
    link: (rel, target) => {
      const p = at(rel);
      fs.symlinkSync(target, p);
      return p;
    },
    fifo: (rel) => {
      const p = at(rel);
      execFileSync('mkfifo', [p]);
      return p;
    },
    huge: (rel, bytes) => {
      const p = at(rel);
      fs.closeSync(fs.openSync(p, 'w'));
      fs.truncateSync(p, bytes);
      return p;
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
