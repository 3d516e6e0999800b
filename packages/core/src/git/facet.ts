import type { SourceCodeLocationSettings } from '../config/client-settings.js';
import type { Logger } from '../logger.js';
import type { JobFacet } from '../model/event.js';

export interface SourceCodeLocationOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  settings: SourceCodeLocationSettings;
  producer: string;
  logger: Logger;
}

export function sourceCodeLocationProvider(options: SourceCodeLocationOptions): () => JobFacet | undefined {
  options.logger.debug('source-code-location facet: not implemented yet');
  return () => undefined;
}
