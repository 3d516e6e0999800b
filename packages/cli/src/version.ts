import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** Read from the package's own package.json, so the printed version is the published one. */
export function cliVersion(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    cached = pkg.version ?? '0.0.0';
  }
  return cached;
}
