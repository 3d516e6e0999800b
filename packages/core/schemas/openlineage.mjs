// The project's single source of truth for the OpenLineage 2-0-2 object model and every
// standard facet: JSON Schema (draft 2020-12) built with a few helpers so each definition
// reads as one line of facts. scripts/generate.mjs turns it into the TypeScript types, the
// facet catalog and the ahead-of-time validators under src/generated/.
//
// Written for this project from the facts of the OpenLineage spec (field names, types,
// required members, $id of each facet file). Descriptions live in the README, not here.

export const SPEC_VERSION = '2-0-2';
export const MODEL_ID = `https://openlineage.io/spec/${SPEC_VERSION}/OpenLineage.json`;
const FACETS_BASE = 'https://openlineage.io/spec/facets';
const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

// ---- helpers -------------------------------------------------------------------------------
const str = (format) => (format ? { type: 'string', format } : { type: 'string' });
const int = (extra = {}) => ({ type: 'integer', ...extra });
const num = () => ({ type: 'number' });
const bool = () => ({ type: 'boolean' });
const oneOfStrings = (...values) => ({ type: 'string', enum: values });
const literal = (value) => ({ const: value });
const arr = (items) => ({ type: 'array', items });
/** A free-form map; `values` = schema of each value, `true` = anything. */
const map = (values = true) => ({ type: 'object', additionalProperties: values });
/** An object; `open` keeps `additionalProperties: true` explicit (it is the default anyway). */
function obj(properties, required = [], extra = {}) {
  const schema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  return { ...schema, ...extra };
}
const open = { additionalProperties: true };
const local = (name) => ({ $ref: `#/$defs/${name}` });
const model = (name) => ({ $ref: `${MODEL_ID}#/$defs/${name}` });
/** The spec wraps every facet map in `anyOf` of one map schema; kept so both validate alike. */
const facetMapOf = (ref) => ({ type: 'object', anyOf: [{ type: 'object', additionalProperties: ref }] });
const facetMap = (base) => facetMapOf(model(base));
const localFacetMap = (base) => facetMapOf(local(base));

/** A standard facet: the base facet from the model plus its own members. */
function facet(base, properties, required = [], extra = {}) {
  return { type: 'object', allOf: [model(base), obj(properties, required, extra)] };
}

// ---- the event model -----------------------------------------------------------------------
const baseFacetProps = { _producer: str('uri'), _schemaURL: str('uri') };
const deletable = { type: 'object', properties: { _deleted: bool() } };

export const modelSchema = {
  $schema: DRAFT,
  $id: MODEL_ID,
  $defs: {
    BaseEvent: obj({ eventTime: str('date-time'), producer: str('uri'), schemaURL: str('uri') }, ['eventTime', 'producer', 'schemaURL']),
    RunEvent: {
      allOf: [
        local('BaseEvent'),
        obj(
          {
            eventType: oneOfStrings('START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER'),
            run: local('Run'),
            job: local('Job'),
            inputs: arr(local('InputDataset')),
            outputs: arr(local('OutputDataset')),
          },
          ['run', 'job'],
        ),
      ],
    },
    DatasetEvent: {
      allOf: [local('BaseEvent'), obj({ dataset: local('StaticDataset') }, ['dataset'], { not: { required: ['job', 'run'] } })],
    },
    JobEvent: {
      allOf: [
        local('BaseEvent'),
        obj({ job: local('Job'), inputs: arr(local('InputDataset')), outputs: arr(local('OutputDataset')) }, ['job'], {
          not: { required: ['run'] },
        }),
      ],
    },
    Run: obj({ runId: str('uuid'), facets: localFacetMap('RunFacet') }, ['runId']),
    Job: obj({ namespace: str(), name: str(), facets: localFacetMap('JobFacet') }, ['namespace', 'name']),
    Dataset: obj({ namespace: str(), name: str(), facets: localFacetMap('DatasetFacet') }, ['namespace', 'name']),
    StaticDataset: { type: 'object', allOf: [local('Dataset')] },
    InputDataset: { type: 'object', allOf: [local('Dataset'), obj({ inputFacets: localFacetMap('InputDatasetFacet') })] },
    OutputDataset: { type: 'object', allOf: [local('Dataset'), obj({ outputFacets: localFacetMap('OutputDatasetFacet') })] },
    BaseFacet: obj(baseFacetProps, ['_producer', '_schemaURL'], open),
    RunFacet: { type: 'object', allOf: [local('BaseFacet')] },
    JobFacet: { type: 'object', allOf: [local('BaseFacet'), deletable] },
    DatasetFacet: { type: 'object', allOf: [local('BaseFacet'), deletable] },
    InputDatasetFacet: { type: 'object', allOf: [local('BaseFacet')] },
    OutputDatasetFacet: { type: 'object', allOf: [local('BaseFacet')] },
  },
  oneOf: [local('RunEvent'), local('DatasetEvent'), local('JobEvent')],
};

/** Where a facet with a given base is attached in an event. */
export const FACET_LOCATIONS = {
  RunFacet: 'run',
  JobFacet: 'job',
  DatasetFacet: 'dataset',
  InputDatasetFacet: 'inputDataset',
  OutputDatasetFacet: 'outputDataset',
};

// ---- standard facets -----------------------------------------------------------------------
/**
 * One entry per facet schema file: `defs` are its `$defs`; `facets` lists the definitions that
 * are facets (extend a base facet) with the key they are attached under in events.
 */
function file(name, version, facets, defs) {
  return { name, version, id: `${FACETS_BASE}/${version}/${name}.json`, facets, defs };
}

const ownershipProps = { owners: arr(obj({ name: str(), type: str() }, ['name'])) };
const statisticsProps = { rowCount: int(), size: int(), fileCount: int() };
const qualityMetricsProps = {
  rowCount: int(),
  bytes: int(),
  fileCount: int(),
  lastUpdated: str('date-time'),
  columnMetrics: map(
    obj({
      nullCount: int(),
      distinctCount: int(),
      sum: num(),
      count: num(),
      min: num(),
      max: num(),
      quantiles: map(num()),
    }),
  ),
};
const tagFields = { key: str(), value: str(), source: str() };
const documentationProps = { description: str(), contentType: str() };
const lineageTransformation = obj({ type: str(), subtype: str(), description: str(), masking: bool() }, ['type']);
const namePair = { dependentRequired: { namespace: ['name'], name: ['namespace'] } };

export const facetFiles = [
  file('BaseSubsetDatasetFacet', '1-0-0', { InputSubsetInputDatasetFacet: 'subset', OutputSubsetOutputDatasetFacet: 'subset' }, {
    InputSubsetInputDatasetFacet: facet('InputDatasetFacet', { inputCondition: local('BaseSubsetCondition') }, ['inputCondition']),
    OutputSubsetOutputDatasetFacet: facet('OutputDatasetFacet', { outputCondition: local('BaseSubsetCondition') }, ['outputCondition']),
    BaseSubsetCondition: {
      type: 'object',
      oneOf: [local('LocationSubsetCondition'), local('PartitionSubsetCondition'), local('BinarySubsetCondition'), local('CompareSubsetCondition')],
    },
    LocationSubsetCondition: obj({ type: literal('location'), locations: arr(str()) }, ['locations', 'type']),
    PartitionSubsetCondition: obj(
      { type: literal('partition'), partitions: arr(obj({ identifier: str(), dimensions: map() }, ['dimensions'])) },
      ['partitions', 'type'],
    ),
    BinarySubsetCondition: obj(
      { left: local('BaseSubsetCondition'), right: local('BaseSubsetCondition'), type: literal('binary'), operator: str() },
      ['left', 'right', 'operator', 'type'],
    ),
    CompareSubsetCondition: obj(
      {
        type: literal('compare'),
        left: { oneOf: [local('FieldBaseCompareExpression'), local('LiteralCompareExpression')] },
        right: { oneOf: [local('FieldBaseCompareExpression'), local('LiteralCompareExpression')] },
        comparison: str(),
      },
      ['left', 'right', 'comparison', 'type'],
    ),
    FieldBaseCompareExpression: obj({ type: literal('field'), field: str() }, ['field', 'type']),
    LiteralCompareExpression: obj({ type: literal('literal'), value: str() }, ['value', 'type']),
  }),
  file('CatalogDatasetFacet', '1-1-0', { CatalogDatasetFacet: 'catalog' }, {
    CatalogDatasetFacet: facet(
      'DatasetFacet',
      {
        framework: str(),
        type: str(),
        name: str(),
        metadataUri: str(),
        warehouseUri: str(),
        source: str(),
        catalogProperties: map(str()),
      },
      ['framework', 'type', 'name'],
    ),
  }),
  file('ColumnLineageDatasetFacet', '1-2-0', { ColumnLineageDatasetFacet: 'columnLineage' }, {
    ColumnLineageDatasetFacet: facet(
      'DatasetFacet',
      {
        fields: map(
          obj(
            {
              inputFields: arr(local('InputField')),
              transformationDescription: { type: 'string', deprecated: true },
              transformationType: { type: 'string', deprecated: true },
            },
            ['inputFields'],
            open,
          ),
        ),
        dataset: arr(local('InputField')),
      },
      ['fields'],
      open,
    ),
    InputField: obj(
      { namespace: str(), name: str(), field: str(), transformations: arr(obj({ type: str(), subtype: str(), description: str(), masking: bool() }, ['type'], open)) },
      ['namespace', 'name', 'field'],
      open,
    ),
  }),
  file('DataQualityAssertionsDatasetFacet', '1-1-0', { DataQualityAssertionsDatasetFacet: 'dataQualityAssertions' }, {
    DataQualityAssertionsDatasetFacet: facet(
      'InputDatasetFacet',
      {
        assertions: arr(
          obj(
            {
              assertion: str(),
              success: bool(),
              column: str(),
              severity: str(),
              name: str(),
              description: str(),
              expected: str(),
              actual: str(),
              content: str(),
              contentType: str(),
              params: map(),
            },
            ['assertion', 'success'],
          ),
        ),
      },
      ['assertions'],
    ),
  }),
  file('DataQualityMetricsDatasetFacet', '1-0-0', { DataQualityMetricsDatasetFacet: 'dataQualityMetrics' }, {
    DataQualityMetricsDatasetFacet: facet('DatasetFacet', qualityMetricsProps, ['columnMetrics']),
  }),
  file('DataQualityMetricsInputDatasetFacet', '1-0-3', { DataQualityMetricsInputDatasetFacet: 'dataQualityMetrics' }, {
    DataQualityMetricsInputDatasetFacet: facet('InputDatasetFacet', qualityMetricsProps, ['columnMetrics']),
  }),
  file('DatasetTypeDatasetFacet', '1-0-1', { DatasetTypeDatasetFacet: 'datasetType' }, {
    DatasetTypeDatasetFacet: facet('DatasetFacet', { datasetType: str(), subType: str() }, ['datasetType']),
  }),
  file('DatasetVersionDatasetFacet', '1-0-1', { DatasetVersionDatasetFacet: 'version' }, {
    DatasetVersionDatasetFacet: facet('DatasetFacet', { datasetVersion: str() }, ['datasetVersion'], open),
  }),
  file('DatasourceDatasetFacet', '1-0-1', { DatasourceDatasetFacet: 'dataSource' }, {
    DatasourceDatasetFacet: facet('DatasetFacet', { name: str(), uri: str('uri') }),
  }),
  file('DocumentationDatasetFacet', '1-1-0', { DocumentationDatasetFacet: 'documentation' }, {
    DocumentationDatasetFacet: facet('DatasetFacet', documentationProps, ['description']),
  }),
  file('DocumentationJobFacet', '1-1-0', { DocumentationJobFacet: 'documentation' }, {
    DocumentationJobFacet: facet('JobFacet', documentationProps, ['description']),
  }),
  file('EnvironmentVariablesRunFacet', '1-0-0', { EnvironmentVariablesRunFacet: 'environmentVariables' }, {
    EnvironmentVariable: obj({ name: str(), value: str() }, ['name', 'value']),
    EnvironmentVariablesRunFacet: facet('RunFacet', { environmentVariables: arr(local('EnvironmentVariable')) }, ['environmentVariables']),
  }),
  file('ErrorMessageRunFacet', '1-0-1', { ErrorMessageRunFacet: 'errorMessage' }, {
    ErrorMessageRunFacet: facet('RunFacet', { message: str(), programmingLanguage: str(), stackTrace: str() }, ['message', 'programmingLanguage']),
  }),
  file('ExecutionParametersRunFacet', '1-0-0', { ExecutionParametersRunFacet: 'executionParameters' }, {
    ExecutionParameter: obj({ key: str(), name: str(), description: str(), value: str() }, ['key'], { additionalProperties: false }),
    ExecutionParametersRunFacet: facet('RunFacet', { parameters: arr(local('ExecutionParameter')) }),
  }),
  file('ExternalQueryRunFacet', '1-0-2', { ExternalQueryRunFacet: 'externalQuery' }, {
    ExternalQueryRunFacet: facet('RunFacet', { externalQueryId: str(), source: str() }, ['externalQueryId', 'source']),
  }),
  file('ExtractionErrorRunFacet', '1-1-2', { ExtractionErrorRunFacet: 'extractionError' }, {
    ExtractionErrorRunFacet: facet(
      'RunFacet',
      {
        totalTasks: int(),
        failedTasks: int(),
        errors: arr(obj({ errorMessage: str(), stackTrace: str(), task: str(), taskNumber: int() }, ['errorMessage'])),
      },
      ['totalTasks', 'failedTasks', 'errors'],
    ),
  }),
  file('HierarchyDatasetFacet', '1-0-0', { HierarchyDatasetFacet: 'hierarchy' }, {
    HierarchyDatasetFacetLevel: obj({ type: str(), name: str() }, ['type', 'name']),
    HierarchyDatasetFacet: facet('DatasetFacet', { hierarchy: arr(local('HierarchyDatasetFacetLevel')) }, ['hierarchy']),
  }),
  file('InputStatisticsInputDatasetFacet', '1-0-0', { InputStatisticsInputDatasetFacet: 'inputStatistics' }, {
    InputStatisticsInputDatasetFacet: facet('InputDatasetFacet', statisticsProps),
  }),
  file('JobDependenciesRunFacet', '1-0-1', { JobDependenciesRunFacet: 'jobDependencies' }, {
    RunIdentifier: obj({ runId: str('uuid') }, ['runId']),
    JobIdentifier: obj({ namespace: str(), name: str() }, ['namespace', 'name']),
    JobDependency: obj(
      {
        job: local('JobIdentifier'),
        run: local('RunIdentifier'),
        dependency_type: str(),
        sequence_trigger_rule: str(),
        status_trigger_rule: str(),
      },
      ['job'],
      open,
    ),
    JobDependenciesRunFacet: facet('RunFacet', {
      upstream: arr(local('JobDependency')),
      downstream: arr(local('JobDependency')),
      trigger_rule: str(),
    }),
  }),
  file('JobTypeJobFacet', '2-0-4', { JobTypeJobFacet: 'jobType' }, {
    JobTypeJobFacet: facet(
      'JobFacet',
      {
        processingType: str(),
        integration: str(),
        jobType: str(),
        emissionPattern: obj({ eventTrigger: str(), eventContentMode: str(), windowDuration: int({ minimum: 1 }) }, ['eventTrigger', 'eventContentMode']),
      },
      ['processingType', 'integration'],
    ),
  }),
  file('LifecycleStateChangeDatasetFacet', '1-0-1', { LifecycleStateChangeDatasetFacet: 'lifecycleStateChange' }, {
    LifecycleStateChangeDatasetFacet: facet(
      'DatasetFacet',
      {
        lifecycleStateChange: oneOfStrings('ALTER', 'CREATE', 'DROP', 'OVERWRITE', 'RENAME', 'TRUNCATE'),
        previousIdentifier: obj({ name: str(), namespace: str() }, ['name', 'namespace']),
      },
      ['lifecycleStateChange'],
    ),
  }),
  file('LineageFacet', '1-0-0', { LineageDatasetFacet: 'lineage', LineageJobFacet: 'lineage' }, {
    LineageDatasetFacet: facet('DatasetFacet', { inputs: arr(local('LineageInput')), fields: map(local('LineageFieldEntry')) }),
    LineageJobFacet: facet('JobFacet', { entries: arr(local('LineageEntry')) }, ['entries']),
    LineageEntry: { oneOf: [local('LineageDatasetEntry'), local('LineageJobEntry')] },
    LineageDatasetEntry: obj(
      {
        namespace: str(),
        name: str(),
        type: oneOfStrings('DATASET'),
        inputs: arr(local('LineageInput')),
        fields: map(local('LineageFieldEntry')),
      },
      ['namespace', 'name', 'type'],
    ),
    LineageJobEntry: obj(
      { namespace: str(), name: str(), type: oneOfStrings('JOB'), runId: str('uuid'), inputs: arr(local('LineageInput')) },
      ['type'],
      namePair,
    ),
    LineageInput: { oneOf: [local('LineageDatasetInput'), local('LineageJobInput')] },
    LineageDatasetInput: obj(
      { namespace: str(), name: str(), type: oneOfStrings('DATASET'), field: str(), transformations: arr(local('LineageTransformation')) },
      ['namespace', 'name', 'type'],
    ),
    LineageJobInput: obj(
      { namespace: str(), name: str(), type: oneOfStrings('JOB'), runId: str('uuid'), transformations: arr(local('LineageTransformation')) },
      ['type'],
      namePair,
    ),
    LineageFieldEntry: obj({ inputs: arr(local('LineageInput')) }, ['inputs']),
    LineageTransformation: lineageTransformation,
  }),
  file('NominalTimeRunFacet', '1-0-1', { NominalTimeRunFacet: 'nominalTime' }, {
    NominalTimeRunFacet: facet('RunFacet', { nominalStartTime: str('date-time'), nominalEndTime: str('date-time') }, ['nominalStartTime']),
  }),
  file('OutputStatisticsOutputDatasetFacet', '1-0-2', { OutputStatisticsOutputDatasetFacet: 'outputStatistics' }, {
    OutputStatisticsOutputDatasetFacet: facet('OutputDatasetFacet', statisticsProps),
  }),
  file('OwnershipDatasetFacet', '1-0-1', { OwnershipDatasetFacet: 'ownership' }, {
    OwnershipDatasetFacet: facet('DatasetFacet', ownershipProps),
  }),
  file('OwnershipJobFacet', '1-0-1', { OwnershipJobFacet: 'ownership' }, {
    OwnershipJobFacet: facet('JobFacet', ownershipProps),
  }),
  file('ParentRunFacet', '1-2-0', { ParentRunFacet: 'parent' }, {
    RootRun: obj({ runId: str('uuid'), facets: facetMap('RunFacet') }, ['runId']),
    RootJob: obj({ namespace: str(), name: str(), facets: facetMap('JobFacet') }, ['namespace', 'name']),
    ParentRunFacet: facet(
      'RunFacet',
      {
        run: obj({ runId: str('uuid'), facets: facetMap('RunFacet') }, ['runId']),
        job: obj({ namespace: str(), name: str(), facets: facetMap('JobFacet') }, ['namespace', 'name']),
        root: obj({ run: local('RootRun'), job: local('RootJob') }, ['run', 'job']),
      },
      ['run', 'job'],
    ),
  }),
  file('ProcessingEngineRunFacet', '1-1-1', { ProcessingEngineRunFacet: 'processing_engine' }, {
    ProcessingEngineRunFacet: facet('RunFacet', { version: str(), name: str(), openlineageAdapterVersion: str() }, ['version']),
  }),
  file('SQLJobFacet', '1-1-0', { SQLJobFacet: 'sql' }, {
    SQLJobFacet: facet('JobFacet', { query: str(), dialect: str() }, ['query']),
  }),
  file('SchemaDatasetFacet', '1-2-0', { SchemaDatasetFacet: 'schema' }, {
    SchemaDatasetFacetFields: obj(
      { name: str(), type: str(), description: str(), ordinal_position: int(), fields: arr(local('SchemaDatasetFacetFields')) },
      ['name'],
    ),
    SchemaDatasetFacet: facet('DatasetFacet', { fields: arr(local('SchemaDatasetFacetFields')) }),
  }),
  file('SourceCodeJobFacet', '1-0-1', { SourceCodeJobFacet: 'sourceCode' }, {
    SourceCodeJobFacet: facet('JobFacet', { language: str(), sourceCode: str() }, ['language', 'sourceCode']),
  }),
  file('SourceCodeLocationJobFacet', '1-1-0', { SourceCodeLocationJobFacet: 'sourceCodeLocation' }, {
    SourceCodeLocationJobFacet: facet(
      'JobFacet',
      {
        type: str(),
        url: str('uri'),
        repoUrl: str(),
        path: str(),
        version: str(),
        tag: str(),
        branch: str(),
        pullRequestNumber: str(),
      },
      ['type', 'url'],
    ),
  }),
  file('StorageDatasetFacet', '1-0-1', { StorageDatasetFacet: 'storage' }, {
    StorageDatasetFacet: facet('DatasetFacet', { storageLayer: str(), fileFormat: str() }, ['storageLayer'], open),
  }),
  file('SymlinksDatasetFacet', '1-0-1', { SymlinksDatasetFacet: 'symlinks' }, {
    SymlinksDatasetFacet: facet('DatasetFacet', {
      identifiers: arr(obj({ namespace: str(), name: str(), type: str() }, ['namespace', 'name', 'type'])),
    }),
  }),
  file('TagsDatasetFacet', '1-0-0', { TagsDatasetFacet: 'tags' }, {
    TagsDatasetFacetFields: obj({ ...tagFields, field: str() }, ['key', 'value']),
    TagsDatasetFacet: facet('DatasetFacet', { tags: arr(local('TagsDatasetFacetFields')) }),
  }),
  file('TagsJobFacet', '1-0-0', { TagsJobFacet: 'tags' }, {
    TagsJobFacetFields: obj(tagFields, ['key', 'value']),
    TagsJobFacet: facet('JobFacet', { tags: arr(local('TagsJobFacetFields')) }),
  }),
  file('TagsRunFacet', '1-0-0', { TagsRunFacet: 'tags' }, {
    TagsRunFacetFields: obj(tagFields, ['key', 'value']),
    TagsRunFacet: facet('RunFacet', { tags: arr(local('TagsRunFacetFields')) }),
  }),
  file('TestRunFacet', '1-0-1', { TestRunFacet: 'test' }, {
    TestRunFacet: facet('RunFacet', { tests: arr(local('TestExecution')) }, ['tests']),
    TestExecution: obj(
      {
        name: str(),
        status: str(),
        severity: str(),
        type: str(),
        description: str(),
        expected: str(),
        actual: str(),
        content: str(),
        contentType: str(),
        params: map(),
      },
      ['name', 'status'],
    ),
  }),
];

/** The JSON Schema document of one facet file, shaped like the spec's (top-level key → definition). */
export function facetFileSchema(f) {
  const byKey = {};
  for (const [def, key] of Object.entries(f.facets)) (byKey[key] ??= []).push(local(def));
  const properties = Object.fromEntries(Object.entries(byKey).map(([k, refs]) => [k, refs.length === 1 ? refs[0] : { anyOf: refs }]));
  return { $schema: DRAFT, $id: f.id, $defs: f.defs, type: 'object', properties };
}
