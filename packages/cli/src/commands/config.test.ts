import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, withTempDir } from '../test-cli.js';

const SECRET = 'sk-live-9f8e7d6c5b4a';
const ENV_SECRET = 'env-token-abcdef123';

describe('openlineage config (subprocess)', () => {
  it('shows sources, the normalized transport with defaults, and never the secret', async () => {
    await withTempDir(async (dir) => {
      await writeFile(
        path.join(dir, 'openlineage.yml'),
        `transport:\n  type: http\n  url: https://lineage.example.com\n  auth:\n    type: api_key\n    api_key: ${SECRET}\n`,
      );
      const r = await runCli(['config'], { cwd: dir, env: { OPENLINEAGE__TRANSPORT__TIMEOUT: '12' } });
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.stdout).toContain(`  file       ${path.join(dir, 'openlineage.yml')}`);
      expect(r.stdout).toContain('  env        OPENLINEAGE__TRANSPORT__TIMEOUT');
      expect(r.stdout).toContain('Emission: enabled');
      expect(r.stdout).toContain(`  http  (from ${path.join(dir, 'openlineage.yml')}:2, package @ol/transport-http)`);
      expect(r.stdout).toContain('    endpoint: api/v1/lineage');
      expect(r.stdout).toContain('    target: https://lineage.example.com/api/v1/lineage');
      expect(r.stdout).toContain('    timeout: 12');
      expect(r.stdout).toContain('      apiKey: ***');
    });
  });

  it('prints JSON with --json, secrets from variables redacted too', async () => {
    await withTempDir(async (dir) => {
      const r = await runCli(['config', '--json'], {
        cwd: dir,
        env: {
          OPENLINEAGE__TRANSPORT__TYPE: 'http',
          OPENLINEAGE__TRANSPORT__URL: `https://user:${ENV_SECRET}@lineage.example.com`,
          OPENLINEAGE__TRANSPORT__AUTH__TYPE: 'api_key',
          OPENLINEAGE__TRANSPORT__AUTH__API_KEY: ENV_SECRET,
        },
      });
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(ENV_SECRET);
      const report = JSON.parse(r.stdout) as Record<string, any>;
      expect(report.disabled).toBe(false);
      expect(report.sources).toEqual([{ kind: 'env', detail: expect.stringContaining('OPENLINEAGE__TRANSPORT__AUTH__API_KEY') }]);
      expect(report.transport).toMatchObject({
        type: 'http',
        origin: 'OPENLINEAGE__TRANSPORT__TYPE',
        package: '@ol/transport-http',
        normalized: true,
        options: { endpoint: 'api/v1/lineage', timeout: 5, verify: true, auth: { type: 'api_key', apiKey: '***' } },
      });
    });
  });

  it('shows a composite as a tree with each child normalized by its own package', async () => {
    await withTempDir(async (dir) => {
      const config = path.join(dir, 'lineage.yml');
      await writeFile(
        config,
        `transport:\n  type: composite\n  continue_on_failure: false\n  transports:\n    local:\n      type: file\n      log_file_path: /tmp/x.jsonl\n    backend:\n      type: http\n      url: http://127.0.0.1:5000\n`,
      );
      const r = await runCli(['config', '--config', config], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`  composite  (from ${config}:2, package @ol/transport-composite)\n    continueOnFailure: false\n`);
      expect(r.stdout).toContain(
        `      local: file  (from ${config}:6, package @ol/transport-file)\n        logFilePath: /tmp/x.jsonl\n        append: false\n`,
      );
      expect(r.stdout).toContain('      backend: http  (from');
      expect(r.stdout).toContain('        target: http://127.0.0.1:5000/api/v1/lineage');
    });
  });

  it("the Python client's datadog, gcplineage and msk-iam transports: normalized by their packages, api key and credentials path as ***", async () => {
    await withTempDir(async (dir) => {
      const keyFile = path.join(dir, 'sa-key.json');
      const config = path.join(dir, 'lineage.yml');
      await writeFile(
        config,
        [
          'transport:',
          '  type: composite',
          '  transports:',
          '    dd:',
          '      type: openlineage.client.transport.datadog.DatadogTransport',
          '      site: datadoghq.eu',
          '    gcp:',
          '      type: gcplineage',
          '      project_id: my-project',
          `      credentials_path: ${keyFile}`,
          '    msk:',
          '      type: msk-iam',
          '      topic: lineage',
          '      config:',
          '        bootstrap.servers: b-1.example.com:9098',
          '',
        ].join('\n'),
      );
      const r = await runCli(['config', '--config', config, '--json'], { cwd: dir, env: { DD_API_KEY: SECRET, AWS_REGION: 'eu-west-1' } });
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.stdout).not.toContain(keyFile);
      const children = (JSON.parse(r.stdout) as { transport: { children: Record<string, any>[] } }).transport.children;
      expect(children.map((c) => [c.name, c.type, c.package])).toEqual([
        ['dd', 'datadog', '@ol/transport-datadog'],
        ['gcp', 'gcplineage', '@ol/transport-gcplineage'],
        ['msk', 'msk-iam', '@ol/transport-msk-iam'],
      ]);
      expect(children[0]!.options).toMatchObject({ apiKey: '***', site: 'datadoghq.eu', url: 'https://data-obs-intake.datadoghq.eu', timeout: 5 });
      expect(children[1]!.options).toMatchObject({ projectId: 'my-project', location: 'us-central1', credentialsPath: '***' });
      expect(children[2]!.options).toMatchObject({ topic: 'lineage', region: 'eu-west-1', regionFrom: 'AWS_REGION', flush: true });
    });
  });

  it('says when emission is disabled, and when nothing is configured', async () => {
    await withTempDir(async (dir) => {
      const r = await runCli(['config'], { cwd: dir, env: { OPENLINEAGE_DISABLED: 'true', HOME: dir } });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Emission: DISABLED (OPENLINEAGE_DISABLED=true)');
      expect(r.stdout).toContain('  default    console transport');
      expect(r.stdout).toContain('Warnings:\n  No OpenLineage transport configured');
    });
  });

  it('exits 2 with the reason when the transport cannot be loaded or the config is wrong', async () => {
    await withTempDir(async (dir) => {
      const missing = await runCli(['config'], { cwd: dir, env: { OPENLINEAGE__TRANSPORT__TYPE: 'kafka' } });
      expect(missing.code).toBe(2);
      expect(missing.stdout).toContain('ERROR:');
      expect(missing.stderr).toContain('npm install @ol/transport-kafka');
      const bad = await runCli(['config'], {
        cwd: dir,
        env: { OPENLINEAGE__TRANSPORT__TYPE: 'http', OPENLINEAGE__TRANSPORT__URL: 'http://h', OPENLINEAGE__TRANSPORT__TIMEOUT: 'slow' },
      });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('OPENLINEAGE__TRANSPORT__TIMEOUT');
    });
  });

  it('shows the Java client sections: namespace resolvers, trimmers, circuit breaker, metrics', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'openlineage.yml');
      await writeFile(
        file,
        [
          'transport:',
          '  type: console',
          'dataset:',
          '  disabledTrimmers: io.openlineage.client.dataset.partition.trimmer.DateTrimmer',
          '  namespaceResolvers:',
          '    kafka-prod:',
          '      type: hostList',
          "      hosts: ['kafka-prod13.company.com', 'kafka-prod15.company.com']",
          '      schema: kafka',
          'metrics:',
          '  type: opentelemetry',
          '',
        ].join('\n'),
      );
      const r = await runCli(['config'], {
        cwd: dir,
        env: { OPENLINEAGE__CIRCUIT_BREAKER__TYPE: 'simpleMemory', OPENLINEAGE__CIRCUIT_BREAKER__MEMORY_THRESHOLD: '15' },
      });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Datasets:\n  trimmers: KeyValueTrimmer, MultiDirDateTrimmer, YearMonthTrimmer\n');
      expect(r.stdout).toContain(
        `    kafka-prod: hostList  (from ${file}:7)\n      hosts: [kafka-prod13.company.com, kafka-prod15.company.com]\n      schema: kafka\n`,
      );
      expect(r.stdout).toContain(
        'Circuit breaker: simpleMemory  (from OPENLINEAGE__CIRCUIT_BREAKER__TYPE)\n  memoryThreshold: 15\n  circuitCheckIntervalInMillis: 1000\n',
      );
      expect(r.stdout).toContain(`Metrics: opentelemetry  (from ${file}:11, package @ol/opentelemetry)`);
      const json = await runCli(['config', '--json'], { cwd: dir });
      expect((JSON.parse(json.stdout) as { dataset: unknown }).dataset).toMatchObject({ namespaceResolvers: [{ name: 'kafka-prod', type: 'hostList' }] });
    });
  });

  it('exits 2 naming the key when a resolver regex does not compile or a breaker type is unknown', async () => {
    await withTempDir(async (dir) => {
      await writeFile(path.join(dir, 'openlineage.yml'), "dataset:\n  namespaceResolvers:\n    x:\n      type: pattern\n      regex: 'a(b'\n");
      const r = await runCli(['config'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('dataset.namespaceResolvers.x.regex');
      const other = path.join(dir, 'other');
      await mkdir(other);
      const cb = await runCli(['config'], { cwd: other, env: { OPENLINEAGE__CIRCUIT_BREAKER__TYPE: 'asyncTaskQueue', HOME: other } });
      expect(cb.code).toBe(2);
      expect(cb.stderr).toContain('circuit_breaker.type (from OPENLINEAGE__CIRCUIT_BREAKER__TYPE)');
    });
  });
});
