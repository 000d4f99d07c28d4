/**
 * What compose completion knows beyond the file's text, read from disk through `ComposeHost`:
 * variable names from `.env` and the services' `env_file`s, and the stage names of the Dockerfile a
 * service builds (with Berth's Dockerfile parser). Pure: no vscode import.
 */
import * as path from 'node:path';
import { buildModel } from '../dockerfile/model';
import { parseDockerfile } from '../dockerfile/parser';
import { child, declared, listItems, scalarText, type ComposeDocument } from './composeDocument';
import { resolvePath } from './composeContext';
import type { CompletionSources } from './composeCompletion';
import { textOf, type ComposeHost } from './composeHost';
import { parseDotEnv } from './interpolation';

/** `doc` is asked for only when a variable or a build target is being completed. */
export function completionSources(file: string, doc: () => ComposeDocument, host: ComposeHost, images: readonly string[] = []): CompletionSources {
  const dir = path.dirname(file);
  const services = () => declared(doc(), 'services');
  return {
    images,
    get variables() {
      const names = new Set<string>();
      const read = (p: string | undefined): void => {
        const text = p === undefined ? undefined : textOf(host.readFile(p));
        if (text !== undefined) for (const k of parseDotEnv(text).keys()) names.add(k);
      };
      read(path.join(dir, '.env'));
      for (const s of services()) {
        for (const item of listItems(child(s.value, 'env_file'))) read(resolvePath(scalarText(item.kind === 'map' ? child(item, 'path') : item), dir, host));
      }
      return [...names].sort();
    },
    stagesOf(service) {
      const build = child(services().find((s) => s.key === service)?.value, 'build');
      const context = resolvePath((build?.kind === 'map' ? scalarText(child(build, 'context')) : scalarText(build)) ?? '.', dir, host);
      const dockerfile = context && resolvePath(scalarText(child(build, 'dockerfile')) ?? 'Dockerfile', context, host);
      const text = dockerfile ? textOf(host.readFile(dockerfile)) : undefined;
      if (!text) return [];
      return buildModel(parseDockerfile(text))
        .stages.map((s) => s.name)
        .filter((n): n is string => n !== undefined);
    },
  };
}
