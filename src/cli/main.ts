/**
 * `berth lint [--format text|json|sarif] [--min-severity error|warning|info|hint] [-f FILE]… PATH…`: the
 * editor's checks for CI. Exit 0 without errors, 1 with errors, 2 for bad usage, an unreadable path or
 * a file Berth failed on. A failure stays with its file (on stderr, and as a berth/lint-failed
 * finding): the other files are still linted and the output is still whole JSON or SARIF.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { targetFromFile } from '../compose/composeTargets';
import { isYamlFileName } from '../language/compose/composeProject';
import { atLeast, couldNotLint, type Finding, type Severity } from '../language/findings';
import { MAX_READ_BYTES, readTextFile, type FileRead } from '../language/safeRead';
import { lintSettingsFrom } from '../language/dockerfile/settings';
import { formatJson, formatSarif, formatText, toFileFinding, type FileFinding } from './format';
import { COMPOSE_LINTER, linterFor, LINTERS } from './linters';

const VERSION = '0.1.0';
const USAGE = `Usage: berth lint [--format text|json|sarif] [--min-severity error|warning|info|hint] [--settings FILE] [-f COMPOSE_FILE]… [PATH…]
A PATH is a file or a folder (searched for ${LINTERS.map((l) => l.name).join(', ')} files; other YAML files with a top-level services: mapping are compose files).
-f, --file: compose files used together, as \`docker compose -f a.yaml -f b.yaml\` reads them.
Settings: the berth.* keys of FILE (default: .vscode/settings.json in the current folder, when present).`;

class UsageError extends Error {}

interface Options {
  format: 'text' | 'json' | 'sarif';
  minSeverity: Severity;
  settingsFile: string | undefined;
  paths: string[];
  /** A compose `-f` list, in order. */
  composeFiles: string[];
}

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== 'lint') throw new UsageError(command === undefined ? 'No command given.' : `Unknown command "${command}".`);
  const opts: Options = { format: 'text', minSeverity: 'hint', settingsFile: undefined, paths: [], composeFiles: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value.`);
      return v;
    };
    if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format takes text, json or sarif, not "${v}".`);
      opts.format = v;
    } else if (flag === '--min-severity') {
      const v = value();
      if (!['error', 'warning', 'info', 'hint'].includes(v)) throw new UsageError(`--min-severity takes error, warning, info or hint, not "${v}".`);
      opts.minSeverity = v as Severity;
    } else if (flag === '--settings') opts.settingsFile = value();
    else if (flag === '-f' || flag === '--file') opts.composeFiles.push(value());
    else if (flag === '--help' || flag === '-h') throw new UsageError('');
    else if (flag.startsWith('-')) throw new UsageError(`Unknown option ${flag}.`);
    else opts.paths.push(arg);
  }
  if (opts.paths.length === 0 && opts.composeFiles.length === 0) throw new UsageError('Give at least one file or folder to lint.');
  return opts;
}

/** JSON with comments and trailing commas, as VS Code writes settings.json. */
function readSettings(file: string | undefined): Record<string, unknown> {
  const candidate = file ?? path.join(process.cwd(), '.vscode', 'settings.json');
  const read = readTextFile(candidate);
  if (!read.ok && read.missing && !file) return {};
  if (!read.ok) throw new Error(`${candidate} ${read.problem}`);
  const text = read.text;
  const stripped = text.replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m, str: string | undefined) => str ?? '').replace(/,(\s*[}\]])/g, '$1');
  const parsed: unknown = JSON.parse(stripped);
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Files to lint under `p`; an explicit file is linted even when no linter claims its name (and refused there if it is no regular file). */
function collect(p: string, out: string[], readText: (file: string) => string | undefined): void {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) {
    out.push(p);
    return;
  }
  for (const entry of fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(p, entry.name);
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) collect(full, out, readText);
    else if (entry.isFile() && linterFor(full, () => readText(full))) out.push(full);
  }
}

export function run(argv: string[], write: (s: string) => void, writeError: (s: string) => void): number {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      if (err.message) writeError(`berth: ${err.message}`);
      writeError(USAGE);
      return 2;
    }
    throw err;
  }
  let settings: Record<string, unknown>;
  try {
    settings = readSettings(opts.settingsFile);
  } catch (err) {
    writeError(`berth: cannot read settings: ${(err as Error).message}`);
    return 2;
  }
  const setting = (key: string): unknown => settings[key];
  const dockerfileSettings = lintSettingsFrom(setting);
  // Every file through safeRead: a device or a FIFO is refused at once, a file over the cap is not read.
  const reads = new Map<string, FileRead>();
  const readFile = (file: string): FileRead => {
    let read = reads.get(file);
    if (!read) reads.set(file, (read = readTextFile(file)));
    return read;
  };
  const readText = (file: string): string | undefined => {
    const read = readFile(file);
    return read.ok ? read.text : undefined;
  };
  let failed = false;
  const fail = (message: string): void => {
    writeError(`berth: ${message}`);
    failed = true;
  };
  // The -f list is one project; every other compose file brings its override along, as Compose does.
  const fList = opts.composeFiles.map((f) => path.resolve(f));
  const files: string[] = [...opts.composeFiles];
  const results: FileFinding[] = [];
  for (const p of opts.paths) {
    try {
      collect(p, files, readText);
    } catch (err) {
      fail(`cannot read ${(err as NodeJS.ErrnoException).path ?? p}: ${(err as Error).message}`);
    }
  }
  let errors = 0;
  const report = (file: string, f: Finding): void => {
    if (f.severity === 'error') errors++;
    if (atLeast(f.severity, opts.minSeverity)) results.push(toFileFinding(file, f));
  };
  const seen = new Set<string>();
  for (const file of files) {
    const absolute = path.resolve(file);
    if (seen.has(absolute)) continue;
    seen.add(absolute);
    const read = readFile(file);
    if (!read.ok) {
      fail(`cannot read ${file}: it ${read.problem}`);
      report(file, couldNotLint(`it ${read.problem}`, `Lint a regular file of at most ${MAX_READ_BYTES / 1024 / 1024} MiB.`, 'error'));
      continue;
    }
    const text = read.text;
    const inList = fList.includes(absolute);
    const linter = inList ? COMPOSE_LINTER : (linterFor(file, () => text) ?? (isYamlFileName(file) ? undefined : LINTERS[0]));
    if (!linter) {
      // YAML is never read as a Dockerfile.
      writeError(`berth: skipped ${file}: not a compose file (no top-level services: mapping of service definitions).`);
      continue;
    }
    const projectFiles = inList ? fList : targetFromFile(absolute).files;
    let found: Finding[];
    try {
      found = linter.lint({ path: absolute, text, setting, dockerfileSettings, projectFiles });
    } catch (err) {
      // Berth's own failure on this file: say so, and go on with the others.
      fail(`could not lint ${file}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      found = [couldNotLint(`Berth failed on it (${err instanceof Error ? err.message : String(err)})`, 'This is a bug in Berth: please report it with the file.', 'error')];
    }
    for (const f of found) report(file, f);
  }
  const output = opts.format === 'json' ? formatJson(results) : opts.format === 'sarif' ? formatSarif(results, VERSION) : formatText(results);
  if (output) write(output);
  return failed ? 2 : errors > 0 ? 1 : 0;
}

if (require.main === module) {
  try {
    process.exitCode = run(
      process.argv.slice(2),
      (s) => process.stdout.write(s + '\n'),
      (s) => process.stderr.write(s + '\n'),
    );
  } catch (err) {
    // Not a lint result: 2, never the 1 that means "errors found".
    process.stderr.write(`berth: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  }
}
