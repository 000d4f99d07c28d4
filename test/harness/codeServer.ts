/**
 * Starts code-server (VS Code 1.100.3 in a browser) for one run, isolated in its own folder:
 * HOME, TMPDIR, config, user data and extensions all live under `runDir`, so runs never share
 * state with each other or with the machine's own VS Code.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { codeServerDir, codeServerEntry, runTmpDir } from './paths';

export interface CodeServerOptions {
  /** Folder for everything this run writes. */
  runDir: string;
  /** Folder opened in the workbench. */
  workspace: string;
  /** true: workspace trust disabled (everything trusted); false: the folder opens in Restricted Mode. */
  trusted: boolean;
  /** Extra environment for the server and so for its extension host. */
  env?: Record<string, string>;
  /** Fixed port (e.g. `npm start` with BERTH_PORT); default: a free one. */
  port?: number;
  host?: string;
}

export interface CodeServer {
  url: string;
  port: number;
  /** code-server's stdout and stderr. */
  logFile: string;
  /** The user data folder (its logs/ holds the extension host's logs). */
  userDataDir: string;
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 30_000;

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  if (!fs.existsSync(codeServerEntry)) {
    throw new Error(`code-server is not installed at ${codeServerDir}: run \`npm run testbed\` (bash scripts/testbed/setup.sh) first`);
  }
  // A free port can be taken between our probe and code-server's bind: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort(options.host));
    try {
      return await launch(options, port);
    } catch (error) {
      if (options.port !== undefined || attempt >= 3 || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

function writeSettings(userDataDir: string, trusted: boolean): void {
  const settings: Record<string, unknown> = {
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    // Run folders sit inside this repo: no "open the parent repository?" prompt over the UI.
    'git.openRepositoryInParentFolders': 'never',
    // code-server's extension host scans every process's sockets for ports to forward, every two
    // seconds or more (exec, /proc reads). Desktop VS Code with a local engine has no such scan; here
    // it is CPU that is not Berth's, on two cores. code-server has a tunnel provider, so turning
    // auto-forwarding off does not stop the scan: only a source other than `process` does.
    'remote.autoForwardPorts': false,
    'remote.autoForwardPortsSource': 'output',
  };
  // Without this key the folder opens in Restricted Mode, which the restricted suite wants.
  if (trusted) settings['security.workspace.trust.enabled'] = false;
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

function isolatedEnv(runDir: string, extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Started from a VS Code terminal, these would point the server at that VS Code.
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  const home = path.join(runDir, 'home');
  return {
    ...env,
    HOME: home,
    TMPDIR: runTmpDir(runDir),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    ...extra,
  };
}

/**
 * Installs a .vsix into the run's own extensions folder with code-server's `--install-extension`,
 * as a user installs it; a server started later with the same `runDir` loads it from there.
 * Returns the folder the extension was unpacked into.
 */
export async function installExtension(runDir: string, vsix: string): Promise<string> {
  if (!fs.existsSync(codeServerEntry)) throw new Error(`code-server is not installed at ${codeServerDir}: run \`npm run testbed\` first`);
  const extensionsDir = path.join(runDir, 'extensions');
  for (const dir of ['home', 'tmp', 'user-data', 'extensions']) fs.mkdirSync(path.join(runDir, dir), { recursive: true });
  const args = [codeServerEntry, '--user-data-dir', path.join(runDir, 'user-data'), '--extensions-dir', extensionsDir, '--install-extension', vsix];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: runDir, env: isolatedEnv(runDir, undefined), stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`code-server --install-extension ${vsix} exited with ${code}:\n${text}`))));
  });
  const installed = fs.readdirSync(extensionsDir).filter((d) => fs.existsSync(path.join(extensionsDir, d, 'package.json')));
  if (installed.length !== 1) throw new Error(`expected one extension in ${extensionsDir}, found ${installed.join(', ') || 'none'}:\n${output}`);
  return path.join(extensionsDir, installed[0]);
}

async function launch(options: CodeServerOptions, port: number): Promise<CodeServer> {
  const host = options.host ?? '127.0.0.1';
  const { runDir } = options;
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  for (const dir of ['home', 'tmp', 'user-data', 'extensions']) fs.mkdirSync(path.join(runDir, dir), { recursive: true });
  writeSettings(userDataDir, options.trusted);
  const config = path.join(runDir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: ${host}:${port}\nauth: none\ncert: false\n`);
  const logFile = path.join(runDir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');

  const child = spawn(
    process.execPath,
    [
      codeServerEntry,
      '--config', config,
      '--auth', 'none',
      '--bind-addr', `${host}:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      options.workspace,
    ],
    // Its own process group, so stop() ends the extension host and every helper with it.
    { cwd: runDir, env: isolatedEnv(runDir, options.env), detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = `code-server exited (${signal ?? `code ${code}`})`;
      resolve();
    }),
  );

  const stop = async (): Promise<void> => {
    if (exited || child.pid === undefined) return;
    signalGroup(child.pid, 'SIGTERM');
    const killed = await Promise.race([exit.then(() => true), delay(5_000).then(() => false)]);
    if (!killed) signalGroup(child.pid, 'SIGKILL');
    await Promise.race([exit, delay(2_000)]);
    // Helpers that outlive the server in the same group (pty hosts, watchers).
    signalGroup(child.pid, 'SIGKILL');
  };

  const url = `http://${host}:${port}`;
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (!(await healthy(`${url}/healthz`))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`${exited ?? `code-server did not answer ${url}/healthz within ${HEALTH_TIMEOUT_MS / 1000}s`}; log ${logFile}:\n${tail(logFile, 20)}`);
    }
    await delay(100);
  }
  return { url, port, logFile, userDataDir, stop };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Whether `url` answers 200 within 2 s. */
export function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
  });
}

export function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n');
  } catch {
    return '    (no log)';
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
