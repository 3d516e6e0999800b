import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, OpenLineageClient } from '@ol/core';
import { startLineageSink } from '@ol/test-kit';
import type { LineageSink } from '@ol/test-kit';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verify } from './signature.js';
import { SECRET, runEvent } from './test-events.js';

/**
 * End to end, the way a user gets it: an application directory whose node_modules holds the built
 * package, an openlineage.yml naming it by `type`, and OpenLineageClient.create() loading it.
 */
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TYPE = '@ol/example-webhook-transport';

let sink: LineageSink;
let app: string;
const clients: OpenLineageClient[] = [];

beforeAll(() => {
  if (!existsSync(join(packageDir, 'dist', 'index.js'))) {
    throw new Error('build the example first: pnpm --filter @ol/example-webhook-transport build');
  }
});

beforeEach(async () => {
  sink = await startLineageSink();
  app = await mkdtemp(join(tmpdir(), 'ol-webhook-app-'));
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'lineage-app', private: true, type: 'module' }));
  await mkdir(join(app, 'node_modules', '@ol'), { recursive: true });
  await symlink(packageDir, join(app, 'node_modules', '@ol', 'example-webhook-transport'), 'dir');
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close(2000)));
  await sink.close();
  await rm(app, { recursive: true, force: true });
});

async function client(env: Record<string, string> = {}): Promise<OpenLineageClient> {
  const c = await OpenLineageClient.create({ cwd: app, homeDir: app, env, failOnError: true });
  clients.push(c);
  return c;
}

function signedBy(secret: string): void {
  const req = sink.requests.at(-1)!;
  expect(verify(req.raw, req.headers['x-openlineage-signature'] as string, secret)).toBe(true);
}

describe('loading the example transport from openlineage.yml', () => {
  // First in the file: the registry caches a package once loaded, so this is the test that proves
  // the name resolves from the application's node_modules (core itself cannot see the package).
  it('by its package name', async () => {
    await writeFile(
      join(app, 'openlineage.yml'),
      `transport:\n  type: "${TYPE}"\n  url: ${sink.url}/hooks/lineage\n  secret: ${SECRET}\n  signature_header: X-OpenLineage-Signature\n`,
    );
    const c = await client();
    expect(c.transport.type).toBe(TYPE);
    await c.emit(runEvent());
    expect(sink.requests).toHaveLength(1);
    expect(sink.requests[0]!.path).toBe('/hooks/lineage');
    expect((sink.events[0] as { run: { runId: string } }).run.runId).toBe(runEvent().run.runId);
    signedBy(SECRET);
    expect(c.stats()).toMatchObject({ emitted: 1, success: 1, failed: 0 });
  });

  it('by a path relative to the YAML file, with #export', async () => {
    await mkdir(join(app, 'config'));
    await writeFile(
      join(app, 'config', 'lineage.yml'),
      `transport:\n  type: ../node_modules/@ol/example-webhook-transport/dist/index.js#descriptor\n  url: ${sink.url}\n  secret: ${SECRET}\n`,
    );
    const c = await client({ OPENLINEAGE_CONFIG: join(app, 'config', 'lineage.yml') });
    expect(c.transport.type).toBe(TYPE);
    await c.emit(runEvent('COMPLETE'));
    signedBy(SECRET);
  });

  it('with the secret kept out of the file, in an OPENLINEAGE__ variable', async () => {
    await writeFile(join(app, 'openlineage.yml'), `transport:\n  type: "${TYPE}"\n  url: ${sink.url}\n`);
    const envSecret = 'whsec_from-the-environment-123';
    const c = await client({ OPENLINEAGE__TRANSPORT__SECRET: envSecret, OPENLINEAGE__TRANSPORT__TIMEOUT: '3' });
    expect(c.transport.config).toMatchObject({ timeout: 3 });
    await c.emit(runEvent());
    signedBy(envSecret);
  });

  it('a config mistake names the file and key, not the secret', async () => {
    await writeFile(join(app, 'openlineage.yml'), `transport:\n  type: "${TYPE}"\n  url: not-a-url\n  secret: ${SECRET}\n`);
    const err: unknown = await client().catch((e: unknown) => e);
    expect(ConfigError.isInstance(err)).toBe(true);
    expect((err as ConfigError).path).toBe('transport.url');
    expect((err as ConfigError).source).toContain('openlineage.yml');
    expect((err as Error).message).not.toContain(SECRET);
  });

  it('when the package is not installed, the error names it', async () => {
    await rm(join(app, 'node_modules'), { recursive: true });
    await writeFile(join(app, 'openlineage.yml'), `transport:\n  type: "@acme/not-installed-transport"\n  url: ${sink.url}\n`);
    const err: unknown = await client().catch((e: unknown) => e);
    expect(ConfigError.isInstance(err)).toBe(true);
    expect((err as Error).message).toContain('@acme/not-installed-transport');
  });
});
