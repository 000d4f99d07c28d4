/**
 * The docker CLI arguments for one build, from the options the user chose. Always an argument
 * array: every value rides in `--flag=value` form and the context comes after `--`, so a path or
 * a build-arg value from the workspace can never be read as another flag or reach a shell. Pure.
 */

/** Everything "Berth: Build Image" asks for, and what a `berth-build` task holds. */
export interface BuildOptions {
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** Absolute path of the build context folder. */
  context: string;
  tags: string[];
  /** The stage to build (`--target`); undefined builds the last stage. */
  target?: string;
  /** `NAME=value` pairs in order; a bare `NAME` takes the value from the CLI's environment. */
  buildArgs: string[];
  platform?: string;
  /** `id=…,src=…` or `id=…,env=…`. */
  secrets: string[];
  /** `default` (the SSH agent) or `id=path`. */
  ssh: string[];
  cacheFrom: string[];
  cacheTo: string[];
  /** Writes cache metadata into the image (BUILDKIT_INLINE_CACHE=1). */
  inlineCache: boolean;
  noCache: boolean;
  pull: boolean;
}

/** How the build reaches BuildKit: `docker buildx build`, or `docker build` with DOCKER_BUILDKIT=1. */
export type BuilderKind = 'buildx' | 'classic';

export class BuildOptionsError extends Error {
  override readonly name = 'BuildOptionsError';
}

export function defaultBuildOptions(dockerfile: string, context: string): BuildOptions {
  return { dockerfile, context, tags: [], buildArgs: [], secrets: [], ssh: [], cacheFrom: [], cacheTo: [], inlineCache: false, noCache: false, pull: false };
}

const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*(=|$)/;
const SECRET = /^(?:type=(?:file|env),)?id=[^,=]+,(?:src|source|env)=.+$|^id=[^,=]+$/;
const SSH = /^(?:default|[A-Za-z0-9_.-]+)(?:=.+)?$/;

/** Refuses what the CLI would misread, with what to write instead. */
export function validateBuildOptions(options: BuildOptions, builder: BuilderKind): void {
  if (options.dockerfile.trim() === '') throw new BuildOptionsError('No Dockerfile was given.');
  if (options.context.trim() === '') throw new BuildOptionsError('No build context folder was given.');
  for (const arg of options.buildArgs) {
    if (!BUILD_ARG_NAME.test(arg)) throw new BuildOptionsError(`The build argument "${arg}" is not NAME=value. Write it as NAME=value (NAME: letters, digits, _).`);
  }
  for (const secret of options.secrets) {
    if (!SECRET.test(secret)) throw new BuildOptionsError(`The secret "${secret}" is not id=NAME,src=FILE or id=NAME,env=VARIABLE.`);
  }
  for (const ssh of options.ssh) {
    if (!SSH.test(ssh)) throw new BuildOptionsError(`The SSH forwarding "${ssh}" is not "default" or id=PATH.`);
  }
  if (options.cacheTo.length > 0 && builder === 'classic') {
    throw new BuildOptionsError('Cache export (--cache-to) needs docker buildx. Install the buildx plugin, or use inline cache instead.');
  }
  for (const tag of options.tags) {
    if (/\s/.test(tag) || tag === '') throw new BuildOptionsError(`The tag "${tag}" has white space in it. Write it as name:tag, e.g. myapp:dev.`);
  }
}

/**
 * The arguments after the docker executable. `iidFile` receives the image id (both builders
 * write it); buildx also gets `--load` so the image lands in the engine the views show.
 */
export function buildArgs(options: BuildOptions, builder: BuilderKind, iidFile?: string): string[] {
  validateBuildOptions(options, builder);
  const args = builder === 'buildx' ? ['buildx', 'build', '--load'] : ['build'];
  args.push('--progress=plain', `--file=${options.dockerfile}`);
  for (const tag of options.tags) args.push(`--tag=${tag}`);
  if (options.target) args.push(`--target=${options.target}`);
  for (const arg of options.buildArgs) args.push(`--build-arg=${arg}`);
  if (options.inlineCache) args.push('--build-arg=BUILDKIT_INLINE_CACHE=1');
  if (options.platform) args.push(`--platform=${options.platform}`);
  for (const secret of options.secrets) args.push(`--secret=${secret}`);
  for (const ssh of options.ssh) args.push(`--ssh=${ssh}`);
  for (const from of options.cacheFrom) args.push(`--cache-from=${from}`);
  for (const to of options.cacheTo) args.push(`--cache-to=${to}`);
  if (options.noCache) args.push('--no-cache');
  if (options.pull) args.push('--pull');
  if (iidFile) args.push(`--iidfile=${iidFile}`);
  args.push('--', options.context);
  return args;
}

/** The environment the builder needs on top of the engine's: classic builds opt in to BuildKit. */
export function builderEnvironment(builder: BuilderKind): Record<string, string> {
  return builder === 'classic' ? { DOCKER_BUILDKIT: '1' } : {};
}
