/**
 * The file transport's example from the Python client's docs (seed 000, "File"), in YAML and in
 * the equivalent environment variables, resolved with core's real `resolveConfig` and built with
 * the real registry (`createTransport`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTransport } from '@ol/core';
import { transportFromConfig } from '@ol/test-kit';
import descriptor, { FileTransport } from './index.js';
import { runEvent } from './test-events.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-file-seed-'));
  // The code under test, not the built package the registry would otherwise import by name.
  registerTransport(descriptor);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function build(options: { env?: Record<string, string>; yaml?: string }): Promise<FileTransport> {
  const t = await transportFromConfig(dir, options);
  if (!(t instanceof FileTransport)) throw new Error(`expected a file transport, got ${t.type}`);
  return t;
}

const yaml = (logFilePath: string) => `transport:
  type: file
  log_file_path: ${logFilePath}
  append: false
`;

const env = (logFilePath: string) => ({
  OPENLINEAGE__TRANSPORT__TYPE: 'file',
  OPENLINEAGE__TRANSPORT__LOG_FILE_PATH: logFilePath,
  OPENLINEAGE__TRANSPORT__APPEND: 'false',
});

describe('seed 000 File example', () => {
  it.each([
    ['YAML', { yaml: yaml('/path/to/your/file') }],
    ['environment variables', { env: env('/path/to/your/file') }],
  ])('%s, as written: builds without touching the file system', async (_, options) => {
    const t = await build(options);
    expect(t.config).toEqual({ logFilePath: '/path/to/your/file', append: false, debugMode: false });
    expect(fs.existsSync('/path/to/your')).toBe(false);
    await t.close();
  });

  it.each([
    ['YAML', (p: string) => ({ yaml: yaml(p) })],
    ['environment variables', (p: string) => ({ env: env(p) })],
  ])('%s, with a writable prefix: one timestamped file per event', async (_, options) => {
    const out = fs.mkdtempSync(path.join(dir, 'out-'));
    const t = await build(options(path.join(out, 'file')));
    await t.emit(runEvent('a'));
    await t.close();
    const files = fs.readdirSync(out);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^file-\d{8}-\d{6}\.\d{6}\.json$/);
    expect(JSON.parse(fs.readFileSync(path.join(out, files[0]!), 'utf8'))).toEqual(runEvent('a'));
  });

  it('the Python class path works as the type, and config errors name the variable', async () => {
    const out = fs.mkdtempSync(path.join(dir, 'out-'));
    const t = await build({
      env: {
        OPENLINEAGE__TRANSPORT__TYPE: 'openlineage.client.transport.file.FileTransport',
        OPENLINEAGE__TRANSPORT__LOG_FILE_PATH: path.join(out, 'x.jsonl'),
        OPENLINEAGE__TRANSPORT__APPEND: 'true',
      },
    });
    expect(t.config.append).toBe(true);
    await t.close();
    const err = (await build({
      env: { OPENLINEAGE__TRANSPORT__TYPE: 'file', OPENLINEAGE__TRANSPORT__LOG_FILE_PATH: '/x', OPENLINEAGE__TRANSPORT__APPEND: 'sometimes' },
    }).catch((e: unknown) => e)) as Error & { source: string };
    expect(err.name).toBe('ConfigError');
    expect(err.source).toBe('OPENLINEAGE__TRANSPORT__APPEND');
  });
});
