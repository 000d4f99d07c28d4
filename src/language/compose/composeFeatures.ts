/**
 * Everything the compose editor features run, behind one door: the VS Code adapters load this
 * module on first use (it brings the yaml parser and the compose-spec schema), not at activation.
 */
export { parseCompose } from './composeDocument';
export { completeCompose } from './composeCompletion';
export { composeContext } from './composeContext';
export { definitionAt } from './composeDefinition';
export { hoverCompose } from './composeHover';
export { completionSources } from './completionSources';
export { lintComposeFile } from './lintCompose';
export { looksLikeCompose } from './composeContent';
export { entriesOf, entry } from './composeDocument';
export { mergeCompose } from './merge';
export { composeProfiles } from './composeProfiles';
