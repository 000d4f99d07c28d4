// Bundles the extension host entry (and, later, the CLI and webview entries).
// `--production` minifies for the .vsix; `--watch` rebuilds on save.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const extensionHost = {
  entryPoints: { extension: 'src/extension.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // vscode is provided by the host; ssh2's native helpers are optional and
  // ssh2 falls back to pure JS when they are missing.
  external: ['vscode', 'cpu-features', './crypto/build/Release/sshcrypto.node'],
  minify: production,
  sourcemap: production ? 'external' : 'linked',
  metafile: true,
  logLevel: 'warning',
};

if (watch) {
  const ctx = await esbuild.context(extensionHost);
  await ctx.watch();
  console.log('esbuild: watching src/ …');
} else {
  const result = await esbuild.build(extensionHost);
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  console.log(`esbuild: dist/ ${(bytes / 1024).toFixed(0)} KiB${production ? ' (production)' : ''}`);
}
