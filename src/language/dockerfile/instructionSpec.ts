/**
 * What BuildKit's Dockerfile frontend accepts: instructions, their flags, RUN --mount keys per
 * mount type, with one line of documentation each (for hover, completion and validation). Pure.
 */

export interface FlagSpec {
  name: string;
  doc: string;
  /** Allowed values, when the set is closed. */
  values?: readonly string[];
  /** The value is a Go duration (30s, 1m30s). */
  duration?: boolean;
  /** The flag may be given without a value. */
  bool?: boolean;
  /** The flag may repeat. */
  repeat?: boolean;
}

export interface InstructionSpec {
  name: string;
  doc: string;
  /** A snippet for completion, in VS Code snippet syntax. */
  snippet: string;
  flags: readonly FlagSpec[];
}

const f = (name: string, doc: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({ name, doc, ...extra });
const i = (name: string, doc: string, snippet: string, flags: FlagSpec[] = []): InstructionSpec => ({ name, doc, snippet, flags });

const CHOWN = f('chown', 'Owner of the copied files: user[:group], names or numeric ids.');
const CHMOD = f('chmod', 'Permissions of the copied files, octal (0755) or symbolic (u+x).');
const LINK = f('link', 'Copy into an independent layer, so it survives base image changes without a rebuild.', { bool: true });
const EXCLUDE = f('exclude', 'Leave out paths matching this pattern (repeatable).', { repeat: true });
const DURATION = { duration: true };

export const INSTRUCTIONS: readonly InstructionSpec[] = [
  i('FROM', 'Starts a build stage from a base image (or `scratch`, or an earlier stage); `AS name` names the stage.', 'FROM ${1:image}:${2:tag}${3: AS ${4:name}}', [
    f('platform', 'Platform of the base image, e.g. `$BUILDPLATFORM` for a build stage that cross-compiles.'),
  ]),
  i('RUN', 'Runs a command in a new layer: shell form (`RUN cmd`) or exec form (`RUN ["cmd", "arg"]`).', 'RUN ${1:command}', [
    f('mount', 'Mounts a cache, bind, secret, ssh or tmpfs filesystem for this RUN only.', { repeat: true }),
    f('network', 'Network for this RUN.', { values: ['default', 'none', 'host'] }),
    f('security', 'Run with extended privileges (needs the security.insecure entitlement).', { values: ['sandbox', 'insecure'] }),
  ]),
  i('CMD', 'The default command (or default ENTRYPOINT arguments) of the image. Only the last CMD of a stage counts.', 'CMD ["${1:executable}"]'),
  i('LABEL', 'Adds metadata to the image as key=value pairs.', 'LABEL ${1:key}="${2:value}"'),
  i('MAINTAINER', 'Deprecated: sets the image author. Use `LABEL org.opencontainers.image.authors=…`.', 'MAINTAINER ${1:name}'),
  i('EXPOSE', 'Documents the ports the container listens on: `port[/tcp|udp|sctp]`. Publishing happens at run time.', 'EXPOSE ${1:80}'),
  i('ENV', 'Sets environment variables for later instructions and the running container.', 'ENV ${1:KEY}=${2:value}'),
  i('ADD', 'Copies files, URLs or git repositories into the image; extracts local tar archives.', 'ADD ${1:src} ${2:dest}', [
    f('checksum', 'Expected digest of a remote source: sha256:…', {}),
    f('keep-git-dir', 'Keep the .git directory when adding a git repository.', { bool: true, values: ['true', 'false'] }),
    CHOWN,
    CHMOD,
    LINK,
    EXCLUDE,
    f('unpack', 'Whether to extract a tar archive source.', { bool: true, values: ['true', 'false'] }),
  ]),
  i('COPY', 'Copies files from the build context, a stage (`--from=stage`) or an image into the image.', 'COPY ${1:src} ${2:dest}', [
    f('from', 'Copy from a build stage, an image or a named context instead of the build context.'),
    CHOWN,
    CHMOD,
    LINK,
    f('parents', 'Keep the parent directories of the sources.', { bool: true, values: ['true', 'false'] }),
    EXCLUDE,
  ]),
  i('ENTRYPOINT', 'The executable the container runs; CMD gives its default arguments.', 'ENTRYPOINT ["${1:executable}"]'),
  i('VOLUME', 'Declares mount points for external volumes.', 'VOLUME ${1:/data}'),
  i('USER', 'User (and group) for later RUN, CMD and ENTRYPOINT.', 'USER ${1:user}'),
  i('WORKDIR', 'Working directory for later instructions; created if missing. Prefer absolute paths.', 'WORKDIR ${1:/app}'),
  i('ARG', 'Declares a build argument, optionally with a default: `ARG name[=default]`.', 'ARG ${1:name}'),
  i('ONBUILD', 'Adds an instruction that runs when another build uses this image as its base.', 'ONBUILD ${1:instruction}'),
  i('STOPSIGNAL', 'Signal that stops the container: a name (SIGTERM) or a number.', 'STOPSIGNAL ${1:SIGTERM}'),
  i('HEALTHCHECK', 'How to test that the container still works: `HEALTHCHECK [options] CMD command`, or `HEALTHCHECK NONE`.', 'HEALTHCHECK --interval=${1:30s} CMD ${2:command}', [
    f('interval', 'Time between checks (default 30s).', DURATION),
    f('timeout', 'Time a check may take before it counts as failed (default 30s).', DURATION),
    f('start-period', 'Grace period after start during which failures do not count (default 0s).', DURATION),
    f('start-interval', 'Time between checks during the start period (default 5s).', DURATION),
    f('retries', 'Consecutive failures before the container is unhealthy (default 3).'),
  ]),
  i('SHELL', 'The shell for the shell form of RUN, CMD and ENTRYPOINT, in JSON form.', 'SHELL ["${1:/bin/sh}", "${2:-c}"]'),
];

export const INSTRUCTION_BY_NAME: ReadonlyMap<string, InstructionSpec> = new Map(INSTRUCTIONS.map((s) => [s.name, s]));

export interface MountKeySpec {
  name: string;
  doc: string;
  values?: readonly string[];
  /** The key may be given without a value (a boolean). */
  bool?: boolean;
}

const k = (name: string, doc: string, extra: Partial<MountKeySpec> = {}): MountKeySpec => ({ name, doc, ...extra });
const TARGET = k('target', 'Where the mount appears in the container (also dst, destination).');
const MODE = k('mode', 'File mode of the mount, octal (default 0755 for cache, 0400 for secrets and ssh).');
const UID = k('uid', 'User id of the mount (default 0).');
const GID = k('gid', 'Group id of the mount (default 0).');
const FROM = k('from', 'Stage or image to take the source from (default: the build context, or an empty cache).');
const SOURCE = k('source', 'Path in `from` to mount (default: its root).');
const REQUIRED = k('required', 'Fail the build when the secret or agent is not given (default false).', { bool: true, values: ['true', 'false'] });

export const MOUNT_TYPES: Readonly<Record<string, { doc: string; keys: readonly MountKeySpec[] }>> = {
  bind: { doc: 'Bind-mounts a path of the build context or another stage, read-only by default (the default type).', keys: [TARGET, SOURCE, FROM, k('rw', 'Allow writes (they are discarded).', { bool: true, values: ['true', 'false'] })] },
  cache: {
    doc: 'A persistent cache directory for compilers and package managers, kept between builds.',
    keys: [
      TARGET,
      k('id', 'Cache id, to share or separate caches (default: the target path).'),
      k('sharing', 'How concurrent builds share the cache.', { values: ['shared', 'private', 'locked'] }),
      FROM,
      SOURCE,
      MODE,
      UID,
      GID,
      k('ro', 'Mount read-only.', { bool: true, values: ['true', 'false'] }),
    ],
  },
  secret: { doc: 'A secret given to the build (`--secret id=…`), not stored in the image.', keys: [k('id', 'Secret id (default: the target file name).'), TARGET, k('env', 'Expose the secret as this environment variable instead of a file.'), REQUIRED, MODE, UID, GID] },
  ssh: { doc: 'Forwards the SSH agent or keys given with `--ssh`.', keys: [k('id', 'SSH id (default: default).'), TARGET, REQUIRED, MODE, UID, GID] },
  tmpfs: { doc: 'An in-memory filesystem.', keys: [TARGET, k('size', 'Size limit in bytes (or with a unit suffix).')] },
};

/** Key spellings BuildKit accepts for the same thing. */
export const MOUNT_KEY_ALIASES: Readonly<Record<string, string>> = {
  dst: 'target',
  destination: 'target',
  src: 'source',
  readonly: 'ro',
  readwrite: 'rw',
};

/** Every key BuildKit's --mount parser knows, whatever the type. */
export const ALL_MOUNT_KEYS = new Set(['type', 'from', 'source', 'target', 'ro', 'rw', 'required', 'sharing', 'id', 'size', 'mode', 'uid', 'gid', 'env', ...Object.keys(MOUNT_KEY_ALIASES)]);
