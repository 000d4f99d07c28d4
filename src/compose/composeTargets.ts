/**
 * Finds what a compose command acts on: a compose file (with the override file Compose would add),
 * a workspace `-f` list, or a running project's labels. Pure apart from checking which files exist.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { ComposeTarget } from './composeCli';

/** Compose's default file names, in the order it looks for them. */
export const DEFAULT_COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDES: Record<string, string[]> = {
  'compose.yaml': ['compose.override.yaml', 'compose.override.yml'],
  'compose.yml': ['compose.override.yml', 'compose.override.yaml'],
  'docker-compose.yaml': ['docker-compose.override.yaml', 'docker-compose.override.yml'],
  'docker-compose.yml': ['docker-compose.override.yml', 'docker-compose.override.yaml'],
};

/** compose.yaml, docker-compose.yml, compose.prod.yaml, docker-compose.ci.yml … */
export function isComposeFileName(name: string): boolean {
  return /^(docker-)?compose(\.[^/\\]+)?\.ya?ml$/i.test(name);
}

/**
 * The files Compose would read for `file`: a default-named file brings its override along
 * (as `docker compose` without `-f` does); any other file stands alone. A workspace `-f` list
 * (berth.compose.files) wins when it names this file.
 */
export function targetFromFile(file: string, workspaceFiles: readonly string[] = [], exists: (p: string) => boolean = existsSync): ComposeTarget {
  const dir = path.dirname(file);
  const configured = workspaceFiles.map((f) => path.resolve(dir, f));
  if (configured.includes(path.resolve(file))) {
    return { files: configured, projectDirectory: path.dirname(configured[0]!), label: path.basename(configured[0]!) };
  }
  const base = path.basename(file);
  const override = (OVERRIDES[base] ?? []).map((o) => path.join(dir, o)).find(exists);
  return { files: override ? [file, override] : [file], projectDirectory: dir, label: base };
}

/** Labels Compose (v1 and v2) puts on every container it creates. */
export const ComposeLabels = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
} as const;

/**
 * A target for a running project, from its containers' labels. The config files are used only
 * when they still exist on this machine (a remote engine's paths mean nothing here).
 */
export function targetFromLabels(labels: Readonly<Record<string, string>>, exists: (p: string) => boolean = existsSync): ComposeTarget | undefined {
  const project = labels[ComposeLabels.project];
  if (!project) return undefined;
  const workingDir = labels[ComposeLabels.workingDir] ?? '';
  const files = (labels[ComposeLabels.configFiles] ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '')
    .map((f) => (path.isAbsolute(f) || workingDir === '' ? f : path.join(workingDir, f)));
  const present = files.length > 0 && files.every(exists);
  return {
    files: present ? files : [],
    projectName: project,
    projectDirectory: workingDir && exists(workingDir) ? workingDir : present ? path.dirname(files[0]!) : undefined,
    label: project,
  };
}
