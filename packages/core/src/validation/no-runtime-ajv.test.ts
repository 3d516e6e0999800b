import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// ajv is a build-time dependency only: the built package must not load it.
const DIST = new URL('../../dist/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(c|m)?js$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('built package', () => {
  it('never imports or requires ajv', () => {
    expect(existsSync(join(DIST, 'generated', 'validators.cjs')), 'run `pnpm --filter @ol/core build` first').toBe(true);
    const offenders = files(DIST).filter((f) => /(?:from\s*|import\s*\(\s*|require\s*\(\s*)['"]ajv/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('validates in a fresh process that cannot resolve ajv', async () => {
    const { execFileSync } = await import('node:child_process');
    // A loader hook that makes any ESM resolution of ajv fail; the generated CommonJS validator
    // requires nothing (checked above), so this covers every way dist could reach ajv.
    const script = `
      const out = await import(${JSON.stringify(join(DIST, 'index.js'))});
      console.log(JSON.stringify(out.validateEvent({ eventTime: 'x' }).length > 0));
    `;
    const blocker = `
      export async function resolve(specifier, context, next) {
        if (specifier === 'ajv' || specifier.startsWith('ajv/') || specifier.startsWith('ajv-formats')) throw new Error('ajv blocked');
        return next(specifier, context);
      }
    `;
    const loader = `data:text/javascript,${encodeURIComponent(blocker)}`;
    const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(loader)});`)}`;
    const stdout = execFileSync(process.execPath, ['--import', register, '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(stdout.trim()).toBe('true');
  });
});
