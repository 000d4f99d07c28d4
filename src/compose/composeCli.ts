/**
 * How to call Compose: v2 (`docker compose`) when the docker CLI has it, else v1
 * (`docker-compose`). Arguments are always an array and every value rides in `--flag=value`
 * form, so a project name or path from a label can never be read as another flag. Pure.
 */

export type ComposeFlavor = 'v2' | 'v1';

export interface ComposeCli {
  flavor: ComposeFlavor;
  /** The executable: `docker` for v2, `docker-compose` for v1. */
  command: string;
  /** Arguments before Compose's own (`['compose']` for v2). */
  prefix: string[];
  version: string;
}

/** Which compose project and files a command acts on. */
export interface ComposeTarget {
  /** Compose files in order (later ones override); empty means Compose's own discovery in `projectDirectory`. */
  files: string[];
  /** Set when the target came from running containers (the compose project label). */
  projectName?: string;
  /** Where relative paths resolve; undefined for a project whose folder is not on this machine. */
  projectDirectory: string | undefined;
  profiles?: string[];
  /** For messages: the file name or project name. */
  label: string;
}

export type ProcessRunner = (command: string, args: readonly string[]) => Promise<{ code: number; stdout: string }>;

/** Tries v2 first, as the docker CLI does today, then v1. Undefined when neither answers. */
export async function detectComposeCli(run: ProcessRunner): Promise<ComposeCli | undefined> {
  const v2 = await run('docker', ['compose', 'version', '--short']).catch(() => undefined);
  if (v2 && v2.code === 0 && v2.stdout.trim() !== '') return { flavor: 'v2', command: 'docker', prefix: ['compose'], version: v2.stdout.trim() };
  const v1 = await run('docker-compose', ['version', '--short']).catch(() => undefined);
  if (v1 && v1.code === 0 && v1.stdout.trim() !== '') return { flavor: 'v1', command: 'docker-compose', prefix: [], version: v1.stdout.trim() };
  return undefined;
}

/** The full argument list for `subcommand` on `target`. */
export function composeArgs(cli: ComposeCli, target: ComposeTarget, subcommand: readonly string[]): string[] {
  const args = [...cli.prefix];
  for (const file of target.files) args.push(`--file=${file}`);
  if (target.projectName !== undefined) args.push(`--project-name=${target.projectName}`);
  if (target.projectDirectory !== undefined) args.push(`--project-directory=${target.projectDirectory}`);
  for (const profile of target.profiles ?? []) args.push(`--profile=${profile}`);
  return [...args, ...subcommand];
}

/** Compose subcommands Berth offers, as argument lists. Services come last, after `--`. */
export const ComposeVerbs = {
  up: (services: readonly string[] = []): string[] => ['up', '--detach', '--build', ...servicesAfterDashes(services)],
  down: (removeVolumes: boolean): string[] => ['down', ...(removeVolumes ? ['--volumes'] : [])],
  restart: (services: readonly string[] = []): string[] => ['restart', ...servicesAfterDashes(services)],
  stop: (): string[] => ['stop'],
  start: (): string[] => ['start'],
  pause: (): string[] => ['pause'],
  unpause: (): string[] => ['unpause'],
  pull: (): string[] => ['pull'],
  build: (): string[] => ['build'],
  ps: (): string[] => ['ps', '--all'],
  logs: (services: readonly string[] = []): string[] => ['logs', '--follow', '--tail=200', ...servicesAfterDashes(services)],
  /** Recreates one service's containers from its (just built) image, building nothing. */
  recreate: (service: string): string[] => ['up', '--detach', '--force-recreate', '--no-deps', '--', service],
  /** Rebuilds one service's image and recreates only its containers. */
  rebuild: (service: string): string[] => ['up', '--detach', '--build', '--force-recreate', '--no-deps', '--', service],
  scale: (service: string, replicas: number): string[] => ['up', '--detach', '--no-recreate', `--scale=${service}=${replicas}`, '--', service],
} as const;

/** `--` ends options, so a service named like a flag stays a service name. */
function servicesAfterDashes(services: readonly string[]): string[] {
  return services.length > 0 ? ['--', ...services] : [];
}
