/** The OpenLineage 2-0-2 object model as plain TypeScript types. */

export const SPEC_VERSION = '2-0-2';
export const SPEC_URL = `https://openlineage.io/spec/${SPEC_VERSION}/OpenLineage.json`;

export type EventType = 'START' | 'RUNNING' | 'COMPLETE' | 'ABORT' | 'FAIL' | 'OTHER';
export const EVENT_TYPES: readonly EventType[] = ['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER'];

/** Every facet carries who produced it and the schema it follows. */
export interface BaseFacet {
  _producer: string;
  _schemaURL: string;
  [key: string]: unknown;
}

/** Job and dataset facets may be marked deleted. */
export interface DeletableFacet extends BaseFacet {
  _deleted?: boolean;
}

export type RunFacet = BaseFacet;
export type JobFacet = DeletableFacet;
export type DatasetFacet = DeletableFacet;
export type InputDatasetFacet = BaseFacet;
export type OutputDatasetFacet = BaseFacet;

export type Facets<F> = Record<string, F | undefined>;

export interface Run {
  runId: string;
  facets?: Facets<RunFacet>;
}

export interface Job {
  namespace: string;
  name: string;
  facets?: Facets<JobFacet>;
}

export interface Dataset {
  namespace: string;
  name: string;
  facets?: Facets<DatasetFacet>;
}

export interface InputDataset extends Dataset {
  inputFacets?: Facets<InputDatasetFacet>;
}

export interface OutputDataset extends Dataset {
  outputFacets?: Facets<OutputDatasetFacet>;
}

export type StaticDataset = Dataset;

export interface BaseEvent {
  /** RFC 3339 date-time with offset. */
  eventTime: string;
  /** URI identifying the producer. */
  producer: string;
  /** URL of the event definition this event follows. */
  schemaURL: string;
}

export interface RunEvent extends BaseEvent {
  eventType?: EventType;
  run: Run;
  job: Job;
  inputs?: InputDataset[];
  outputs?: OutputDataset[];
}

export interface JobEvent extends BaseEvent {
  job: Job;
  inputs?: InputDataset[];
  outputs?: OutputDataset[];
}

export interface DatasetEvent extends BaseEvent {
  dataset: StaticDataset;
}

export type OpenLineageEvent = RunEvent | JobEvent | DatasetEvent;

export type EventKind = 'RunEvent' | 'JobEvent' | 'DatasetEvent';

/** Classifies by shape, as the spec's `not: required` rules do (a run makes a RunEvent, a dataset a DatasetEvent). */
export function eventKind(event: OpenLineageEvent): EventKind {
  if ('run' in event && event.run !== undefined) return 'RunEvent';
  if ('dataset' in event && event.dataset !== undefined) return 'DatasetEvent';
  return 'JobEvent';
}

export function isRunEvent(event: OpenLineageEvent): event is RunEvent {
  return eventKind(event) === 'RunEvent';
}

export function isJobEvent(event: OpenLineageEvent): event is JobEvent {
  return eventKind(event) === 'JobEvent';
}

export function isDatasetEvent(event: OpenLineageEvent): event is DatasetEvent {
  return eventKind(event) === 'DatasetEvent';
}

/** Cheap structural check used by `emit` before anything else (full validation is `validateEvent`). */
export function looksLikeEvent(value: unknown): value is OpenLineageEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const isObj = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
  return typeof v.eventTime === 'string' && ((isObj(v.run) && isObj(v.job)) || isObj(v.job) || isObj(v.dataset));
}
