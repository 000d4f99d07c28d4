/**
 * Compose Build (a project) and Compose Rebuild Service through Berth's own build path: each
 * service's image is built by the build runner, as Build Image does — a task over the docker CLI,
 * the cancellable step progress, failures on the line of that service's Dockerfile — and Compose
 * then only recreates the service's containers. A service whose `build:` uses keys Berth's build
 * does not carry (ssh, secrets, labels…) is left to Compose's own build.
 */
import * as path from 'node:path';
import { runBuild } from '../build/buildImage';
import { serviceBuilds, normalizeProjectName, type ServiceBuild } from '../compose/composeBuilds';
import { ComposeVerbs } from '../compose/composeCli';
import { nodeComposeHost } from '../language/compose/composeHost';
import { composeFeatures } from '../language/compose/composeProviders';
import { workspaceReadPolicy } from '../language/workspaceReadPolicy';
import { ActionFailed } from './actionFailed';
import type { CommandContext } from './commandContext';
import { runComposeVerb } from './composeProject';
import { requireTrust, resolveComposeTarget, type ResolvedComposeTarget } from './composeTarget';
import { withFiles } from './showMergedConfig';

/** The builds of `services` (all with a `build:` when empty), read from the project's merged files. */
async function plannedBuilds(ctx: CommandContext, resolved: ResolvedComposeTarget, services: readonly string[]): Promise<ServiceBuild[]> {
  const cli = await ctx.compose.requireCli();
  const target = withFiles(resolved.target);
  const first = target.files[0];
  if (first === undefined) throw new ActionFailed(`${target.label} has no compose file on this machine.`, new Error('Open the project folder, then build from its compose file.'));
  const merged = composeFeatures().mergeCompose(target.files, nodeComposeHost(process.env, [], workspaceReadPolicy()));
  const projectDir = target.projectDirectory ?? path.dirname(first);
  const named = typeof merged.model['name'] === 'string' ? merged.model['name'] : undefined;
  const project = normalizeProjectName(target.projectName ?? named ?? path.basename(projectDir));
  return serviceBuilds(merged.model, projectDir, project, cli.flavor, services);
}

/**
 * Builds each service through the build runner, one after another; stops at the first that fails
 * (its message, with Go to Line, is already shown). Resolves with the exit code: 0 when all built.
 */
async function buildServices(ctx: CommandContext, title: string, builds: readonly ServiceBuild[]): Promise<number> {
  for (const build of builds) {
    ctx.log.info(`compose: building ${build.service} through Berth's build (${build.options.dockerfile})`);
    const result = await runBuild(ctx, build.options, undefined, false);
    if (!result) throw new ActionFailed(`${title} was stopped before ${build.service} was built.`, new Error('Run it again to finish.'));
    if (result.code !== 0) return result.code;
  }
  return 0;
}

/** Services Berth builds itself, and the names of those Compose must build (unsupported keys). */
function split(builds: readonly ServiceBuild[]): { own: ServiceBuild[]; compose: string[] } {
  return { own: builds.filter((b) => b.unsupported.length === 0), compose: builds.filter((b) => b.unsupported.length > 0).map((b) => b.service) };
}

export async function composeBuild(ctx: CommandContext, ...args: unknown[]): Promise<number | undefined> {
  const title = 'Compose Build';
  requireTrust(title);
  const resolved = await resolveComposeTarget(ctx, args);
  if (!resolved) return undefined;
  // A project verb acts on the whole project even when invoked on one service's row.
  const { service: _service, ...project } = resolved;
  const { own, compose } = split(await plannedBuilds(ctx, project, []));
  const code = await buildServices(ctx, title, own);
  if (code !== 0) return code;
  if (compose.length > 0) return runComposeVerb(ctx, project, title, [...ComposeVerbs.build(), '--', ...compose]);
  return code;
}

/** Rebuilds one service's image through Berth's build, then recreates its containers with Compose. */
export async function composeServiceRebuildWithBerth(ctx: CommandContext, resolved: ResolvedComposeTarget & { service: string }, title: string): Promise<number> {
  const { own } = split(await plannedBuilds(ctx, resolved, [resolved.service]));
  // No build of its own (an image-only service), or one Compose must build: Compose does it all.
  if (own.length === 0) return runComposeVerb(ctx, resolved, title, ComposeVerbs.rebuild(resolved.service));
  const code = await buildServices(ctx, title, own);
  if (code !== 0) return code;
  return runComposeVerb(ctx, resolved, title, ComposeVerbs.recreate(resolved.service));
}
