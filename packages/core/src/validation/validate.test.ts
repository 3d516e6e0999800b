import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { assertValidEvent, isValidEvent, validateEvent } from './validate.js';
import { RUN_ID, SPEC_DIR, eventWithFacet, facetFixtures, minimalRunEvent, placeOf, readJson } from './test-fixtures.js';

const fixtures = facetFixtures();

describe('validateEvent on the spec fixtures', () => {
  it('finds all facet fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(46);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s validates in place', (_name, fixture) => {
    const event = eventWithFacet(placeOf(fixture), fixture.key, fixture.facet);
    expect(validateEvent(event)).toEqual([]);
  });

  it('example_full_event.json validates', () => {
    expect(validateEvent(readJson(join(SPEC_DIR, 'tests', 'example_full_event.json')))).toEqual([]);
  });
});

describe('validateEvent on events the spec rejects', () => {
  const cases: [string, (e: Record<string, any>) => unknown, string, string][] = [
    ['missing runId', (e) => delete e.run.runId, '/run/runId', 'is required'],
    ['bad eventType', (e) => (e.eventType = 'DONE'), '/eventType', 'must be one of'],
    ['non-uuid runId', (e) => (e.run.runId = 'run-1'), '/run/runId', 'valid uuid'],
    ['eventTime without time', (e) => (e.eventTime = '2025-05-20'), '/eventTime', 'valid date-time'],
    ['eventTime without zone', (e) => (e.eventTime = '2025-05-20T10:00:00'), '/eventTime', 'valid date-time'],
    ['producer not a URI', (e) => (e.producer = 'my producer'), '/producer', 'valid uri'],
    ['missing schemaURL', (e) => delete e.schemaURL, '/schemaURL', 'is required'],
    ['job without name', (e) => delete e.job.name, '/job/name', 'is required'],
    ['job namespace not a string', (e) => (e.job.namespace = 3), '/job/namespace', 'must be a string'],
    ['inputs not an array', (e) => (e.inputs = {}), '/inputs', 'must be an array'],
    ['dataset without namespace', (e) => (e.inputs = [{ name: 'x' }]), '/inputs/0/namespace', 'is required'],
    ['facet missing _producer', (e) => (e.run.facets = { my_facet: { _schemaURL: 'https://e.com/s#/x' } }), '/run/facets/my_facet/_producer', 'is required'],
    [
      'facet _schemaURL not a URI',
      (e) => (e.job.facets = { my_facet: { _producer: 'https://e.com', _schemaURL: 'nope' } }),
      '/job/facets/my_facet/_schemaURL',
      'valid uri',
    ],
    [
      'schema facet with a non-string field type',
      (e) =>
        (e.outputs = [
          { namespace: 'n', name: 'd', facets: { schema: { _producer: 'https://e.com', _schemaURL: 'https://e.com/s', fields: [{ name: 'a', type: 5 }] } } },
        ]),
      '/outputs/0/facets/schema/fields/0/type',
      'must be a string',
    ],
    [
      'schema facet field without name',
      (e) =>
        (e.outputs = [
          { namespace: 'n', name: 'd', facets: { schema: { _producer: 'https://e.com', _schemaURL: 'https://e.com/s', fields: [{ type: 'int' }] } } },
        ]),
      '/outputs/0/facets/schema/fields/0/name',
      'is required',
    ],
    [
      'columnLineage inputFields not an array',
      (e) =>
        (e.outputs = [
          {
            namespace: 'n',
            name: 'd',
            facets: { columnLineage: { _producer: 'https://e.com', _schemaURL: 'https://e.com/s', fields: { a: { inputFields: 'x' } } } },
          },
        ]),
      '/outputs/0/facets/columnLineage/fields/a/inputFields',
      'must be an array',
    ],
    [
      'columnLineage input field without field',
      (e) =>
        (e.outputs = [
          {
            namespace: 'n',
            name: 'd',
            facets: {
              columnLineage: { _producer: 'https://e.com', _schemaURL: 'https://e.com/s', fields: { a: { inputFields: [{ namespace: 'n', name: 't' }] } } },
            },
          },
        ]),
      '/outputs/0/facets/columnLineage/fields/a/inputFields/0/field',
      'is required',
    ],
    [
      'parent facet with bad runId',
      (e) =>
        (e.run.facets = { parent: { _producer: 'https://e.com', _schemaURL: 'https://e.com/s', run: { runId: 'x' }, job: { namespace: 'n', name: 'p' } } }),
      '/run/facets/parent/run/runId',
      'valid uuid',
    ],
    [
      'errorMessage without language',
      (e) => (e.run.facets = { errorMessage: { _producer: 'https://e.com', _schemaURL: 'https://e.com/s', message: 'boom' } }),
      '/run/facets/errorMessage/programmingLanguage',
      'is required',
    ],
    [
      'sql facet without query',
      (e) => (e.job.facets = { sql: { _producer: 'https://e.com', _schemaURL: 'https://e.com/s' } }),
      '/job/facets/sql/query',
      'is required',
    ],
    [
      'jobType windowDuration < 1',
      (e) =>
        (e.job.facets = {
          jobType: {
            _producer: 'https://e.com',
            _schemaURL: 'https://e.com/s',
            processingType: 'BATCH',
            integration: 'X',
            emissionPattern: { eventTrigger: 'a', eventContentMode: 'b', windowDuration: 0 },
          },
        }),
      '/job/facets/jobType/emissionPattern/windowDuration',
      'must be >= 1',
    ],
    [
      'executionParameters with an unknown member',
      (e) => (e.run.facets = { executionParameters: { _producer: 'https://e.com', _schemaURL: 'https://e.com/s', parameters: [{ key: 'k', extra: 1 }] } }),
      '/run/facets/executionParameters/parameters/0/extra',
      'is not allowed',
    ],
    [
      'lifecycleStateChange not in the enum',
      (e) =>
        (e.outputs = [
          {
            namespace: 'n',
            name: 'd',
            facets: { lifecycleStateChange: { _producer: 'https://e.com', _schemaURL: 'https://e.com/s', lifecycleStateChange: 'EXPLODE' } },
          },
        ]),
      '/outputs/0/facets/lifecycleStateChange/lifecycleStateChange',
      'must be one of',
    ],
    [
      'input dataQualityMetrics without columnMetrics',
      (e) => (e.inputs = [{ namespace: 'n', name: 'd', inputFacets: { dataQualityMetrics: { _producer: 'https://e.com', _schemaURL: 'https://e.com/s' } } }]),
      '/inputs/0/inputFacets/dataQualityMetrics/columnMetrics',
      'is required',
    ],
    [
      'output statistics with a fractional rowCount',
      (e) =>
        (e.outputs = [
          { namespace: 'n', name: 'd', outputFacets: { outputStatistics: { _producer: 'https://e.com', _schemaURL: 'https://e.com/s', rowCount: 1.5 } } },
        ]),
      '/outputs/0/outputFacets/outputStatistics/rowCount',
      'must be an integer',
    ],
    [
      'lineage job entry with namespace but no name',
      (e) => (e.job.facets = { lineage: { _producer: 'https://e.com', _schemaURL: 'https://e.com/s', entries: [{ type: 'JOB', namespace: 'n' }] } }),
      '/job/facets/lineage/entries/0',
      'allowed shapes',
    ],
    [
      'DatasetEvent that also has job',
      (e) => {
        delete e.run;
        e.dataset = { namespace: 'n', name: 'd' };
      },
      '',
      'more than one',
    ],
    [
      'no run, job or dataset',
      (e) => {
        delete e.run;
        delete e.job;
      },
      '',
      'must be a RunEvent',
    ],
    ['a RunEvent without job', (e) => delete e.job, '/job', 'is required'],
  ];

  it.each(cases)('%s', (_name, mutate, pointer, message) => {
    const event = minimalRunEvent();
    mutate(event);
    const problems = validateEvent(event);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems).toContainEqual(expect.objectContaining({ pointer, message: expect.stringContaining(message) }));
  });

  it('rejects what is not an object', () => {
    expect(validateEvent('event')).not.toEqual([]);
    expect(validateEvent(null)).not.toEqual([]);
    expect(validateEvent(undefined)).not.toEqual([]);
    expect(validateEvent([minimalRunEvent()])).not.toEqual([]);
  });

  it('names the facet schema a facet problem was found against', () => {
    const e = minimalRunEvent();
    e.job.facets = { sql: { _producer: 'https://e.com', _schemaURL: 'https://openlineage.io/spec/facets/1-0-0/SQLJobFacet.json#/$defs/SQLJobFacet' } };
    expect(validateEvent(e)[0]).toEqual({
      pointer: '/job/facets/sql/query',
      message: 'is required',
      schema: 'https://openlineage.io/spec/facets/1-0-0/SQLJobFacet.json#/$defs/SQLJobFacet',
    });
    delete e.job.facets.sql;
    delete e.run.runId;
    expect(validateEvent(e)[0]?.schema).toBe('https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent');
  });
});

describe('validateEvent details', () => {
  it('accepts the other event types', () => {
    const base = minimalRunEvent();
    expect(validateEvent({ eventTime: base.eventTime, producer: base.producer, schemaURL: base.schemaURL, job: base.job })).toEqual([]);
    expect(validateEvent({ eventTime: base.eventTime, producer: base.producer, schemaURL: base.schemaURL, dataset: { namespace: 'n', name: 'd' } })).toEqual(
      [],
    );
  });

  it('accepts a deletion marker of a standard job or dataset facet without its content', () => {
    const e = minimalRunEvent();
    e.job.facets = { sql: { _producer: 'https://e.com', _schemaURL: 'https://e.com/s', _deleted: true } };
    e.outputs = [{ namespace: 'n', name: 'd', facets: { schema: { _producer: 'https://e.com', _schemaURL: 'https://e.com/s', _deleted: true } } }];
    expect(validateEvent(e)).toEqual([]);
    e.job.facets.sql._deleted = false;
    expect(validateEvent(e)).toContainEqual(expect.objectContaining({ pointer: '/job/facets/sql/query' }));
  });

  it('judges the event as serialized: undefined, null and Date members are fine', () => {
    const e = minimalRunEvent();
    e.eventTime = new Date();
    e.eventType = undefined;
    e.inputs = [null];
    e.run.facets = { gone: undefined, alsoGone: null };
    expect(validateEvent(e)).toEqual([]);
  });

  it('keeps custom facets open but requires the base members', () => {
    const e = minimalRunEvent();
    e.run.facets = { acme_stats: { _producer: 'https://e.com', _schemaURL: 'https://e.com/s#/$defs/AcmeStatsRunFacet', anything: [1, { x: 2 }] } };
    expect(validateEvent(e)).toEqual([]);
  });

  it('accepts urn:uuid run ids and leap seconds like the reference validator', () => {
    const e = minimalRunEvent();
    e.run.runId = `urn:uuid:${RUN_ID}`;
    e.eventTime = '2016-12-31T23:59:60Z';
    expect(validateEvent(e)).toEqual([]);
  });

  it('assertValidEvent throws a ValidationError with JSON pointers', () => {
    const e = minimalRunEvent();
    delete e.run.runId;
    expect(() => assertValidEvent(e)).toThrow(ValidationError);
    try {
      assertValidEvent(e);
    } catch (err) {
      expect(ValidationError.isInstance(err)).toBe(true);
      expect((err as ValidationError).errors[0]?.pointer).toBe('/run/runId');
      expect((err as Error).message).toContain('/run/runId is required');
    }
    expect(() => assertValidEvent(minimalRunEvent())).not.toThrow();
    expect(isValidEvent(minimalRunEvent())).toBe(true);
  });

  it('does not modify the event', () => {
    const e = minimalRunEvent();
    e.run.facets = { x: null };
    delete e.job.name;
    const before = structuredClone(e);
    validateEvent(e);
    expect(e).toEqual(before);
  });
});
