import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRODUCER, VERSION } from './version.js';

describe('version', () => {
  it('equals package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it('is part of the default producer URI', () => {
    expect(DEFAULT_PRODUCER).toBe(`https://github.com/openlineage-ts/openlineage-ts/tree/v${VERSION}/packages/core`);
    expect(() => new URL(DEFAULT_PRODUCER)).not.toThrow();
  });
});
