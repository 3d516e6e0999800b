import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { OptionReader, codeScope } from '../config/options.js';
import type { OpenLineageEvent } from '../model/event.js';
import { defaultAsyncTransportRules, readAsyncTransportRules, routesAsync, type AsyncTransportRules } from './async-rules.js';

function event(jobType?: Record<string, unknown> | null): OpenLineageEvent {
  return {
    eventTime: '2024-01-01T00:00:00Z',
    producer: 'https://example.com/test',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    eventType: 'START',
    run: { runId: '0190f5a2-7c3e-7d4a-9b1e-2f3a4b5c6d7e' },
    job: { namespace: 'ns', name: 'job', ...(jobType !== undefined ? { facets: jobType === null ? {} : { jobType } } : {}) },
  } as OpenLineageEvent;
}

const facet = (integration?: string, jobType?: string) => ({
  _producer: 'p',
  _schemaURL: 's',
  processingType: 'BATCH',
  ...(integration !== undefined && { integration }),
  ...(jobType !== undefined && { jobType }),
});

describe('routesAsync (as the Python client decides)', () => {
  const defaults = defaultAsyncTransportRules();

  it('default rules: dbt in any case goes async, other integrations and events without the facet do not', () => {
    for (const name of ['dbt', 'DBT', 'Dbt', 'dBt']) expect(routesAsync(event(facet(name, 'MODEL')), defaults)).toBe(true);
    expect(routesAsync(event(facet('SPARK', 'JOB')), defaults)).toBe(false);
    expect(routesAsync(event(), defaults)).toBe(false);
    expect(routesAsync(event(null), defaults)).toBe(false);
    expect(routesAsync(event(facet(undefined, 'MODEL')), defaults)).toBe(false);
    expect(routesAsync(event(facet('', 'MODEL')), defaults)).toBe(false);
    const datasetEvent = { eventTime: 't', producer: 'p', schemaURL: 's', dataset: { namespace: 'n', name: 'd' } } as unknown as OpenLineageEvent;
    expect(routesAsync(datasetEvent, defaults)).toBe(false);
  });

  it('the double wildcard sends everything async, even events without a job', () => {
    const all: AsyncTransportRules = { '*': { '*': true } };
    expect(routesAsync(event(), all)).toBe(true);
    expect(routesAsync({ dataset: { namespace: 'n', name: 'd' } } as unknown as OpenLineageEvent, all)).toBe(true);
  });

  it('first matching integration, then first matching job type, decides; false rules win when they match first', () => {
    const rules: AsyncTransportRules = { spark: { '*': true }, airflow: { dag: true, task: false }, dbt: { test: false, '*': true } };
    expect(routesAsync(event(facet('spark', 'anything')), rules)).toBe(true);
    expect(routesAsync(event(facet('Airflow', 'DAG')), rules)).toBe(true);
    expect(routesAsync(event(facet('airflow', 'task')), rules)).toBe(false);
    expect(routesAsync(event(facet('airflow', 'other')), rules)).toBe(false);
    expect(routesAsync(event(facet('dbt', 'TEST')), rules)).toBe(false);
    expect(routesAsync(event(facet('dbt', 'model')), rules)).toBe(true);
    // An integration wildcard applies to any integration named in the facet.
    expect(routesAsync(event(facet('flink', 'job')), { '*': { job: true } })).toBe(true);
    expect(routesAsync(event(facet('flink', 'other')), { '*': { job: true } })).toBe(false);
  });

  it('an integration rule without a matching job type falls through to later rules', () => {
    expect(routesAsync(event(facet('dbt', 'model')), { dbt: { test: true }, '*': { model: true } })).toBe(true);
  });
});

describe('readAsyncTransportRules', () => {
  const read = (raw: Record<string, unknown>) => readAsyncTransportRules(new OptionReader(raw, codeScope(['transport'])));

  it('defaults to dbt, a fresh object per call', () => {
    const a = read({});
    a.dbt!.test = false;
    expect(read({})).toEqual({ dbt: { '*': true } });
  });

  it('accepts any key spelling and the strings env variables carry', () => {
    expect(read({ asyncTransportRules: { Spark: { JOB: 'true', '*': 'false' } } })).toEqual({ Spark: { JOB: true, '*': false } });
    expect(read({ async_transport_rules: { '*': { '*': true } } })).toEqual({ '*': { '*': true } });
  });

  it('rejects what is not a map of maps of booleans, naming the key', () => {
    for (const bad of [{ dbt: true }, { dbt: { '*': 'maybe' } }, ['dbt']]) {
      let error: unknown;
      try {
        read({ async_transport_rules: bad });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).path).toBe('transport.async_transport_rules');
    }
  });
});
