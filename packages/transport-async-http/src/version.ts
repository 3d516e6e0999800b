import { createRequire } from 'node:module';
import { userAgent } from '@ol/transport-http/internal';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

export const PACKAGE_NAME: string = pkg.name;
export const VERSION: string = pkg.version;
export const USER_AGENT: string = userAgent(PACKAGE_NAME, VERSION);
