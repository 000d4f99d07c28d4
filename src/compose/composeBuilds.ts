/**
 * What Compose would build, as Berth's own build options: for each service with a `build:` section
 * of a merged project, its Dockerfile, context, target, args and the image name Compose gives it.
 * Compose Build then runs each through Berth's build runner (progress, diagnostics on the service's
 * Dockerfile), and Compose itself only recreates containers. Pure.
 */
import * as path from 'node:path';
import { defaultBuildOptions, type BuildOptions } from '../build/buildArgs';
import type { ComposeFlavor } from './composeCli';

/** One service's build; `unsupported` names `build:` keys Berth's build does not carry (Compose builds those services itself). */
export interface ServiceBuild {
  service: string;
  options: BuildOptions;
  unsupported: string[];
}

const CARRIED = new Set(['context', 'dockerfile', 'args', 'target', 'cache_from']);

type Plain = unknown;
const isMap = (v: Plain): v is Record<string, Plain> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: Plain): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** A project name as Compose normalizes it: lower case, only `a-z 0-9 _ -`. */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

/** The image Compose builds for a service without `image:`: `project_service` (v1) or `project-service` (v2). */
export function defaultImageName(project: string, service: string, flavor: ComposeFlavor): string {
  return `${project}${flavor === 'v1' ? '_' : '-'}${service}`;
}

/** `args:` as a map or a `NAME=value` list; a bare name (no value) takes the CLI's environment, as Compose does. */
function buildArgs(args: Plain): string[] {
  if (Array.isArray(args)) return args.map(text).filter((a): a is string => a !== undefined);
  if (!isMap(args)) return [];
  return Object.entries(args).map(([name, value]) => (value === null || value === undefined ? name : `${name}=${text(value) ?? ''}`));
}

/**
 * The builds of `services` (every service with a `build:` when empty), in the project's order.
 * `projectDir` resolves a context the merge left relative; `project` is the normalized project name.
 */
export function serviceBuilds(model: Record<string, Plain>, projectDir: string, project: string, flavor: ComposeFlavor, services: readonly string[] = []): ServiceBuild[] {
  const all = isMap(model['services']) ? model['services'] : {};
  const builds: ServiceBuild[] = [];
  for (const [service, spec] of Object.entries(all)) {
    if (services.length > 0 && !services.includes(service)) continue;
    if (!isMap(spec) || spec['build'] === undefined) continue;
    const build = isMap(spec['build']) ? spec['build'] : { context: spec['build'] };
    const context = path.resolve(projectDir, text(build['context']) ?? '.');
    const dockerfile = path.resolve(context, text(build['dockerfile']) ?? 'Dockerfile');
    const target = text(build['target']);
    const image = text(spec['image']) ?? defaultImageName(project, service, flavor);
    builds.push({
      service,
      options: {
        ...defaultBuildOptions(dockerfile, context),
        tags: [image],
        ...(target ? { target } : {}),
        buildArgs: buildArgs(build['args']),
        cacheFrom: Array.isArray(build['cache_from']) ? build['cache_from'].map(text).filter((c): c is string => c !== undefined) : [],
      },
      unsupported: Object.keys(build).filter((k) => !CARRIED.has(k)),
    });
  }
  return builds;
}
