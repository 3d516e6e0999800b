import type { InputDataset, JobFacet, OutputDataset, RunFacet } from '@ol/core';

/** What a task contributes to its events (the Airflow provider's `OperatorLineage`). */
export interface TaskLineage {
  inputs?: InputDataset[];
  outputs?: OutputDataset[];
  runFacets?: Record<string, RunFacet>;
  jobFacets?: Record<string, JobFacet>;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * A task that knows its own lineage. All three methods are optional, with the seed's fallbacks:
 * no `getLineageOnFailure` → `getLineageOnComplete`; neither → `getLineageOnStart` (called at
 * start and at the end); no `getLineageOnStart` → the START event carries no lineage.
 */
export interface LineageAwareTask {
  getLineageOnStart?(): MaybePromise<TaskLineage | undefined>;
  getLineageOnComplete?(result: unknown): MaybePromise<TaskLineage | undefined>;
  getLineageOnFailure?(error: unknown): MaybePromise<TaskLineage | undefined>;
}

/** A task that only declares its datasets (Airflow's inlets and outlets). */
export interface DeclaredLineageTask {
  inlets?: InputDataset[];
  outlets?: OutputDataset[];
}

/** Anything a pipeline runs. `taskType` selects an extractor; it defaults to the constructor's name. */
export interface Task extends LineageAwareTask, DeclaredLineageTask {
  /** Name of the task; the job is named `<pipeline>.<name>`. */
  name: string;
  taskType?: string;
}

export type LineagePhase = 'start' | 'complete' | 'failure';

export function emptyLineage(): TaskLineage {
  return { inputs: [], outputs: [], runFacets: {}, jobFacets: {} };
}

/** The type an extractor is looked up by: `taskType`, else the class name of a class instance. */
export function taskTypeOf(task: object): string | undefined {
  const explicit = (task as { taskType?: unknown }).taskType;
  if (typeof explicit === 'string' && explicit !== '') return explicit;
  const ctor = (task as { constructor?: { name?: string } }).constructor;
  return ctor && ctor !== Object && ctor.name ? ctor.name : undefined;
}
