import { createRequire } from 'node:module';

// Read at runtime from the package's own package.json (shipped, and `./package.json` is exported),
// so the version in the User-Agent can never drift from the published one.
const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

export const PACKAGE_NAME: string = pkg.name;
export const VERSION: string = pkg.version;

/** `openlineage-typescript/<version> (<package>; node/<version>)`; async-http builds its own with its name. */
export function userAgent(packageName: string, version: string): string {
  return `openlineage-typescript/${version} (${packageName}; node/${process.versions.node})`;
}

export const USER_AGENT: string = userAgent(PACKAGE_NAME, VERSION);
