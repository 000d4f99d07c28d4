// `npm run package`: builds the .vsix a user installs (default dist/berth.vsix).
//   node scripts/package.mjs [--out FILE]
// It stages only what ships (.vscodeignore is the allow-list), bundles for production into the
// stage, and packages there, so the development bundles in dist/ stay as they were.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The .vsix must stay small: VS Code downloads and unpacks it on every install. */
const MAX_BYTES = 1024 * 1024;
/** The inputs vsce reads; the bundles are built into the stage's dist/. */
const STAGED = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'media', 'syntaxes', 'docs'];

function outFile(argv) {
  const i = argv.indexOf('--out');
  if (i < 0) return path.join(repo, 'dist', 'berth.vsix');
  if (!argv[i + 1]) fail('--out needs a file name');
  return path.resolve(argv[i + 1]);
}

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) fail(`${path.basename(command)} ${args.join(' ')} failed (${result.signal ?? `exit code ${result.status}`})`);
}

const out = outFile(process.argv.slice(2));
const stage = path.join(repo, '.testbed', 'package-stage');
fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });
for (const entry of STAGED) fs.cpSync(path.join(repo, entry), path.join(stage, entry), { recursive: true });

run(process.execPath, [path.join(repo, 'esbuild.mjs'), '--production', '--outdir', path.join(stage, 'dist'), '--mediadir', path.join(stage, 'media')], repo);
fs.mkdirSync(path.dirname(out), { recursive: true });
// --no-rewrite-relative-links: Berth names no public repository, so vsce cannot make the README's
// image links absolute; the images ship inside the package instead (see .vscodeignore), where
// VS Code's extension page finds them. A publisher sets `repository` in package.json (or passes
// --baseImagesUrl) to get absolute links on a marketplace page.
run(process.execPath, [path.join(repo, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], stage);
fs.rmSync(stage, { recursive: true, force: true });

const bytes = fs.statSync(out).size;
if (bytes > MAX_BYTES) fail(`${out} is ${(bytes / 1024).toFixed(0)} KiB, over the 1 MiB budget`);
console.log(`package: ${path.relative(process.cwd(), out) || out} (${(bytes / 1024).toFixed(0)} KiB)`);
