/**
 * Names Compose accepts. A container's compose labels can come from any image's LABELs; a project
 * or service name Compose itself would reject is refused before it reaches a process, with a
 * message that says why instead of whatever Compose makes of it. Pure.
 */
import { Refusal } from '../commands/commandFailure';

/** Compose's own rules (compose-spec: project names; the services key pattern). */
const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;
const SERVICE_NAME = /^[A-Za-z0-9._-]+$/;

/** A short, inert rendering of a hostile value for a message: only name characters survive. */
function shown(value: string): string {
  const inert = [...value].slice(0, 40).map((ch) => (/^[A-Za-z0-9._-]$/.test(ch) ? ch : '·')).join('');
  return `"${inert}${[...value].length > 40 ? '…' : ''}"`;
}

export class ComposeNameRefused extends Refusal {}

export function projectNameProblem(name: string): string | undefined {
  if (PROJECT_NAME.test(name)) return undefined;
  return `The compose project name ${shown(name)} is not one Compose accepts (lower-case letters, digits, "_" and "-", starting with a letter or digit), so Berth does not pass it on. It comes from the containers' com.docker.compose.project label; use the docker CLI for this project.`;
}

export function serviceNameProblem(name: string): string | undefined {
  if (SERVICE_NAME.test(name)) return undefined;
  return `The compose service name ${shown(name)} is not one Compose accepts (letters, digits, ".", "_" and "-"), so Berth does not pass it on.`;
}

/** Throws ComposeNameRefused for a project name Compose would reject. */
export function refuseNamesComposeRejects(target: { projectName?: string | undefined }, services: readonly string[] = []): void {
  const problem = (target.projectName !== undefined ? projectNameProblem(target.projectName) : undefined) ?? services.map(serviceNameProblem).find((p) => p !== undefined);
  if (problem) throw new ComposeNameRefused(problem);
}
