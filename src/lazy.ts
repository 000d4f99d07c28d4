/**
 * A module loaded on first use. The bundle is parsed when VS Code loads Berth, but a module
 * behind `lazy` runs only when a feature first needs it: the yaml parser and compose schema
 * stay out of activation for someone who only opened the Containers view.
 */
export function lazy<T>(load: () => T): () => T {
  let loaded: { value: T } | undefined;
  return () => (loaded ??= { value: load() }).value;
}
