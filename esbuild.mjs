// Bundles the extension host entry, the lazily loaded features, the CLI, workers and the webviews.
// `--production` minifies for the .vsix; `--watch` rebuilds on save.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--outdir DIR`: where the bundles go (default dist/); `npm run package` builds into a staging folder.
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag >= 0 ? process.argv[outdirFlag + 1] : 'dist';
if (!outdir) throw new Error('--outdir needs a folder');
// `--mediadir DIR`: where the webview bundles go (default media/, the one folder a webview may load from).
const mediadirFlag = process.argv.indexOf('--mediadir');
const mediadir = mediadirFlag >= 0 ? process.argv[mediadirFlag + 1] : 'media';
if (!mediadir) throw new Error('--mediadir needs a folder');

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
    build.onLoad({ filter: /^dockerode-session$/, namespace: 'berth-stub' }, () => ({
      contents:
        "module.exports = function withSession(docker, auth, handler) { handler(new Error('BuildKit sessions through dockerode are not bundled in Berth; builds use the docker CLI.')); };",
      loader: 'js',
    }));
  },
};

/**
 * docker-modem reaches ssh:// hosts with ssh2, which accepts any host key and ignores ~/.ssh.
 * Berth goes through the system ssh client instead (src/engine/sshSession.ts), so ssh2 is left
 * out of the bundle, and docker-modem's door to it says why if anything ever knocks.
 */
const dropModemSsh = {
  name: 'drop-modem-ssh',
  setup(build) {
    build.onResolve({ filter: /^\.\/ssh$/ }, (args) =>
      /docker-modem[\\/]lib[\\/]modem\.js$/.test(args.importer) ? { path: 'modem-ssh', namespace: 'berth-stub' } : undefined,
    );
    build.onLoad({ filter: /^modem-ssh$/, namespace: 'berth-stub' }, () => ({
      contents: "module.exports = function ssh() { throw new Error('Berth reaches ssh:// engines through the system ssh client, not through docker-modem.'); };",
      loader: 'js',
    }));
  },
};

/**
 * dockerode (with docker-modem, half of everything) is its own file, dist/dockerode.js,
 * required on the first engine call: VS Code then parses only the rest when it loads Berth.
 */
const dockerodeAsSibling = {
  name: 'dockerode-as-sibling',
  setup(build) {
    build.onResolve({ filter: /^dockerode$/ }, () => ({ path: './dockerode.js', external: true }));
  },
};

/**
 * The Dockerfile and compose features (with the yaml parser and the compose-spec schema, most of
 * Berth's code) are their own files too, required the first time a Dockerfile or compose file
 * needs them: VS Code then parses a fifth of the code when it loads Berth. Each door is the one
 * module its features are reached through, so nothing is bundled twice with state of its own.
 */
const FEATURE_DOORS = { dockerfileFeatures: 'src/language/dockerfile/dockerfileFeatures.ts', composeFeatures: 'src/language/compose/composeFeatures.ts' };
const featuresAsSiblings = {
  name: 'features-as-siblings',
  setup(build) {
    build.onResolve({ filter: /^\.{1,2}\/.*(dockerfileFeatures|composeFeatures)$/ }, (args) => {
      const name = /(dockerfileFeatures|composeFeatures)$/.exec(args.path)[1];
      return { path: `./${name}.js`, external: true };
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const extensionHost = {
  entryPoints: { extension: 'src/extension.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // vscode is provided by the host.
  external: ['vscode'],
  minify: production,
  sourcemap: production ? 'external' : 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [dockerodeAsSibling, featuresAsSiblings],
};

/** The compose linter's worker thread (see composeLintClient.ts): its own file, beside extension.js. */
const WORKERS = { composeLintWorker: 'src/language/compose/composeLintWorker.ts' };

/** @type {import('esbuild').BuildOptions[]} */
const features = Object.entries({ ...FEATURE_DOORS, ...WORKERS }).map(([name, entry]) => ({ ...extensionHost, entryPoints: { [name]: entry }, plugins: [] }));

/** @type {import('esbuild').BuildOptions} */
const dockerode = {
  ...extensionHost,
  entryPoints: { dockerode: 'node_modules/dockerode/lib/docker.js' },
  plugins: [dropDockerodeSession, dropModemSsh],
};

/** `berth lint`: the pure language checkers for CI, no vscode, runnable as `node dist/cli.js` (bin: berth). */
/** @type {import('esbuild').BuildOptions} */
const cli = {
  ...extensionHost,
  entryPoints: { cli: 'src/cli/main.ts' },
  external: ['vscode'],
  banner: { js: '#!/usr/bin/env node' },
  plugins: [],
};

/** The log view's page script (browser, no Node): dist/logsView.js, loaded by the webview. */
/** @type {import('esbuild').BuildOptions} */
const logsView = {
  entryPoints: { logsView: 'src/webview/logs/main.ts' },
  outdir,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: production,
  sourcemap: production ? false : 'linked',
  metafile: true,
  logLevel: 'warning',
};

/**
 * The stats webview: a browser iife and its CSS (uPlot's and Berth's) in media/. It is type-checked
 * with tsconfig.webview.json: DOM types, no Node, no vscode.
 */
/** @type {import('esbuild').BuildOptions} */
const webviews = {
  entryPoints: { stats: 'src/webview/stats/main.ts' },
  outdir: mediadir,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  tsconfig: 'tsconfig.webview.json',
  minify: production,
  sourcemap: production ? false : 'linked',
  metafile: true,
  logLevel: 'warning',
};

if (watch) {
  const contexts = await Promise.all([extensionHost, dockerode, cli, ...features, logsView, webviews].map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((ctx) => ctx.watch()));
  console.log('esbuild: watching src/ …');
} else {
  const results = await Promise.all([extensionHost, dockerode, cli, ...features, logsView, webviews].map((options) => esbuild.build(options)));
  const size = (r) => Object.entries(r.metafile.outputs).filter(([f]) => f.endsWith('.js')).reduce((n, [, o]) => n + o.bytes, 0);
  const sizes = ['extension', 'dockerode', 'cli', ...Object.keys(FEATURE_DOORS), ...Object.keys(WORKERS), 'logsView'].map((name, i) => `${outdir}/${name}.js ${(size(results[i]) / 1024).toFixed(0)} KiB`);
  sizes.push(`${mediadir}/stats.js ${(size(results[results.length - 1]) / 1024).toFixed(0)} KiB`);
  console.log(`esbuild: ${sizes.join(', ')}${production ? ' (production)' : ''}`);
  if (production) writeNotices(results);
}

/**
 * ThirdPartyNotices.txt beside the bundles: the licence of every package the bundles contain, read from the
 * packages themselves, plus the bundled compose-spec schema (data under Apache-2.0).
 */
function writeNotices(results) {
  const packages = new Map();
  for (const r of results) {
    for (const output of Object.values(r.metafile.outputs)) {
      for (const input of Object.keys(output.inputs)) {
        const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
        if (m) packages.set(m[1], true);
      }
    }
  }
  const sections = [];
  for (const dir of [...packages.keys()].sort()) {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const licenseFile = readdirSync(dir).find((f) => /^(licen[sc]e|copying)/i.test(f));
    const text = licenseFile ? readFileSync(path.join(dir, licenseFile), 'utf8').trim() : `License: ${pkg.license ?? 'see the package'}`;
    sections.push(`${pkg.name} ${pkg.version} (${pkg.license ?? 'see below'})\n\n${text}`);
  }
  const schemaDir = 'src/language/compose/schema';
  if (existsSync(path.join(schemaDir, 'LICENSE'))) {
    sections.push(`compose-spec JSON schema (Apache-2.0), ${readFileSync(path.join(schemaDir, 'SOURCE.md'), 'utf8').trim()}\n\n${readFileSync(path.join(schemaDir, 'LICENSE'), 'utf8').trim()}`);
  }
  const header = 'Berth bundles the following third-party software. Their licences follow.\n';
  writeFileSync(path.join(outdir, 'ThirdPartyNotices.txt'), [header, ...sections].join(`\n\n${'-'.repeat(72)}\n\n`) + '\n');
}
