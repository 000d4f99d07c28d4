// Bundles the extension host entry (and, later, the CLI and webview entries).
// `--production` minifies for the .vsix; `--watch` rebuilds on save.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * dockerode requires its BuildKit session module (gRPC, ~400 KB) at load time, though only
 * `buildImage({ version: '2' })` uses it. Berth builds with the docker CLI, so that module is
 * replaced by one that says so — the bundle stays under 1 MB.
 */
const dropDockerodeSession = {
  name: 'drop-dockerode-session',
  setup(build) {
    build.onResolve({ filter: /^\.\/session$/ }, (args) =>
      /dockerode[\\/]lib[\\/]docker\.js$/.test(args.importer) ? { path: 'dockerode-session', namespace: 'berth-stub' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'berth-stub' }, () => ({
      contents:
        "module.exports = function withSession(docker, auth, handler) { handler(new Error('BuildKit sessions through dockerode are not bundled in Berth; builds use the docker CLI.')); };",
      loader: 'js',
    }));
  },
};

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
  plugins: [dropDockerodeSession],
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
