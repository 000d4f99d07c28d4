/**
 * Which YAML files are compose files, by content, whatever their name (stack.yml, jibri.yml,
 * fleet-compose.yml). Pure: no vscode import.
 */
import { child, entriesOf, parseCompose } from './composeDocument';
import { hasTopLevelServices } from './text';

/**
 * A compose file, judged by content: its top-level `services:` maps service names to definitions.
 * CI files have `services:` too, but as a list (.travis.yml, .gitlab-ci.yml) or below a job
 * (GitHub workflows), so they are not taken for compose.
 */
export function looksLikeCompose(text: string): boolean {
  if (!hasTopLevelServices(text)) return false;
  const services = child(parseCompose(text).root, 'services');
  const entries = entriesOf(services);
  return services?.kind === 'map' && entries.length > 0 && entries.every((e) => e.value.kind === 'map');
}
