/**
 * Everything the Dockerfile editor features run, behind one door: the VS Code adapters load this
 * module when a Dockerfile first needs it, not while VS Code activates Berth.
 */
export { complete } from './completion';
export { formatDockerfile } from './format';
export { hover } from './hover';
export { buildModel } from './model';
export { occurrencesAt, renameEdits } from './navigation';
export { parseDockerfile } from './parser';
export { documentSymbols, foldingRanges } from './symbols';
export { lintDockerfile } from './lint';
export { readDockerignoreFor } from './dockerignoreFile';
