import { ConfigError, createLogger, type OpenLineageEvent, toJSON, type TransportContext, TransportError } from '@ol/core';
import { createWith, parseWith } from '@ol/core/internal';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import descriptor, { FileTransport, createFileTransport, readFileConfig } from './index.js';
import { debugSuffix, debugTimestamp, sanitizeName, timestamp } from './naming.js';
import { datasetEvent, jobEvent, runEvent } from './test-events.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-file-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function lines(file: string): unknown[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);
}

function context(logs: string[] = []): TransportContext {
  return {
    logger: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    path: ['transport'],
    origin: (p) => `openlineage.yml (${p.join('.')})`,
    baseDir: dir,
    env: {},
    createChild: () => Promise.reject(new Error('no children here')),
  };
}

describe('config', () => {
  it('requires log_file_path and names the key and source', () => {
    expect(() => createWith(descriptor, { type: 'file' }, context())).toThrow(ConfigError);
    let err: unknown;
    try {
      void createWith(descriptor, { type: 'file', append: true }, context());
    } catch (e) {
      err = e;
    }
    expect((err as ConfigError).path).toBe('transport.log_file_path');
    expect((err as ConfigError).source).toContain('openlineage.yml');
  });

  it('reads snake_case, camelCase and env spellings and coerces env strings', () => {
    expect(readFileConfig({ log_file_path: '/a', append: 'true', debug_mode: 'TRUE' })).toEqual({ logFilePath: '/a', append: true, debugMode: true });
    expect(readFileConfig({ logFilePath: '/b', debugMode: true })).toEqual({ logFilePath: '/b', append: false, debugMode: true });
    expect(readFileConfig({ logfilepath: '/c', append: false })).toEqual({ logFilePath: '/c', append: false, debugMode: false });
  });

  it('rejects a bad append value with the value found', () => {
    expect(() => readFileConfig({ log_file_path: '/a', append: 'sometimes' })).toThrow(/transport\.append.*true or false.*"sometimes"/);
  });

  it('turns a file:// URI into a local path and refuses remote schemes', () => {
    const file = path.join(dir, 'x.jsonl');
    expect(readFileConfig({ log_file_path: pathToFileURL(file).href }).logFilePath).toBe(file);
    expect(() => readFileConfig({ log_file_path: 's3://bucket/key' })).toThrow(/local path or a file:\/\/ URI/);
  });

  it('does not touch the file system when created', async () => {
    const t = createWith(descriptor, { type: 'file', log_file_path: path.join(dir, 'sub', 'f'), append: true }, context()) as FileTransport;
    expect(fs.existsSync(path.join(dir, 'sub'))).toBe(false);
    expect(t.config).toEqual({ logFilePath: path.join(dir, 'sub', 'f'), append: true, debugMode: false });
    await t.close();
  });

  it('exposes the type, the Python class path alias and normalize', () => {
    expect(descriptor.type).toBe('file');
    expect(descriptor.aliases).toContain('openlineage.client.transport.file.FileTransport');
    expect(parseWith(descriptor, { log_file_path: '/x', append: '1' }, context())).toEqual({ logFilePath: '/x', append: true, debugMode: false });
  });
});

describe('append: true', () => {
  it('writes one JSON document per line, in emit order, creating missing directories', async () => {
    const file = path.join(dir, 'a', 'b', 'events.jsonl');
    const t = createFileTransport({ log_file_path: file, append: true });
    await t.emit(runEvent('one'));
    await t.emit(jobEvent('two'));
    await t.emit(datasetEvent('three'));
    await t.close();
    expect(lines(file)).toEqual([runEvent('one'), jobEvent('two'), datasetEvent('three')]);
    expect(fs.readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('appends to an existing file and accepts a file:// URI', async () => {
    const file = path.join(dir, 'events.jsonl');
    fs.writeFileSync(file, '{"before":true}\n');
    const t = createFileTransport({ logFilePath: pathToFileURL(file).href, append: true });
    await t.emit(runEvent('x'));
    await t.close();
    expect(lines(file)).toEqual([{ before: true }, runEvent('x')]);
  });

  it('drops null and undefined members like the shared serializer', async () => {
    const file = path.join(dir, 'e.jsonl');
    const t = createFileTransport({ logFilePath: file, append: true });
    await t.emit({ ...runEvent('x'), inputs: undefined, outputs: null } as never);
    await t.close();
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(/inputs|outputs/);
  });

  it('writes exactly what core toJSON produces, whatever nulls and look-alikes the event holds', async () => {
    const file = path.join(dir, 'same.jsonl');
    const t = createFileTransport({ logFilePath: file, append: true });
    const odd = [
      runEvent('nullable'),
      { ...runEvent('x'), inputs: [null, { namespace: 'n', name: 'null' }, undefined] },
      { ...runEvent('x'), run: { runId: 'r', facets: { f: { _producer: 'p', _schemaURL: 's', value: NaN, nested: { gone: null, kept: 'null' } } } } },
      { ...runEvent('when'), eventTime: new Date(0) },
    ] as unknown as OpenLineageEvent[];
    for (const e of odd) await t.emit(e);
    await t.close();
    expect(fs.readFileSync(file, 'utf8')).toBe(odd.map((e) => toJSON(e) + '\n').join(''));
  });

  it('keeps every line whole and in order under many concurrent emits', async () => {
    const file = path.join(dir, 'c.jsonl');
    const t = createFileTransport({ logFilePath: file, append: true });
    const big = 'x'.repeat(20_000);
    const events = Array.from({ length: 500 }, (_, i) => ({
      ...runEvent(`job-${i}`, 'START', i),
      job: { namespace: 'ns', name: `job-${i}`, facets: { pad: { _producer: big, _schemaURL: 'u' } } },
    }));
    await Promise.all(events.map((e) => t.emit(e)));
    await t.close();
    const got = lines(file) as { job: { name: string } }[];
    expect(got.map((e) => e.job.name)).toEqual(events.map((e) => e.job.name));
  });

  it('never interleaves with another transport or another process appending the same file', async () => {
    const file = path.join(dir, 'shared.jsonl');
    const a = createFileTransport({ logFilePath: file, append: true });
    const b = createFileTransport({ logFilePath: file, append: true });
    fs.writeFileSync(file, '');
    // The other process appends 64 KB lines through its own O_APPEND descriptor, one write per line.
    const script = `const fs=require('fs');const fd=fs.openSync(process.argv[1],'a');for(let i=0;i<200;i++)fs.writeSync(fd,JSON.stringify({other:i,pad:'y'.repeat(65536)})+'\\n');`;
    const child = spawn(process.execPath, ['-e', script, file], { stdio: 'inherit' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const pad = 'z'.repeat(50_000);
    const mk = (who: string, i: number) => ({
      ...runEvent(`${who}-${i}`, 'START', i),
      job: { namespace: 'ns', name: `${who}-${i}`, facets: { pad: { _producer: pad, _schemaURL: 'u' } } },
    });
    await Promise.all(Array.from({ length: 200 }, (_, i) => [a.emit(mk('a', i)), b.emit(mk('b', i))]).flat());
    expect(await exited).toBe(0);
    await Promise.all([a.close(), b.close()]);
    const got = lines(file) as Record<string, unknown>[];
    expect(got).toHaveLength(600);
    expect(got.filter((e) => 'other' in e)).toHaveLength(200);
    const names = got.flatMap((e) => ('job' in e ? [(e.job as { name: string }).name] : []));
    expect(names.filter((n) => n.startsWith('a-'))).toEqual(Array.from({ length: 200 }, (_, i) => `a-${i}`));
    expect(names.filter((n) => n.startsWith('b-'))).toEqual(Array.from({ length: 200 }, (_, i) => `b-${i}`));
  });

  it('flush waits for queued writes; close releases the descriptor and is idempotent', async () => {
    const file = path.join(dir, 'f.jsonl');
    const t = createFileTransport({ logFilePath: file, append: true });
    const pending = Array.from({ length: 50 }, (_, i) => t.emit(runEvent(`j${i}`)));
    expect(await t.flush(10_000)).toBe(true);
    expect(lines(file)).toHaveLength(50);
    await Promise.all(pending);
    const openFds = () =>
      fs.readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
        } catch {
          return false;
        }
      }).length;
    expect(openFds()).toBe(1);
    expect(await t.close()).toBe(true);
    expect(openFds()).toBe(0);
    expect(await t.close()).toBe(true);
    await expect(t.emit(runEvent())).rejects.toThrow(/closed/);
  });

  it('close with a timeout that runs out keeps the descriptor until the writes in flight finish', async () => {
    const file = path.join(dir, 'late.jsonl');
    const t = createFileTransport({ logFilePath: file, append: true });
    const pad = 'p'.repeat(200_000);
    const emits = Array.from({ length: 40 }, (_, i) =>
      t.emit({ ...runEvent(`j${i}`), job: { namespace: 'ns', name: `j${i}`, facets: { pad: { _producer: pad, _schemaURL: 'u' } } } }),
    );
    const closed = await t.close(0);
    expect(typeof closed).toBe('boolean');
    await Promise.all(emits);
    expect(lines(file)).toHaveLength(40);
    const openFds = () =>
      fs.readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
        } catch {
          return false;
        }
      });
    // The close happens on its own once the writes are done; poll generously on a loaded machine.
    for (let i = 0; i < 100 && openFds().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(openFds()).toEqual([]);
  });

  it('an unwritable path is a TransportError naming the path and the system error', async () => {
    const blocker = path.join(dir, 'plain-file');
    fs.writeFileSync(blocker, '');
    const file = path.join(blocker, 'events.jsonl');
    const t = createFileTransport({ logFilePath: file, append: true });
    const err = await t.emit(runEvent()).catch((e: unknown) => e);
    expect(TransportError.isInstance(err)).toBe(true);
    expect((err as TransportError).transport).toBe('file');
    expect((err as Error).message).toContain(path.dirname(file));
    expect((err as Error).message).toMatch(/ENOTDIR|EEXIST/);
    expect((err as Error).cause).toBeDefined();
    await t.close();
  });

  it('a directory as the log file is a TransportError (EISDIR), and a later emit retries the open', async () => {
    const file = path.join(dir, 'later.jsonl');
    fs.mkdirSync(file);
    const t = createFileTransport({ logFilePath: file, append: true });
    await expect(t.emit(runEvent())).rejects.toThrow(new RegExp(`${file}.*EISDIR`));
    fs.rmdirSync(file);
    await t.emit(runEvent('after'));
    await t.close();
    expect(lines(file)).toEqual([runEvent('after')]);
  });

  // Issue 19: one definition of flush()/close() for every transport (see @ol/delivery's README).
  it('flush is false after a failed write or an unserializable event since the previous flush, then true again', async () => {
    const file = path.join(dir, 'flush.jsonl');
    fs.mkdirSync(file);
    const t = createFileTransport({ logFilePath: file, append: true });
    await expect(t.emit(runEvent())).rejects.toThrow(/EISDIR/);
    expect(await t.flush()).toBe(false);
    expect(await t.flush()).toBe(true);
    fs.rmdirSync(file);
    const cyclic = runEvent('c') as ReturnType<typeof runEvent> & { self?: unknown };
    cyclic.self = cyclic;
    await expect(t.emit(cyclic)).rejects.toThrow(/serialize/);
    await t.emit(runEvent('ok'));
    expect(await t.close()).toBe(false);
    expect(lines(file)).toEqual([runEvent('ok')]);
  });
});

describe('append: false', () => {
  it('writes one file per event named {path}-{YYYYMMDD-HHMMSS.ffffff}.json', async () => {
    const prefix = path.join(dir, 'out', 'logtest');
    const t = createFileTransport({ logFilePath: prefix });
    await t.emit(runEvent('a'));
    await t.emit(runEvent('b'));
    await t.close();
    const files = fs.readdirSync(path.join(dir, 'out')).sort();
    expect(files).toHaveLength(2);
    for (const f of files) expect(f).toMatch(/^logtest-\d{8}-\d{6}\.\d{6}\.json$/);
    const contents = files.map((f) => fs.readFileSync(path.join(dir, 'out', f), 'utf8'));
    expect(contents.map((c) => JSON.parse(c) as unknown)).toEqual([runEvent('a'), runEvent('b')]);
    expect(contents[0]).toBe(JSON.stringify(runEvent('a')) + '\n');
  });

  it('formats local time with microseconds like strftime("%Y%m%d-%H%M%S.%f")', () => {
    const micros = new Date(2023, 7, 15, 14, 30, 52, 123).getTime() * 1000 + 456;
    expect(timestamp(micros)).toBe('20230815-143052.123456');
    expect(debugTimestamp(micros)).toBe('230815T143052.123456');
    expect(timestamp(new Date(2024, 0, 2, 3, 4, 5, 6).getTime() * 1000)).toBe('20240102-030405.006000');
  });

  it('never overwrites: a clash with an existing file moves to the next microsecond', async () => {
    const prefix = path.join(dir, 'clash');
    const fixed = () => new Date(2023, 7, 15, 14, 30, 52, 123).getTime() * 1000 + 456;
    fs.writeFileSync(`${prefix}-20230815-143052.123456.json`, 'keep me');
    const a = new FileTransport(readFileConfig({ log_file_path: prefix }), undefined, fixed);
    const b = new FileTransport(readFileConfig({ log_file_path: prefix }), undefined, fixed);
    await a.emit(runEvent('a'));
    await b.emit(runEvent('b'));
    await a.emit(runEvent('c'));
    expect(fs.readFileSync(`${prefix}-20230815-143052.123456.json`, 'utf8')).toBe('keep me');
    expect(fs.readdirSync(dir).sort()).toEqual([
      'clash-20230815-143052.123456.json',
      'clash-20230815-143052.123457.json',
      'clash-20230815-143052.123458.json',
      'clash-20230815-143052.123459.json',
    ]);
  });

  it('debug_mode uses the Python debug name and pretty JSON', async () => {
    const prefix = path.join(dir, 'dbg');
    const t = createFileTransport({ log_file_path: prefix, debug_mode: true });
    await t.emit(runEvent('my/job:name', 'COMPLETE'));
    await t.emit(jobEvent('static job'));
    await t.emit(datasetEvent('db.table'));
    const files = fs.readdirSync(dir).sort();
    expect(files).toHaveLength(3);
    expect(files.some((f) => /^dbg-\d{6}T\d{6}\.\d{6}-my__job__name-COMPLETE\.json$/.test(f))).toBe(true);
    expect(files.some((f) => /^dbg-\d{6}T\d{6}\.\d{6}-static__job-unknown_event_type\.json$/.test(f))).toBe(true);
    expect(files.some((f) => /^dbg-\d{6}T\d{6}\.\d{6}-db\.table-unknown_event_type\.json$/.test(f))).toBe(true);
    const run = files.find((f) => f.includes('COMPLETE'))!;
    expect(fs.readFileSync(path.join(dir, run), 'utf8')).toBe(JSON.stringify(runEvent('my/job:name', 'COMPLETE'), null, 2) + '\n');
  });

  it('sanitizes names as Python does (Unicode letters and digits kept)', () => {
    expect(sanitizeName('my/job:name')).toBe('my__job__name');
    expect(sanitizeName('a b\tc')).toBe('a__b__c');
    expect(sanitizeName('ok_name.v-1')).toBe('ok_name.v-1');
    expect(sanitizeName('zażółć٣')).toBe('zażółć٣');
    expect(sanitizeName('a🙂b')).toBe('a__b');
    expect(debugSuffix({ ...runEvent(''), eventType: undefined })).toBe('unknown_job_name-unknown_event_type');
  });

  it('debug naming is ignored in append mode, which stays one compact line per event', async () => {
    const file = path.join(dir, 'app.jsonl');
    const t = createFileTransport({ logFilePath: file, append: true, debugMode: true });
    await t.emit(runEvent('x'));
    await t.close();
    expect(fs.readdirSync(dir)).toEqual(['app.jsonl']);
    expect(fs.readFileSync(file, 'utf8')).toBe(JSON.stringify(runEvent('x')) + '\n');
  });

  it('an unwritable prefix is a TransportError naming the file and the system error', async () => {
    fs.writeFileSync(path.join(dir, 'blocker'), '');
    const t = createFileTransport({ logFilePath: path.join(dir, 'blocker', 'sub', 'prefix') });
    const err = await t.emit(runEvent()).catch((e: unknown) => e);
    expect(TransportError.isInstance(err)).toBe(true);
    expect((err as Error).message).toContain(path.join(dir, 'blocker'));
    expect((err as Error).message).toMatch(/ENOTDIR|EEXIST/);
  });

  it('flush and close wait for writes in progress', async () => {
    const t = createFileTransport({ logFilePath: path.join(dir, 'p') });
    const emits = Array.from({ length: 20 }, (_, i) => t.emit(runEvent(`j${i}`)));
    expect(await t.close(10_000)).toBe(true);
    expect(fs.readdirSync(dir)).toHaveLength(20);
    await Promise.all(emits);
  });
});
