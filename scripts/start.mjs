// `npm start`: Berth in a VS Code, on a small demo workspace.
// With a desktop `code` on PATH: opens it with Berth as the development extension.
// Without (this testbed): starts the Docker engine and code-server on 127.0.0.1 and prints the
// URL to open; stays up until Ctrl-C, a kill or a closed terminal. BERTH_PORT picks the port
// (default: a free one); `--no-build` skips the build (the tests use it on a fresh build).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const testbed = process.env.BERTH_TESTBED || path.join(repo, '.testbed');
const demo = path.join(testbed, 'demo');

function sh(command, args) {
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (${result.signal ?? `exit code ${result.status}`})`);
    process.exit(1);
  }
}

/** A desktop VS Code CLI, not code-server's remote `code` helper (which needs a running server). */
function desktopCode() {
  try {
    const found = execFileSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).trim();
    return found && !found.includes('remote-cli') ? found : undefined;
  } catch {
    return undefined;
  }
}

/** Files a person can try Berth's features on; rewritten each start so they stay current. */
function writeDemoWorkspace() {
  fs.mkdirSync(demo, { recursive: true });
  const files = {
    'Dockerfile': [
      '# Build with: docker build -t berth-demo/web .',
      'FROM berth-test/busybox',
      'COPY index.html /var/www/index.html',
      'EXPOSE 80',
      'HEALTHCHECK --interval=10s CMD wget -q -O /dev/null http://127.0.0.1/ || exit 1',
      'CMD ["httpd", "-f", "-p", "80", "-h", "/var/www"]',
      '',
    ].join('\n'),
    'index.html': '<h1>Hello from a Berth demo container</h1>\n',
    'compose.yaml': [
      '# Bring up with: docker-compose up -d   (or: docker compose up -d)',
      'services:',
      '  web:',
      '    image: berth-test/busybox',
      '    command: ["httpd", "-f", "-p", "80", "-h", "/var/www"]',
      '    ports:',
      '      - "127.0.0.1::80"',
      '  worker:',
      '    image: berth-test/busybox',
      '    command: ["sh", "-c", "while true; do date; sleep 5; done"]',
      '',
    ].join('\n'),
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(demo, name), text);
}

function main() {
  if (!process.argv.includes('--no-build')) sh('npm', ['run', '--silent', 'build']);
  writeDemoWorkspace();

  const code = desktopCode();
  if (code) {
    console.log(`Opening ${demo} in ${code} with Berth from ${repo}`);
    sh(code, [`--extensionDevelopmentPath=${repo}`, demo]);
    return;
  }

  // No desktop VS Code: the testbed's engine, base image and code-server.
  sh('bash', ['scripts/testbed/engine.sh', 'ensure']);
  sh('bash', ['scripts/testbed/image.sh']);
  sh('bash', ['scripts/testbed/codeServer.sh']);
  void serve();
}

async function serve() {
  const { startCodeServer } = require(path.join(repo, 'out/test/harness/codeServer.js'));
  const { workbenchUrl } = require(path.join(repo, 'out/test/harness/browser.js'));
  const { newRunDir } = require(path.join(repo, 'out/test/harness/paths.js'));
  const port = process.env.BERTH_PORT ? Number(process.env.BERTH_PORT) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    console.error(`BERTH_PORT=${process.env.BERTH_PORT} is not a port number`);
    process.exit(1);
  }
  const server = await startCodeServer({ runDir: newRunDir('start'), workspace: demo, trusted: true, port });
  console.log(`
Berth is running in code-server (VS Code 1.100) on ${server.url}
Open this URL in a browser on this machine (it loads Berth from ${repo}):

  ${workbenchUrl(server.url, demo)}

Try:  docker-compose -f ${path.join(demo, 'compose.yaml')} -p berth-demo up -d
After changing src/, run \`npm run build\` and reload the window.
code-server log: ${server.logFile}
Ctrl-C stops code-server (the Docker engine keeps running).`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  // code-server runs in its own process group, so no signal reaches it by itself: a closed
  // terminal (SIGHUP) must stop it as Ctrl-C (SIGINT) and a kill (SIGTERM) do.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);
  // Keep the process alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
}

main();
