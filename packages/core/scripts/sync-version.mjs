// Keeps src/version.ts equal to package.json's version (changesets bumps package.json only).
// Runs at the start of `build`; version.test.ts fails if the two ever disagree.
import { readFileSync, writeFileSync } from 'node:fs';

const pkgUrl = new URL('../package.json', import.meta.url);
const fileUrl = new URL('../src/version.ts', import.meta.url);
const { version } = JSON.parse(readFileSync(pkgUrl, 'utf8'));
const current = readFileSync(fileUrl, 'utf8');
const next = current.replace(/export const VERSION = '[^']*';/, `export const VERSION = '${version}';`);
if (next !== current) {
  writeFileSync(fileUrl, next);
  console.log(`src/version.ts set to ${version}`);
}
