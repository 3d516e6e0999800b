import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import type { OpenLineageEvent } from '../model/event.js';
import type { OptionReader } from '../config/options.js';
import type { Transport, TransportContext, TransportDescriptor } from '../transport/types.js';
import { ConsoleTransport } from '../transport/console.js';
import { NoopTransport } from '../transport/noop.js';
import { scratch } from '../config/test-helpers.js';
import { resolveConfig } from '../config/resolve.js';
import { createTransport, parseTransportConfig } from './create.js';
import { getRegisteredTransport, registerTransport, registeredTransportTypes, unregisterTransport } from './registry.js';
import { wellKnownPackage } from './well-known.js';

/** A minimal transport that records what it was built from. */
class Recording implements Transport {
  readonly type: string;
  readonly events: OpenLineageEvent[] = [];
  constructor(
    readonly config: Record<string, unknown>,
    readonly context: TransportContext,
    readonly children: Transport[] = [],
  ) {
    this.type = String(config.type);
  }
  emit(event: OpenLineageEvent): Promise<void> {
    this.events.push(event);
    return Promise.resolve();
  }
  close(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

/** Counts `parse` calls, to show the registry reads each config once. */
let parses = 0;
const raw = (options: OptionReader) => {
  parses++;
  return options.raw;
};

const recording: TransportDescriptor<Record<string, unknown>> = {
  type: 'test-recording',
  aliases: ['test-rec'],
  parse: raw,
  create: (config, context) => new Recording(config, context),
};

/** A parent that builds its children through the context, as composite does. */
const parent: TransportDescriptor<Record<string, unknown>> = {
  type: 'test-parent',
  parse: raw,
  async create(config, context) {
    const list = config.children as unknown[];
    const children = await Promise.all(list.map((c, i) => context.createChild(c, [...context.path, 'children', String(i)])));
    return new Recording(config, context, children);
  },
};

afterEach(() => {
  unregisterTransport('test-recording');
  unregisterTransport('test-parent');
});

async function configError(p: Promise<unknown>): Promise<ConfigError> {
  try {
    await p;
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

/** Writes a package into `<dir>/node_modules/<name>` exporting a descriptor. */
function fakePackage(dir: string, name: string, type: string, pkg: Record<string, unknown> = {}, aliases: string[] = []): void {
  const root = join(dir, 'node_modules', name);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', exports: { '.': { default: './index.js' } }, ...pkg }));
  writeFileSync(
    join(root, 'index.js'),
    `globalThis.__olLoads = (globalThis.__olLoads ?? 0) + 1;
export const descriptor = { type: ${JSON.stringify(type)}, aliases: ${JSON.stringify(aliases)}, parse: (options) => options.raw,
  create: (config) => ({ type: ${JSON.stringify(type)}, config, emit: async () => {}, close: async () => true }) };
export default descriptor;\n`,
  );
}

describe('registry', () => {
  it('registers by type and aliases, case-insensitively, on a globalThis symbol', () => {
    registerTransport(recording);
    expect(getRegisteredTransport('TEST-REC')).toBe(recording);
    expect(registeredTransportTypes()).toContain('test-recording');
    const shared = (globalThis as unknown as Record<symbol, { byName: Map<string, unknown> }>)[Symbol.for('@ol/core.transport-registry')];
    expect(shared?.byName.get('test-recording')).toBe(recording);
  });

  it('refuses something that is not a descriptor', () => {
    expect(() => registerTransport({ type: 'x' } as unknown as TransportDescriptor)).toThrow(TypeError);
  });

  it('builds console and noop without registration, also by Python class path', async () => {
    expect(await createTransport({ type: 'console' })).toBeInstanceOf(ConsoleTransport);
    expect(await createTransport({ type: 'noop' })).toBeInstanceOf(NoopTransport);
    expect(await createTransport({ type: 'openlineage.client.transport.console.ConsoleTransport' })).toBeInstanceOf(ConsoleTransport);
  });

  it('builds children through the context with their key path and origin', async () => {
    registerTransport(recording);
    registerTransport(parent);
    const s = scratch();
    const file = s.write('openlineage.yml', 'transport:\n  type: test-parent\n  children:\n    - type: test-rec\n      x: 1\n');
    const resolved = resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home });
    const t = await createTransport(resolved.config.transport, { origin: resolved.origin, baseDirOf: resolved.baseDirOf!, cwd: s.dir });
    if (!(t instanceof Recording)) throw new Error('expected the parent transport');
    const child = t.children[0];
    if (!(child instanceof Recording)) throw new Error('expected a recording child');
    expect(child.config).toEqual({ type: 'test-rec', x: 1 });
    expect(child.context.path).toEqual(['transport', 'children', '0']);
    expect(child.context.origin([...child.context.path, 'x'])).toBe(`${file}:5`);
    expect(child.context.baseDir).toBe(s.dir);
  });

  it('accepts a descriptor object as the type in code', async () => {
    const t = await createTransport({ type: recording, a: 1 });
    expect(t).toBeInstanceOf(Recording);
  });

  it('loads a well-known type from the application (cwd), once, even when asked concurrently', async () => {
    const s = scratch();
    fakePackage(s.dir, '@ol/transport-kafka', 'kafka');
    (globalThis as Record<string, unknown>).__olLoads = 0;
    const [a, b] = await Promise.all([createTransport({ type: 'kafka', topic: 't' }, { cwd: s.dir }), createTransport({ type: 'KAFKA' }, { cwd: s.dir })]);
    expect(a.type).toBe('kafka');
    expect(b.type).toBe('kafka');
    expect((globalThis as Record<string, unknown>).__olLoads).toBe(1);
    expect(getRegisteredTransport('kafka')).toBeDefined();
    unregisterTransport('kafka');
  });

  it('maps Python class paths and aliases to the built-in packages', async () => {
    const s = scratch();
    fakePackage(s.dir, '@ol/transport-async-http', 'async_http', {}, ['async-http', 'openlineage.client.transport.async_http.AsyncHttpTransport']);
    const t = await createTransport({ type: 'openlineage.client.transport.async_http.AsyncHttpTransport' }, { cwd: s.dir });
    expect(t.type).toBe('async_http');
    unregisterTransport('async_http');
    const u = await createTransport({ type: 'async-http' }, { cwd: s.dir });
    expect(u.type).toBe('async_http');
    unregisterTransport('async_http');
  });

  it('loads s3, gcs and kinesis by type and by the Java class names', async () => {
    const s = scratch();
    const cases = [
      ['@ol/transport-s3', 's3', 'io.openlineage.client.transports.s3.S3Transport'],
      ['@ol/transport-gcs', 'gcs', 'io.openlineage.client.transports.gcs.GcsTransport'],
      ['@ol/transport-kinesis', 'kinesis', 'io.openlineage.client.transports.kinesis.KinesisTransport'],
    ] as const;
    for (const [pkg, type, javaClass] of cases) {
      // The Java class name is valid because the descriptor lists it; core only picks the package by its module.
      fakePackage(s.dir, pkg, type, {}, [javaClass]);
      for (const name of [type, javaClass]) {
        expect((await createTransport({ type: name }, { cwd: s.dir })).type).toBe(type);
        unregisterTransport(type);
      }
    }
  });

  it('a missing built-in package is a ConfigError naming the package and where it looked', async () => {
    const s = scratch();
    // Hide the workspace from Node's resolver: the test runner's script is "the main module", and
    // pnpm's bin shims put its hoisted store (with every workspace package) on NODE_PATH.
    const argv1 = process.argv[1];
    const nodePath = process.env.NODE_PATH;
    const Module = createRequire(import.meta.url)('node:module') as { _initPaths(): void };
    process.argv[1] = join(s.dir, 'main.js');
    delete process.env.NODE_PATH;
    Module._initPaths();
    const e = await configError(createTransport({ type: 'amazon_datazone_api' }, { cwd: s.dir, origin: () => 'OPENLINEAGE__TRANSPORT__TYPE' })).finally(() => {
      process.argv[1] = argv1!;
      if (nodePath !== undefined) process.env.NODE_PATH = nodePath;
      Module._initPaths();
    });
    expect(e.message).toContain('npm install @ol/transport-datazone');
    expect(e.message).toContain(s.dir);
    expect(e.source).toBe('OPENLINEAGE__TRANSPORT__TYPE');
    expect(e.path).toBe('transport.type');
    expect(e.actual).toBe('amazon_datazone_api');
  });

  it('an unknown type is treated as a package name', async () => {
    const s = scratch();
    const e = await configError(createTransport({ type: 'no-such-transport-pkg' }, { cwd: s.dir }));
    expect(e.source).toBe('code');
    expect(e.message).toContain('npm install no-such-transport-pkg');
    fakePackage(s.dir, 'my-webhook-transport', 'webhook');
    expect((await createTransport({ type: 'my-webhook-transport' }, { cwd: s.dir })).type).toBe('webhook');
    unregisterTransport('webhook');
  });

  it('finds ESM-only packages (exports with only an "import" condition)', async () => {
    const s = scratch();
    fakePackage(s.dir, 'esm-only-transport', 'esm-only', { exports: { '.': { import: './index.js' } } });
    expect((await createTransport({ type: 'esm-only-transport' }, { cwd: s.dir })).type).toBe('esm-only');
    unregisterTransport('esm-only');
  });

  it('loads a relative module path with #export against the base directory', async () => {
    const s = scratch();
    s.write(
      'conf/custom.mjs',
      'export const mine = { type: "custom-rel", parse: (o) => o.raw, create: (config) => ({ type: "custom-rel", config, emit: async () => {}, close: async () => true }) };\n',
    );
    const t = await createTransport({ type: './custom.mjs#mine' }, { baseDir: join(s.dir, 'conf') });
    expect(t.type).toBe('custom-rel');
    unregisterTransport('custom-rel');
    const e = await configError(createTransport({ type: './custom.mjs#other' }, { baseDir: join(s.dir, 'conf') }));
    expect(e.expected).toContain('export named other');
    const missing = await configError(createTransport({ type: './nope.mjs' }, { baseDir: s.dir }));
    expect(missing.expected).toContain(s.dir);
  });

  it('the other transports of the Python client map to their packages, by type and by class path', async () => {
    for (const [type, pkg] of [
      ['datadog', '@ol/transport-datadog'],
      ['openlineage.client.transport.datadog.DatadogTransport', '@ol/transport-datadog'],
      ['gcplineage', '@ol/transport-gcplineage'],
      ['openlineage.client.transport.gcplineage.GCPLineageTransport', '@ol/transport-gcplineage'],
      ['msk-iam', '@ol/transport-msk-iam'],
      ['openlineage.client.transport.msk_iam.MSKIAMTransport', '@ol/transport-msk-iam'],
    ] as const) {
      expect(wellKnownPackage(type)).toBe(pkg);
      // Found or not (workspace layouts differ), the lookup went to the package: either it names the
      // package to install, or the package itself refused the empty config.
      const e = await configError(createTransport({ type }, { cwd: tmpdir(), env: {} }));
      expect(e.expected.includes(`npm install ${pkg}`) || e.path !== 'transport.type').toBe(true);
    }
  });

  it('a missing type names where the config came from', async () => {
    const e = await configError(createTransport({ url: 'http://x' }, { origin: () => '/etc/openlineage.yml:3' }));
    expect(e.path).toBe('transport.type');
    expect(e.source).toBe('/etc/openlineage.yml:3');
    await configError(createTransport('http'));
  });

  it('parseTransportConfig reads the config through the descriptor without building it', async () => {
    let built = 0;
    registerTransport({
      ...recording,
      parse: (o: OptionReader) => ({ normalized: o.number('x') }),
      create: () => {
        built++;
        throw new Error('not built');
      },
    });
    const parsed = await parseTransportConfig({ type: 'test-recording', X: '5' });
    expect(parsed.config).toEqual({ normalized: 5 });
    expect(parsed.descriptor.type).toBe('test-recording');
    expect(built).toBe(0);
    expect((await parseTransportConfig({ type: 'console' })).config).toEqual({});
    expect((await parseTransportConfig({ type: 'noop', name: 'quiet' })).config).toEqual({ name: 'quiet' });
  });

  it('parses each config once and hands create what parse returned', async () => {
    registerTransport(recording);
    registerTransport(parent);
    parses = 0;
    const t = await createTransport({
      type: 'test-parent',
      children: [
        { type: 'test-rec', a: 1 },
        { type: 'test-rec', a: 2 },
      ],
    });
    expect(parses).toBe(3);
    if (!(t instanceof Recording)) throw new Error('expected the parent transport');
    expect(t.children.map((c) => c.config)).toEqual([
      { type: 'test-rec', a: 1 },
      { type: 'test-rec', a: 2 },
    ]);
  });

  it('parse errors name the source and key through the OptionReader the registry builds', async () => {
    registerTransport({ ...recording, parse: (o: OptionReader) => ({ n: o.number('batch_size', { required: true, min: 1 }) }) });
    const e = await configError(createTransport({ type: 'test-rec', batchSize: 0 }, { origin: (p) => `openlineage.yml (${p.join('.')})` }));
    expect(e.path).toBe('transport.batchSize');
    expect(e.source).toBe('openlineage.yml (transport.batchSize)');
    expect(e.actual).toBe(0);
  });

  it('a Python class path loads the package its module names, but only the descriptor makes it valid', async () => {
    const s = scratch();
    // A package no other test loads: successful loads stay cached for the process.
    fakePackage(s.dir, '@ol/transport-file', 'file', {}, ['openlineage.client.transport.file.FileTransport']);
    const t = await createTransport({ type: 'openlineage.client.transport.file.FileTransport' }, { cwd: s.dir });
    expect(t.type).toBe('file');
    unregisterTransport('file');
    const e = await configError(createTransport({ type: 'openlineage.client.transport.file.NoSuchTransport' }, { cwd: s.dir }));
    expect(e.expected).toBe('a transport name @ol/transport-file provides (file, openlineage.client.transport.file.FileTransport)');
    expect(e.actual).toBe('openlineage.client.transport.file.NoSuchTransport');
    unregisterTransport('file');
  });

  it('refuses a module whose export lacks parse', async () => {
    const s = scratch();
    s.write('old.mjs', 'export default { type: "old-style", create: () => ({}) };\n');
    const e = await configError(createTransport({ type: './old.mjs' }, { baseDir: s.dir }));
    expect(e.expected).toContain('parse(options, context)');
  });
});
