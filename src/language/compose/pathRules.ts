/**
 * Paths a compose file names on the machine that runs Compose: `env_file`s, build contexts,
 * Dockerfiles and bind-mount sources (and the build's platform list). Relative paths start at the file's folder; `~` is the home
 * folder; a path with variables is skipped rather than guessed. Pure: the file system comes in
 * through `ComposeHost`.
 */
import * as path from 'node:path';
import type { Finding } from '../findings';
import { child, listItems, scalarText, type ComposeNode } from './composeDocument';
import { berthFinding, rangeWithin, resolvePath, services, type ComposeContext } from './composeContext';
import { hasInterpolation } from './text';

export function checkPaths(ctx: ComposeContext): Finding[] {
  const out: Finding[] = unreadFiles(ctx);
  for (const s of services(ctx)) {
    for (const item of listItems(s.get('env_file'))) checkEnvFile(ctx, item, out);
    const build = s.get('build');
    if (build) {
      checkBuild(ctx, build, out);
      checkPlatform(s.get('platform'), build, out);
    }
    for (const item of listItems(s.get('volumes'))) checkBindSource(ctx, item, out);
  }
  return out;
}

/** Files the project reads that exist but were refused: say so, since their declarations are missing. */
function unreadFiles(ctx: ComposeContext): Finding[] {
  return ctx.unread.map((u) => {
    const named = scalarText(u.node);
    const what = named !== undefined ? `Included file \`${named}\`` : `${u.file} (a file of this project)`;
    return berthFinding(u.node?.range ?? ctx.doc.rangeAt(0, 0), 'error', 'compose/unreadable-file', `${what} was not read: it ${u.problem}. Names it declares are not known to Berth.`);
  });
}

function checkEnvFile(ctx: ComposeContext, item: ComposeNode, out: Finding[]): void {
  const node = item.kind === 'map' ? child(item, 'path') : item;
  if (item.kind === 'map' && scalarText(child(item, 'required')) !== undefined && scalarText(child(item, 'required')) !== 'true') return;
  const text = scalarText(node);
  const file = resolvePath(text, ctx.dir, ctx.host);
  if (!node || !file) return;
  const kind = ctx.host.stat(file);
  if (kind === 'file' || kind === 'outside') return; // outside an untrusted workspace: not looked at
  const message =
    kind === 'directory'
      ? `env file \`${text}\` is a folder, not a file.`
      : kind === 'other'
        ? `env file \`${text}\` is not a regular file (a device, pipe or socket): Compose would hang or fail reading it.`
        : `env file \`${text}\` does not exist (looked for ${file}). Create it, or mark it \`required: false\`.`;
  out.push(berthFinding(node.range, 'error', 'compose/missing-env-file', message));
}

/** A build context that is a URL (git, https) or another service's image: nothing local to check. */
function isRemoteContext(context: string): boolean {
  return /^(https?:\/\/|git@|git:\/\/|ssh:\/\/|github\.com\/|docker-image:\/\/|service:|oci-layout:\/\/)/.test(context) || /\.git(#.*)?$/.test(context);
}

function checkBuild(ctx: ComposeContext, build: ComposeNode, out: Finding[]): void {
  const contextNode = build.kind === 'map' ? child(build, 'context') : build;
  const contextText = contextNode ? scalarText(contextNode) : '.';
  if (contextText === undefined || isRemoteContext(contextText)) return;
  const contextDir = resolvePath(contextText, ctx.dir, ctx.host);
  if (!contextDir) return;
  const where = contextNode ?? build;
  const kind = ctx.host.stat(contextDir);
  if (kind === 'outside') return;
  if (kind !== 'directory') {
    const message = kind === undefined ? `Build context \`${contextText}\` does not exist (looked for ${contextDir}).` : `Build context \`${contextText}\` is a ${kind === 'file' ? 'file' : 'device, pipe or socket'}; it must be a folder.`;
    out.push(berthFinding(where.range, 'error', 'compose/missing-build-context', message));
    return;
  }
  if (build.kind === 'map' && child(build, 'dockerfile_inline')) return;
  const dockerfileNode = build.kind === 'map' ? child(build, 'dockerfile') : undefined;
  const dockerfileText = dockerfileNode ? scalarText(dockerfileNode) : 'Dockerfile';
  if (dockerfileText === undefined) return;
  const dockerfile = resolvePath(dockerfileText, contextDir, ctx.host);
  const dockerfileKind = dockerfile && ctx.host.stat(dockerfile);
  if (!dockerfile || dockerfileKind === 'file' || dockerfileKind === 'outside') return;
  // BuildKit falls back to a lower-case `dockerfile` when the default name is missing.
  if (!dockerfileNode && ctx.host.stat(path.join(contextDir, 'dockerfile')) === 'file') return;
  const message = dockerfileNode
    ? `Dockerfile \`${dockerfileText}\` does not exist in build context \`${contextText}\` (looked for ${dockerfile}).`
    : `Build context \`${contextText}\` has no \`Dockerfile\`. Add one, or name it with \`dockerfile:\`.`;
  out.push(berthFinding((dockerfileNode ?? where).range, 'error', 'compose/missing-dockerfile', message));
}

function checkBindSource(ctx: ComposeContext, item: ComposeNode, out: Finding[]): void {
  let sourceNode: ComposeNode | undefined;
  let source: string | undefined;
  let mayCreate = true;
  if (item.kind === 'map') {
    if (scalarText(child(item, 'type')) !== 'bind') return;
    sourceNode = child(item, 'source');
    source = scalarText(sourceNode);
    mayCreate = scalarText(child(child(item, 'bind'), 'create_host_path')) !== 'false';
  } else {
    const v = scalarText(item);
    const drive = v !== undefined && /^[A-Za-z]:[\\/]/.test(v) ? 2 : 0; // `C:\data:/data` keeps its drive colon
    const colon = v === undefined ? -1 : v.indexOf(':', drive);
    if (v === undefined || colon < 0) return;
    source = v.slice(0, colon);
    if (!/^[.~/]/.test(source)) return; // a named volume, not a bind mount
    sourceNode = item;
  }
  const resolved = resolvePath(source, ctx.dir, ctx.host);
  if (!sourceNode || !resolved || ctx.host.stat(resolved) !== undefined) return;
  const range = rangeWithin(ctx.doc, sourceNode, source!);
  out.push(
    mayCreate
      ? berthFinding(range, 'warning', 'compose/missing-bind-source', `Bind-mount source \`${source}\` does not exist (looked for ${resolved}); Docker will create an empty folder there.`)
      : berthFinding(range, 'error', 'compose/missing-bind-source', `Bind-mount source \`${source}\` does not exist (looked for ${resolved}), and \`create_host_path: false\` stops Docker from creating it.`),
  );
}

/** Compose refuses a service `platform` that its `build.platforms` list leaves out. */
function checkPlatform(platform: ComposeNode | undefined, build: ComposeNode, out: Finding[]): void {
  const wanted = scalarText(platform);
  const platforms = build.kind === 'map' ? child(build, 'platforms') : undefined;
  if (!platform || wanted === undefined || platforms?.kind !== 'seq' || hasInterpolation(wanted)) return;
  const listed = platforms.items.map(scalarText);
  if (listed.includes(wanted) || listed.some((p) => p === undefined || hasInterpolation(p))) return;
  out.push(berthFinding(platform.range, 'error', 'compose/platform-not-built', `Platform \`${wanted}\` is not in this service's \`build.platforms\` (${listed.join(', ')}); Compose refuses to build it. Add it there, or change \`platform\`.`));
}
