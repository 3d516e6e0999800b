/**
 * Cases ported (rewritten) from the Java client's DateTrimmerTest, KeyValueTrimmerTest,
 * MultiDirDateTrimmerTest, YearMontTrimmerTest and DatasetConfigTest, plus the Java docs' examples.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OptionReader } from '../config/options.js';
import { resolveConfig } from '../config/resolve.js';
import { scratch } from '../config/test-helpers.js';
import { applyTrimmer, dateTrimmer, keyValueTrimmer, multiDirDateTrimmer, trimDatasetName, yearMonthTrimmer } from './trimmers.js';
import { loadExtraTrimmers, readDatasetSettings } from './settings.js';

describe('DateTrimmer (DateTrimmerTest)', () => {
  it('trims trailing dates, also loose date-like segments', () => {
    expect(dateTrimmer.canTrim('/tmp/20250721')).toBe(true);
    expect(applyTrimmer(dateTrimmer, '/tmp/20250721')).toBe('/tmp');
    expect(applyTrimmer(dateTrimmer, 'tmp/20250721')).toBe('tmp');
    for (const name of ['/tmp/20250722T0901Z', '/tmp/2025-07-22', '/tmp/20250722T901Z']) expect(dateTrimmer.canTrim(name)).toBe(true);
    expect(dateTrimmer.canTrim('/tmp/20122321')).toBe(false);
    expect(dateTrimmer.canTrim('/tmp/dataset_20122321')).toBe(false);
  });
  it('never trims a whole name', () => {
    expect(dateTrimmer.canTrim('20250721')).toBe(false);
    expect(dateTrimmer.canTrim('/20250721')).toBe(false);
  });
  it('handles the docs examples', () => {
    expect(dateTrimmer.canTrim('/data/20250901/')).toBe(true);
    expect(dateTrimmer.canTrim('/data/2025-09-01/')).toBe(true);
    expect(dateTrimmer.canTrim('/data/01.09.2025')).toBe(true);
    expect(dateTrimmer.canTrim('/data/2025-25-01/')).toBe(false);
    expect(dateTrimmer.canTrim('/data/dt=2025-09-01/')).toBe(false);
  });
});

describe('KeyValueTrimmer (KeyValueTrimmerTest)', () => {
  it('trims a trailing key=value segment with exactly one =', () => {
    expect(keyValueTrimmer.canTrim('/tmp/cat')).toBe(false);
    expect(keyValueTrimmer.canTrim('/tmp/key=value')).toBe(true);
    expect(applyTrimmer(keyValueTrimmer, '/tmp/key=value')).toBe('/tmp');
    expect(applyTrimmer(keyValueTrimmer, 'tmp/key=value')).toBe('tmp');
    expect(keyValueTrimmer.canTrim('/tmp/a=b=c')).toBe(false);
  });
  it('never trims a whole name', () => {
    expect(keyValueTrimmer.canTrim('key=value')).toBe(false);
    expect(keyValueTrimmer.canTrim('/key=value')).toBe(false);
  });
});

describe('MultiDirDateTrimmer (MultiDirDateTrimmerTest)', () => {
  it('trims year/month and year/month/day directories', () => {
    expect(applyTrimmer(multiDirDateTrimmer, '/tmp')).toBe('/tmp');
    expect(applyTrimmer(multiDirDateTrimmer, '/a/b')).toBe('/a/b');
    expect(multiDirDateTrimmer.canTrim('/tmp/2025/07')).toBe(true);
    expect(applyTrimmer(multiDirDateTrimmer, '/tmp/2025/07')).toBe('/tmp');
    expect(applyTrimmer(multiDirDateTrimmer, 'tmp/2025/07')).toBe('tmp');
    expect(multiDirDateTrimmer.canTrim('/tmp/2025/07/21')).toBe(true);
    expect(applyTrimmer(multiDirDateTrimmer, '/tmp/2025/07/21')).toBe('/tmp');
    expect(applyTrimmer(multiDirDateTrimmer, '/tmp/2025/14')).toBe('/tmp/2025/14');
    expect(applyTrimmer(multiDirDateTrimmer, '/tmp/2025/07/50')).toBe('/tmp/2025/07/50');
  });
  it('never trims a whole name', () => {
    for (const name of ['2025/07', '2025/07/21', '/2025/07', '/2025/07/21']) expect(multiDirDateTrimmer.canTrim(name)).toBe(false);
  });
});

describe('YearMonthTrimmer (YearMontTrimmerTest)', () => {
  it('trims a trailing year-month', () => {
    expect(applyTrimmer(yearMonthTrimmer, '/tmp/202507')).toBe('/tmp');
    expect(applyTrimmer(yearMonthTrimmer, '/tmp/2025-07')).toBe('/tmp');
    expect(applyTrimmer(yearMonthTrimmer, 'tmp/2025-07')).toBe('tmp');
    expect(applyTrimmer(yearMonthTrimmer, '/tmp/202540')).toBe('/tmp/202540');
  });
  it('never trims a whole name', () => {
    expect(yearMonthTrimmer.canTrim('202507')).toBe(false);
    expect(yearMonthTrimmer.canTrim('/202507')).toBe(false);
  });
});

describe('trimDatasetName', () => {
  it('repeats the trimmers until nothing changes, keeping at least two segments', () => {
    expect(trimDatasetName('/tmp/some/tested-path/20250721/20250722T901Z/key=value/')).toBe('/tmp/some/tested-path');
    expect(trimDatasetName('s3-bucket/events/2025/07/21/hour=05')).toBe('s3-bucket/events');
    expect(trimDatasetName('warehouse/2025/07/21')).toBe('warehouse');
    expect(trimDatasetName('public.orders')).toBe('public.orders');
  });
  it('stops on a trimmer that claims it can trim but does not', () => {
    expect(trimDatasetName('/a/b/c', [{ name: 'Stuck', canTrim: () => true, trim: (n) => n }])).toBe('/a/b/c');
  });
});

function datasetSettings(dataset: Record<string, unknown>) {
  return readDatasetSettings(new OptionReader({ dataset }, { path: [], origin: () => 'code' }));
}

describe('dataset.disabledTrimmers / extraTrimmers (DatasetConfigTest)', () => {
  it('has the four trimmers by default', () => {
    expect(datasetSettings({}).trimmers.map((t) => t.name)).toEqual(['DateTrimmer', 'KeyValueTrimmer', 'MultiDirDateTrimmer', 'YearMonthTrimmer']);
  });
  it('disables trimmers named by Java class name or short name, semicolon-separated', () => {
    const s = datasetSettings({
      disabledTrimmers: 'io.openlineage.client.dataset.partition.trimmer.DateTrimmer;io.openlineage.client.dataset.partition.trimmer.MultiDirDateTrimmer',
    });
    expect(s.trimmers.map((t) => t.name)).toEqual(['KeyValueTrimmer', 'YearMonthTrimmer']);
    expect(datasetSettings({ disabled_trimmers: ['keyvaluetrimmer', 'MultiDirTrimmer'] }).trimmers.map((t) => t.name)).toEqual([
      'DateTrimmer',
      'YearMonthTrimmer',
    ]);
  });
  it('adds extra trimmers from modules, skipping a Java class name with a warning', async () => {
    const s = scratch();
    mkdirSync(join(s.dir, 'trimmers'));
    writeFileSync(join(s.dir, 'trimmers', 'run.mjs'), "export default { name: 'RunTrimmer', canTrim: (n) => /\\/run-\\d+$/.test(n) };\n");
    s.write('openlineage.yml', 'dataset:\n  extraTrimmers: ./trimmers/run.mjs;io.openlineage.NonExistingTrimmer\n');
    const resolved = resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home });
    const settings = readDatasetSettings(new OptionReader(resolved.config, { path: [], origin: resolved.origin }));
    const warnings: string[] = [];
    const trimmers = await loadExtraTrimmers(settings, { cwd: s.dir, baseDirOf: resolved.baseDirOf!, origin: resolved.origin, warn: (m) => warnings.push(m) });
    expect(trimmers.map((t) => t.name)).toEqual(['DateTrimmer', 'KeyValueTrimmer', 'MultiDirDateTrimmer', 'YearMonthTrimmer', 'RunTrimmer']);
    expect(warnings.join('\n')).toMatch(/io\.openlineage\.NonExistingTrimmer looks like a Java class/);
    expect(trimDatasetName('/jobs/out/run-7/2025-01-01', trimmers)).toBe('/jobs/out');
  });
  it('reports an extra trimmer module that is missing or exports no trimmer', async () => {
    const s = scratch();
    s.write('bad.mjs', 'export const x = 1;\n');
    const load = (extraTrimmers: string) =>
      loadExtraTrimmers(datasetSettings({ extraTrimmers }), { cwd: s.dir, baseDirOf: () => s.dir, origin: () => 'code', warn: () => undefined });
    await expect(load('./missing.mjs')).rejects.toThrow(/dataset\.extraTrimmers\.0/);
    await expect(load('./bad.mjs')).rejects.toThrow(/trimmer \{ name, canTrim/);
  });
  it('rejects an unknown non-Java name in disabledTrimmers and unknown dataset keys', () => {
    expect(() => datasetSettings({ disabledTrimmers: 'Dat' })).toThrow(/dataset\.disabledTrimmers.*DateTrimmer/);
    expect(datasetSettings({ disabledTrimmers: 'org.company.CustomTrimmer' }).warnings[0]).toMatch(/not a trimmer of this client/);
    expect(() => datasetSettings({ trimmers: 'x' })).toThrow(/dataset\.trimmers/);
  });
});
