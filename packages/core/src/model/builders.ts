import { newRunId } from '../ids/uuid7.js';
import { isDateTime } from '../validation/formats.js';
import { DEFAULT_PRODUCER } from '../version.js';
import {
  EVENT_TYPES,
  SPEC_URL,
  type DatasetEvent,
  type DatasetFacet,
  type EventType,
  type Facets,
  type InputDataset,
  type InputDatasetFacet,
  type Job,
  type JobEvent,
  type JobFacet,
  type OutputDataset,
  type OutputDatasetFacet,
  type Run,
  type RunEvent,
  type RunFacet,
  type StaticDataset,
} from './event.js';

export const RUN_EVENT_SCHEMA_URL = `${SPEC_URL}#/$defs/RunEvent`;
export const JOB_EVENT_SCHEMA_URL = `${SPEC_URL}#/$defs/JobEvent`;
export const DATASET_EVENT_SCHEMA_URL = `${SPEC_URL}#/$defs/DatasetEvent`;

/** When it happened: a Date, epoch milliseconds, or an RFC 3339 string with a time zone. */
export type EventTimeInput = Date | number | string;

export interface CommonEventOptions {
  /** Defaults to now. Dates and numbers are written as UTC (`…Z`). */
  eventTime?: EventTimeInput;
  /** URI of the producer; defaults to this client (`DEFAULT_PRODUCER`). */
  producer?: string;
}

/** The last "now" formatted, reused within the same millisecond (toISOString is most of what building an event costs). */
let lastNow = NaN;
let lastNowText = '';

/** RFC 3339 in UTC for Dates and epoch ms; strings are kept as given once checked. */
export function formatEventTime(time?: EventTimeInput): string {
  if (time === undefined) {
    const now = Date.now();
    if (now !== lastNow) {
      lastNowText = new Date(now).toISOString();
      lastNow = now;
    }
    return lastNowText;
  }
  if (typeof time === 'string') {
    if (!isDateTime(time)) throw new TypeError(`eventTime must be an RFC 3339 date-time with a time zone, got ${JSON.stringify(time)}`);
    return time;
  }
  const d = typeof time === 'number' ? new Date(time) : time;
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new TypeError(`eventTime must be a valid Date, epoch milliseconds or RFC 3339 string`);
  return d.toISOString();
}

function requireText(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`${what} must be a non-empty string, got ${JSON.stringify(value)}`);
}

/** A job or dataset must have a non-empty namespace and name. */
function requireNamed(value: { namespace?: unknown; name?: unknown } | undefined, what: 'job' | 'dataset'): void {
  requireText(value?.namespace, `${what}.namespace`);
  requireText(value?.name, `${what}.name`);
}

/** The members every event kind starts with (BaseEvent). */
function baseEvent(input: CommonEventOptions, schemaURL: string): { eventTime: string; producer: string; schemaURL: string } {
  return { eventTime: formatEventTime(input.eventTime), producer: input.producer ?? DEFAULT_PRODUCER, schemaURL };
}

export interface RunEventInput extends CommonEventOptions {
  eventType: EventType;
  /** The run; a new UUIDv7 run id when omitted. */
  run?: Run;
  job: Job;
  inputs?: InputDataset[];
  outputs?: OutputDataset[];
}

/** A RunEvent with `eventTime`, `producer` and `schemaURL` filled in. Inputs are not modified. */
export function runEvent(input: RunEventInput): RunEvent {
  if (!EVENT_TYPES.includes(input.eventType)) throw new TypeError(`eventType must be one of ${EVENT_TYPES.join(', ')}, got ${JSON.stringify(input.eventType)}`);
  requireNamed(input.job, 'job');
  // One literal (no spread of baseEvent): this runs once per event, and the spread made it several times slower.
  return {
    eventTime: formatEventTime(input.eventTime),
    producer: input.producer ?? DEFAULT_PRODUCER,
    schemaURL: RUN_EVENT_SCHEMA_URL,
    eventType: input.eventType,
    run: input.run ?? { runId: newRunId() },
    job: input.job,
    inputs: input.inputs ?? [],
    outputs: input.outputs ?? [],
  };
}

export interface JobEventInput extends CommonEventOptions {
  job: Job;
  inputs?: InputDataset[];
  outputs?: OutputDataset[];
}

/** A JobEvent (job metadata outside any run). */
export function jobEvent(input: JobEventInput): JobEvent {
  requireNamed(input.job, 'job');
  return {
    ...baseEvent(input, JOB_EVENT_SCHEMA_URL),
    job: input.job,
    inputs: input.inputs ?? [],
    outputs: input.outputs ?? [],
  };
}

export interface DatasetEventInput extends CommonEventOptions {
  dataset: StaticDataset;
}

/** A DatasetEvent (dataset metadata outside any run). */
export function datasetEvent(input: DatasetEventInput): DatasetEvent {
  requireNamed(input.dataset, 'dataset');
  return {
    ...baseEvent(input, DATASET_EVENT_SCHEMA_URL),
    dataset: input.dataset,
  };
}

const withFacets = <T extends object, F>(obj: T, key: string, facets: Facets<F> | undefined): T => (facets === undefined ? obj : { ...obj, [key]: facets });

/** `{ runId, facets }`; a new UUIDv7 when `runId` is omitted. */
export function createRun(runId: string = newRunId(), facets?: Facets<RunFacet>): Run {
  return withFacets({ runId }, 'facets', facets);
}

/** `{ namespace, name, facets }` of a job. */
export function createJob(namespace: string, name: string, facets?: Facets<JobFacet>): Job {
  requireText(namespace, 'job namespace');
  requireText(name, 'job name');
  return withFacets({ namespace, name }, 'facets', facets);
}

export interface DatasetParts {
  namespace: string;
  name: string;
}

/** A dataset; `id` may be a `naming.*` result (`{ namespace, name }`). */
export function createDataset(id: DatasetParts, facets?: Facets<DatasetFacet>): StaticDataset {
  requireText(id.namespace, 'dataset namespace');
  requireText(id.name, 'dataset name');
  return withFacets({ namespace: id.namespace, name: id.name }, 'facets', facets);
}

export function createInputDataset(id: DatasetParts, facets?: Facets<DatasetFacet>, inputFacets?: Facets<InputDatasetFacet>): InputDataset {
  return withFacets(createDataset(id, facets), 'inputFacets', inputFacets);
}

export function createOutputDataset(id: DatasetParts, facets?: Facets<DatasetFacet>, outputFacets?: Facets<OutputDatasetFacet>): OutputDataset {
  return withFacets(createDataset(id, facets), 'outputFacets', outputFacets);
}
