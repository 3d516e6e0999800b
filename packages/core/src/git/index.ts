export { sourceCodeLocationFacet, sourceCodeLocationProvider } from './facet.js';
export type { SourceCodeLocationOptions } from './facet.js';
export { readGitInfo, stripCredentials, pullRequestNumber } from './repository.js';
export type { GitInfo } from './repository.js';
