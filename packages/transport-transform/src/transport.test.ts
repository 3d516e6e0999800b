import { ConfigError, OpenLineageClient, type OpenLineageEvent, type RunEvent, silentLogger, type Transport } from '@ol/core';
import { createWith, parseWith } from '@ol/core/internal';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import descriptor, { JobNamespaceReplaceTransformer, TransformTransport, createTransformTransport, readTransformConfig } from './index.js';
import { datasetEvent, jobEvent, runEvent } from './test-events.js';
import { RecordingTransport, handMadeContext } from './test-transports.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-transform-'));
  fs.writeFileSync(
    path.join(dir, 'transformers.mjs'),
    `export class Redact {
       constructor(properties) { this.properties = properties; }
       transform(event) { event.job.name = this.properties.replacement ?? 'redacted'; return event; }
     }
     export const upper = { transform: async (event) => ({ ...event, job: { ...event.job, name: event.job.name.toUpperCase() } }) };
     export function dropAll() { return null; }
     export const notATransformer = 42;
     export default class Tagger {
       constructor(properties) { this.tag = properties.tag; }
       async transform(event) { await new Promise((r) => setTimeout(r, 1)); event.job.namespace = this.tag; return event; }
     }`,
  );
  fs.mkdirSync(path.join(dir, 'node_modules', 'my-transformers'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'node_modules', 'my-transformers', 'package.json'),
    JSON.stringify({ name: 'my-transformers', type: 'module', exports: { '.': { import: './index.js' } } }),
  );
  fs.writeFileSync(
    path.join(dir, 'node_modules', 'my-transformers', 'index.js'),
    `export class Suffix { constructor(p) { this.p = p; } transform(e) { e.job.name += this.p.suffix; return e; } }`,
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function build(config: Record<string, unknown>, logs: string[] = []) {
  const ctx = handMadeContext(dir, [], logs);
  const t = await createWith(descriptor, { type: 'transform', transport: { type: 'recording' }, ...config }, ctx);
  if (!(t instanceof TransformTransport)) throw new Error('descriptor built something else');
  return { t, inner: ctx.children[0]!, ctx, logs };
}

function withParent(event: RunEvent, root = true): RunEvent {
  return {
    ...event,
    run: {
      ...event.run,
      facets: {
        parent: {
          _producer: 'p',
          _schemaURL: 's',
          run: { runId: 'parent-run' },
          job: { namespace: 'parent-ns', name: 'parent-job' },
          ...(root ? { root: { run: { runId: 'root-run' }, job: { namespace: 'root-ns', name: 'root-job' } } } : {}),
        },
      },
    },
  };
}

describe('config', () => {
  const scope = { path: ['transport'], origin: (p: readonly string[]) => `openlineage.yml (${p.join('.')})` };
  it('requires transport and transformer_class, naming key path and source', () => {
    expect(() => readTransformConfig({ transformer_class: 'JobNamespaceReplaceTransformer' }, scope)).toThrow(
      /transport\.transport \(from openlineage\.yml \(transport\.transport\)\): expected a mapping of options/,
    );
    expect(() => readTransformConfig({ transport: { type: 'console' } }, scope)).toThrow(/transport\.transformer_class.*expected a string/);
    expect(() => readTransformConfig({ transport: 'console', transformer_class: 'X' }, scope)).toThrow(ConfigError);
    expect(() => readTransformConfig({ transport: { type: 'console' }, transformer_class: 'X', transformer_properties: 'nope' }, scope)).toThrow(
      /transformer_properties.*a mapping/,
    );
  });

  it('reads camelCase and env spellings; properties default to {} and keep their keys', () => {
    expect(readTransformConfig({ transport: { type: 'console' }, transformerClass: 'X' }, scope)).toEqual({
      transport: { type: 'console' },
      transformerClass: 'X',
      transformerProperties: {},
    });
    expect(
      readTransformConfig({ transport: { type: 'console' }, transformerclass: 'X', transformerproperties: { Some_Key: 1 } }, scope).transformerProperties,
    ).toEqual({ Some_Key: 1 });
  });

  it('exposes the type, the Python class path aliases and normalize', () => {
    expect(descriptor.type).toBe('transform');
    expect(descriptor.aliases).toContain('openlineage.client.transport.transform.TransformTransport');
    expect(parseWith(descriptor, { transport: { type: 'console' }, transformer_class: 'X' }, handMadeContext(dir))).toMatchObject({ transformerClass: 'X' });
  });
});

describe('transformer_class', () => {
  it.each([
    'JobNamespaceReplaceTransformer',
    'openlineage.client.transport.transform.JobNamespaceReplaceTransformer',
    'openlineage.client.transport.transform.transformers.job_namespace_replace_transformer.JobNamespaceReplaceTransformer',
  ])('%s selects the built-in', async (name) => {
    const { t, inner } = await build({ transformer_class: name, transformer_properties: { new_job_namespace: 'new' } });
    expect(t.transformer).toBeInstanceOf(JobNamespaceReplaceTransformer);
    await t.emit(runEvent());
    expect((inner.events[0] as RunEvent).job.namespace).toBe('new');
  });

  it('loads a relative module export with #name against baseDir, constructing it with the properties', async () => {
    const { t, inner } = await build({ transformer_class: './transformers.mjs#Redact', transformer_properties: { replacement: 'hidden' } });
    await t.emit(runEvent('secret'));
    expect(inner.events.map((e) => (e as RunEvent).job.name)).toEqual(['hidden']);
  });

  it('uses the default export without #, an object export and a function export', async () => {
    const a = await build({ transformer_class: './transformers.mjs', transformer_properties: { tag: 'tagged' } });
    await a.t.emit(runEvent());
    expect((a.inner.events[0] as RunEvent).job.namespace).toBe('tagged');
    const b = await build({ transformer_class: './transformers.mjs#upper' });
    await b.t.emit(runEvent('abc'));
    expect((b.inner.events[0] as RunEvent).job.name).toBe('ABC');
    const c = await build({ transformer_class: `${path.join(dir, 'transformers.mjs')}#dropAll` });
    await c.t.emit(runEvent());
    expect(c.inner.events).toEqual([]);
  });

  it('resolves a package name from baseDir (import-only exports work)', async () => {
    const { t, inner } = await build({ transformer_class: 'my-transformers#Suffix', transformer_properties: { suffix: '_v2' } });
    await t.emit(runEvent('job'));
    expect((inner.events[0] as RunEvent).job.name).toBe('job_v2');
  });

  it('unknown modules, missing exports and non-transformers are ConfigErrors naming the key and value', async () => {
    const cases: [string, RegExp][] = [
      ['./missing.mjs#X', /module specifier.*resolved from/],
      ['./transformers.mjs#Nope', /no export named "Nope"/],
      ['./transformers.mjs#notATransformer', /export "notATransformer".*class with a transform method/],
      ['openlineage.client.transport.transform.OtherTransformer', /Python class paths other than the built-in/],
    ];
    for (const [name, expected] of cases) {
      const err = (await build({ transformer_class: name }).catch((e: unknown) => e)) as ConfigError;
      expect(ConfigError.isInstance(err)).toBe(true);
      expect(err.path).toBe('transport.transformer_class');
      expect(err.actual).toBe(name);
      expect(err.expected).toMatch(expected);
    }
  });

  it('a built-in without new_job_namespace is a ConfigError under transformer_properties', async () => {
    const err = (await build({ transformer_class: 'JobNamespaceReplaceTransformer' }).catch((e: unknown) => e)) as ConfigError;
    expect(err.path).toBe('transport.transformer_properties.new_job_namespace');
    expect(err.source).toBe('openlineage.yml (transport.transformer_properties.new_job_namespace)');
  });

  it('builds the inner transport through the context at the transport key path', async () => {
    const { ctx, inner } = await build({
      transformer_class: 'JobNamespaceReplaceTransformer',
      transformer_properties: { new_job_namespace: 'n' },
      transport: { type: 'recording', url: 'x' },
    });
    expect(ctx.childPaths).toEqual(['transport.transport']);
    expect(inner.config).toEqual({ type: 'recording', url: 'x' });
  });
});

describe('emit', () => {
  it('gives the transformer a deep copy: the caller’s event never changes', async () => {
    const { t, inner } = await build({ transformer_class: 'JobNamespaceReplaceTransformer', transformer_properties: { new_job_namespace: 'new' } });
    const original = withParent(runEvent());
    const snapshot = structuredClone(original);
    await t.emit(original);
    expect(original).toEqual(snapshot);
    expect(inner.events[0]).not.toBe(original);
  });

  it('copies events structuredClone refuses (functions) through JSON', async () => {
    const inner = new RecordingTransport();
    const t = createTransformTransport({ transport: inner, transformer: (e) => e });
    const odd = { ...runEvent(), helper: () => 1 } as unknown as OpenLineageEvent;
    await t.emit(odd);
    expect(inner.events[0]).toEqual(runEvent());
  });

  it('null or undefined skips the event (debug log), counted as skipped', async () => {
    const logs: string[] = [];
    const inner = new RecordingTransport();
    const fns = [() => null, () => undefined, async () => null];
    for (const fn of fns) {
      const t = createTransformTransport({ transport: inner, transformer: fn, logger: { debug: (m) => logs.push(m), info() {}, warn() {}, error() {} } });
      await t.emit(runEvent());
      expect(t.counts).toEqual({ transformed: 0, skipped: 1, errors: 0 });
    }
    expect(inner.events).toEqual([]);
    expect(logs).toHaveLength(3);
    expect(logs[0]).toMatch(/returned null; event skipped/);
  });

  it('a throwing transformer skips the event with a logged error, counted in stats().failed', async () => {
    const errors: string[] = [];
    const inner = new RecordingTransport({}, { pending: 1, success: 5, failed: 2, dropped: 0 });
    const t = createTransformTransport({
      transport: inner,
      transformer: { transform: () => Promise.reject(new Error('bad facet')) },
      logger: { error: (m) => errors.push(m), warn() {}, info() {}, debug() {} },
    });
    await t.emit(runEvent());
    await t.emit(runEvent());
    expect(inner.events).toEqual([]);
    expect(errors[0]).toMatch(/failed; event not sent: bad facet/);
    expect(t.counts.errors).toBe(2);
    expect(t.stats()).toEqual({ pending: 1, success: 5, failed: 4, dropped: 0 });
  });

  it('through the client, a transformer error counts as failed, a skip as neither, a delivery as success', async () => {
    const events: OpenLineageEvent[] = [];
    const syncInner: Transport = { type: 'sync', config: {}, emit: (e) => (events.push(e), Promise.resolve()), close: () => Promise.resolve(true) };
    const transform = createTransformTransport({
      transport: syncInner,
      transformer: (e) => {
        const name = (e as RunEvent).job.name;
        if (name === 'boom') throw new Error('boom');
        return name === 'skip' ? null : e;
      },
    });
    const client = new OpenLineageClient({ transport: transform, logger: silentLogger });
    await client.emit(runEvent('boom'));
    await client.emit(runEvent('skip'));
    await client.emit(runEvent('ok'));
    expect(events).toHaveLength(1);
    expect(client.stats()).toMatchObject({ emitted: 3, success: 1, failed: 1, dropped: 0, pending: 0 });
    await client.close();
  });

  it('inner failures reject the emit unchanged', async () => {
    const failing = { type: 'x', config: {}, emit: () => Promise.reject(new Error('down')), close: () => Promise.resolve(true) };
    const t = createTransformTransport({ transport: failing, transformer: (e) => e });
    await expect(t.emit(runEvent())).rejects.toThrow('down');
  });

  it('flush and close reach the inner transport with the timeout', async () => {
    const inner = new RecordingTransport();
    const t = createTransformTransport({ transport: inner, transformer: (e) => e });
    expect(await t.flush(100)).toBe(true);
    expect(await t.close(200)).toBe(true);
    expect(inner.calls).toEqual(['flush:100', 'close:200']);
    const bare = createTransformTransport({
      transport: { type: 'b', config: {}, emit: () => Promise.resolve(), close: () => Promise.resolve(true) },
      transformer: (e) => e,
    });
    expect(await bare.flush()).toBe(true);
  });

  // Issue 19: one definition of flush()/close() for every transport (see @ol/delivery's README).
  it('flush is false after a transformer error or an inner rejection since the previous flush; skips do not count', async () => {
    let mode: 'throw' | 'skip' | 'pass' = 'throw';
    let innerDown = false;
    const inner: Transport = {
      type: 'x',
      config: {},
      emit: () => (innerDown ? Promise.reject(new Error('down')) : Promise.resolve()),
      close: () => Promise.resolve(true),
    };
    const t = createTransformTransport({
      transport: inner,
      transformer: (e) => {
        if (mode === 'throw') throw new Error('bad transformer');
        return mode === 'skip' ? null : e;
      },
    });
    await t.emit(runEvent());
    expect(await t.flush()).toBe(false);
    expect(await t.flush()).toBe(true);
    mode = 'skip';
    await t.emit(runEvent());
    expect(await t.flush()).toBe(true);
    mode = 'pass';
    innerDown = true;
    await expect(t.emit(runEvent())).rejects.toThrow('down');
    expect(await t.close()).toBe(false);
    expect(await t.close()).toBe(false);
  });

  it('in code takes a class with properties or a built-in name, and refuses module specifiers', async () => {
    class Rename {
      constructor(readonly properties: Record<string, unknown>) {}
      transform(e: OpenLineageEvent) {
        (e as RunEvent).job.name = String(this.properties.to);
        return e;
      }
    }
    const inner = new RecordingTransport();
    await createTransformTransport({ transport: inner, transformer: Rename, transformerProperties: { to: 'renamed' } }).emit(runEvent());
    await createTransformTransport({
      transport: inner,
      transformer: 'JobNamespaceReplaceTransformer',
      transformerProperties: { newJobNamespace: 'code' },
    }).emit(runEvent());
    expect(inner.events.map((e) => [(e as RunEvent).job.namespace, (e as RunEvent).job.name])).toEqual([
      ['ns', 'renamed'],
      ['code', 'job'],
    ]);
    expect(() => createTransformTransport({ transport: inner, transformer: './x.js#Y' })).toThrow(/built-in transformer name/);
  });
});

describe('JobNamespaceReplaceTransformer', () => {
  it('replaces the job, parent and root job namespaces by default; run ids and names untouched', () => {
    const out = new JobNamespaceReplaceTransformer({ new_job_namespace: 'new' }).transform(withParent(runEvent())) as RunEvent;
    expect(out.job).toEqual({ namespace: 'new', name: 'job' });
    expect(out.run.facets!.parent).toMatchObject({
      run: { runId: 'parent-run' },
      job: { namespace: 'new', name: 'parent-job' },
      root: { run: { runId: 'root-run' }, job: { namespace: 'new', name: 'root-job' } },
    });
  });

  it('handles a parent facet without root', () => {
    const out = new JobNamespaceReplaceTransformer({ new_job_namespace: 'new' }).transform(withParent(runEvent(), false)) as RunEvent;
    expect(out.run.facets!.parent).toMatchObject({ job: { namespace: 'new' } });
    expect(out.run.facets!.parent).not.toHaveProperty('root');
  });

  it.each([false, 'false', 'False'])('include_parent_facet=%s leaves the parent facet alone', (flag) => {
    const out = new JobNamespaceReplaceTransformer({ new_job_namespace: 'new', include_parent_facet: flag }).transform(withParent(runEvent())) as RunEvent;
    expect(out.job.namespace).toBe('new');
    expect(out.run.facets!.parent).toMatchObject({ job: { namespace: 'parent-ns' }, root: { job: { namespace: 'root-ns' } } });
  });

  it('replaces the job namespace of job events and leaves dataset events alone', () => {
    const t = new JobNamespaceReplaceTransformer({ newJobNamespace: 'new' });
    expect(t.transform(jobEvent())).toMatchObject({ job: { namespace: 'new' } });
    expect(t.transform(datasetEvent())).toEqual(datasetEvent());
  });

  it('requires a non-empty new_job_namespace and a boolean include_parent_facet', () => {
    expect(() => new JobNamespaceReplaceTransformer({})).toThrow(/transport\.transformer_properties\.new_job_namespace.*expected a string/);
    expect(() => new JobNamespaceReplaceTransformer({ new_job_namespace: '' })).toThrow(/non-empty/);
    expect(() => new JobNamespaceReplaceTransformer({ new_job_namespace: 'x', include_parent_facet: 'perhaps' })).toThrow(
      /include_parent_facet.*true or false/,
    );
  });
});
