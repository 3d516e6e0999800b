import type { SourceCodeLocationSettings } from '../config/client-settings.js';
import type { Logger } from '../logger.js';
import type { JobFacet } from '../model/event.js';
import { facets } from '../facets/standard.js';
import { pullRequestNumber, readGitInfo } from './repository.js';

export interface SourceCodeLocationOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  settings: SourceCodeLocationSettings;
  producer: string;
  logger: Logger;
}

/** Builds the facet from the working directory's repository; values in config win over what git says. */
export function sourceCodeLocationFacet(options: SourceCodeLocationOptions): JobFacet | undefined {
  const { settings } = options;
  let git;
  try {
    git = readGitInfo(options.cwd);
  } catch (error) {
    options.logger.warn('source-code-location facet: could not read the git repository', error);
  }
  const url = settings.repoUrl ?? git?.originUrl;
  if (url === undefined) {
    options.logger.debug(`source-code-location facet skipped: no repository URL (no repo_url in config and no origin remote under ${options.cwd})`);
    return undefined;
  }
  const fields: { type: string; url: string; repoUrl: string; version?: string; branch?: string; tag?: string; pullRequestNumber?: string } = {
    type: 'git',
    url,
    repoUrl: url,
  };
  const version = settings.version ?? git?.commit;
  const branch = settings.branch ?? git?.branch;
  const tag = settings.tag ?? git?.tag;
  const pr = settings.pullRequestNumber ?? pullRequestNumber(options.env);
  if (version !== undefined) fields.version = version;
  if (branch !== undefined) fields.branch = branch;
  if (tag !== undefined) fields.tag = tag;
  if (pr !== undefined) fields.pullRequestNumber = pr;
  return facets.sourceCodeLocationJob(fields, { producer: options.producer });
}

/** The repository is read once, on first use, and the facet reused for every event of the client. */
export function sourceCodeLocationProvider(options: SourceCodeLocationOptions): () => JobFacet | undefined {
  let cached: { facet: JobFacet | undefined } | undefined;
  return () => {
    cached ??= { facet: sourceCodeLocationFacet(options) };
    return cached.facet;
  };
}
