/**
 * The three-node swarm the swarm tests run against (scripts/testbed/swarm.sh): node 1 and 2 are
 * managers, node 3 a worker, node 4 a spare engine in no swarm; each a real dockerd in its own
 * network namespace. A suite starts it
 * once in `before` and stops it in `after`; the testbed engine is never part of it.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../harness/paths';

export interface SwarmNodeInfo {
  /** `unix:///…/docker.sock`, for DOCKER_HOST or `docker -H`. */
  host: string;
  socketPath: string;
  /** The node's address on the test subnet. */
  addr: string;
  /** Its hostname, as `docker node ls` shows it. */
  hostname: string;
}

export interface TestSwarm {
  nodes: readonly [SwarmNodeInfo, SwarmNodeInfo, SwarmNodeInfo];
  /** A fourth engine in no swarm, for initialize and leave. */
  spare: SwarmNodeInfo;
  image: string;
  /** A second tag of the same image on every node, for rolling updates. */
  imageV2: string;
  stop(): Promise<void>;
}

const SCRIPT = path.join(repoRoot, 'scripts', 'testbed', 'swarm.sh');

function script(action: 'up' | 'down'): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [SCRIPT, action], { timeout: 120_000, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`swarm.sh ${action} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

/** Starts the three-node swarm (tearing down any leftover first). */
export async function startSwarm(): Promise<TestSwarm> {
  const values = new Map<string, string>();
  for (const line of (await script('up')).split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) values.set(line.slice(0, at), line.slice(at + 1));
  }
  const need = (key: string): string => {
    const value = values.get(key);
    if (!value) throw new Error(`swarm.sh up printed no ${key}`);
    return value;
  };
  const node = (n: number): SwarmNodeInfo => {
    const host = need(`BERTH_SWARM_NODE${n}_HOST`);
    return { host, socketPath: host.replace(/^unix:\/\//, ''), addr: need(`BERTH_SWARM_NODE${n}_ADDR`), hostname: need(`BERTH_SWARM_NODE${n}_NAME`) };
  };
  return {
    nodes: [node(1), node(2), node(3)],
    spare: node(4),
    image: need('BERTH_SWARM_IMAGE'),
    imageV2: need('BERTH_SWARM_IMAGE_V2'),
    stop: async () => {
      await script('down');
    },
  };
}

/** The machine's network interfaces (the root namespace's), to check a teardown left none behind. */
export function hostInterfaces(): string[] {
  return fs.readdirSync('/sys/class/net').sort();
}

/** The network namespaces that exist, to check a teardown deleted its own. */
export function networkNamespaces(): string[] {
  return fs.existsSync('/run/netns') ? fs.readdirSync('/run/netns').sort() : [];
}

/** The docker CLI against one node (arguments as an array). */
export function nodeDocker(node: SwarmNodeInfo, args: readonly string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/docker', ['-H', node.host, ...args], { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`docker -H ${node.host} ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout.trim());
    });
  });
}
