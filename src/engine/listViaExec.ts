/**
 * Lists a folder of a running container with one exec. A fixed sh script gets the folder as `$1`
 * (argv: never read as shell text) and prints each entry as two type letters and the name, NUL
 * separated, so a name with a newline, quotes, `$(…)` or emoji arrives as it is. `ls` cannot do
 * that portably (busybox has no NUL-separated output) and `ls` plus a stat per entry would cost a
 * request per file. Pure.
 */
import type { EngineClient } from './client';
import { FileProblem, type DirEntry, type FileKind } from './fileTypes';
import { execCollect } from './execOutput';

/** `l`/`-` (a link or not), then `d`/`f`/`o` (folder, file, other: what a link points to), then the name. */
const LIST_SCRIPT = [
  'cd -- "$1" || exit 97',
  'for f in .* *; do',
  '  case "$f" in .|..) continue;; esac',
  '  if [ -L "$f" ]; then l=l; elif [ -e "$f" ]; then l=-; else continue; fi',
  '  if [ -d "$f" ]; then t=d; elif [ -f "$f" ]; then t=f; else t=o; fi',
  '  printf "%s%s%s\\0" "$l" "$t" "$f"',
  'done',
].join('\n');

const tooMany = (dir: string, maxEntries: number): FileProblem =>
  new FileProblem('tooLarge', `${dir} has more entries than Berth lists (${maxEntries}). Open a subfolder, or use a terminal in the container.`);

const KINDS: Readonly<Record<string, FileKind>> = { d: 'directory', f: 'file', o: 'other' };

/** Parses the script's output; entries that do not fit the format are left out. */
export function parseListing(output: Buffer): DirEntry[] {
  const entries: DirEntry[] = [];
  for (const record of output.toString('utf8').split('\0')) {
    if (record.length < 3) continue;
    const kind = KINDS[record[1]!];
    if (!kind || (record[0] !== 'l' && record[0] !== '-')) continue;
    entries.push({ name: record.slice(2), kind, symlink: record[0] === 'l' });
  }
  return entries;
}

/**
 * The entries, or undefined when exec cannot list here (the container is stopped, or has no sh):
 * the caller then reads the folder's archive.
 */
export async function listViaExec(client: EngineClient, id: string, dir: string, maxEntries: number): Promise<DirEntry[] | undefined> {
  let result;
  try {
    result = await execCollect(client, id, ['sh', '-c', LIST_SCRIPT, 'sh', dir], maxEntries * 512);
  } catch {
    return undefined;
  }
  // 512 bytes per entry: the longest name (255 bytes) with room to spare.
  if (result.truncated) throw tooMany(dir, maxEntries);
  if (result.exitCode !== 0) return undefined;
  const entries = parseListing(result.stdout);
  if (entries.length > maxEntries) throw tooMany(dir, maxEntries);
  return entries;
}
