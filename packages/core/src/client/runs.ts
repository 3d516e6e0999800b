import type { EventType, InputDataset, Job, JobFacet, OutputDataset, RunEvent, RunFacet } from '../model/event.js';
import { newRunId } from '../ids/uuid7.js';
import type { OpenLineageClient } from './client.js';
import { facets } from '../facets/standard.js';
import { runEvent } from '../model/builders.js';

export interface JobRef {
  namespace: string;
  name: string;
}

/** A run in another process (or an orchestrator) that new runs should name as their parent. */
export interface ParentRef {
  runId: string;
  job: JobRef;
  /** The top of the hierarchy; defaults to the parent itself. */
  root?: { runId: string; job: JobRef };
}

export interface RunSpec {
  /** A job name (namespace from the client's `namespace` option) or a full job. */
  job: string | (JobRef & { facets?: Record<string, JobFacet | undefined> });
  /** Defaults to a new UUIDv7. */
  runId?: string;
  inputs?: InputDataset[];
  outputs?: OutputDataset[];
  /** Run facets sent with every event of this run. */
  facets?: Record<string, RunFacet | undefined>;
  parent?: RunHandle | ParentRef;
}

/** What a later event of the run may add or replace. */
export interface RunUpdate {
  inputs?: InputDataset[];
  outputs?: OutputDataset[];
  facets?: Record<string, RunFacet | undefined>;
  jobFacets?: Record<string, JobFacet | undefined>;
}

/**
 * One run of a job: START on creation, then RUNNING / COMPLETE / FAIL / ABORT. Child runs carry a
 * `parent` facet naming this run and the root of the hierarchy, as orchestrators (Airflow DAG → task) do.
 */
export class RunHandle {
  readonly runId: string;
  readonly job: Job;
  readonly parent: ParentRef | undefined;
  private readonly spec: RunSpec;
  private readonly client: OpenLineageClient;
  private state: 'new' | 'started' | 'finished' = 'new';

  constructor(client: OpenLineageClient, spec: RunSpec) {
    this.client = client;
    this.spec = spec;
    this.runId = spec.runId ?? newRunId();
    const job = typeof spec.job === 'string' ? { namespace: client.namespace, name: spec.job } : spec.job;
    this.job = { namespace: job.namespace, name: job.name, ...(job.facets !== undefined ? { facets: job.facets } : {}) };
    this.parent = spec.parent instanceof RunHandle ? spec.parent.ref() : spec.parent;
  }

  get finished(): boolean {
    return this.state === 'finished';
  }

  /** This run as a parent reference (to hand to a child process, for example). */
  ref(): ParentRef {
    const root = this.parent?.root ?? (this.parent !== undefined ? { runId: this.parent.runId, job: this.parent.job } : undefined);
    return {
      runId: this.runId,
      job: { namespace: this.job.namespace, name: this.job.name },
      root: root ?? { runId: this.runId, job: { namespace: this.job.namespace, name: this.job.name } },
    };
  }

  /** Emits START (called by `client.startRun`). */
  async start(update: RunUpdate = {}): Promise<void> {
    this.state = 'started';
    await this.emit('START', update);
  }

  running(update: RunUpdate = {}): Promise<void> {
    return this.emit('RUNNING', update);
  }

  async complete(update: RunUpdate = {}): Promise<void> {
    this.state = 'finished';
    await this.emit('COMPLETE', update);
  }

  /** Emits FAIL with an `errorMessage` facet (message, language, stack trace). */
  async fail(error: unknown, update: RunUpdate = {}): Promise<void> {
    this.state = 'finished';
    const message = error instanceof Error ? error.message : String(error);
    const stackTrace = error instanceof Error ? error.stack : undefined;
    const errorMessage = facets.errorMessageRun(
      { message, programmingLanguage: 'JavaScript', ...(stackTrace !== undefined ? { stackTrace } : {}) },
      { producer: this.client.producer },
    );
    await this.emit('FAIL', { ...update, facets: { errorMessage, ...update.facets } });
  }

  async abort(update: RunUpdate = {}): Promise<void> {
    this.state = 'finished';
    await this.emit('ABORT', update);
  }

  /** Starts a child run whose `parent` facet names this run. */
  child(spec: Omit<RunSpec, 'parent'>): Promise<RunHandle> {
    const job = typeof spec.job === 'string' ? { namespace: this.job.namespace, name: spec.job } : spec.job;
    return this.client.startRun({ ...spec, job, parent: this });
  }

  /** The event this run would emit for `eventType` (what `start`, `complete`… send). */
  event(eventType: EventType, update: RunUpdate = {}): RunEvent {
    const runFacets: Record<string, RunFacet | undefined> = { ...this.spec.facets };
    if (this.parent !== undefined) runFacets.parent = parentFacet(this.parent, this.client.producer);
    Object.assign(runFacets, update.facets);
    const jobFacets = { ...this.job.facets, ...update.jobFacets };
    const inputs = update.inputs ?? this.spec.inputs;
    const outputs = update.outputs ?? this.spec.outputs;
    return runEvent({
      eventType,
      producer: this.client.producer,
      run: { runId: this.runId, facets: runFacets },
      job: { namespace: this.job.namespace, name: this.job.name, facets: jobFacets },
      inputs: inputs ?? [],
      outputs: outputs ?? [],
    });
  }

  private emit(eventType: EventType, update: RunUpdate): Promise<void> {
    return this.client.emit(this.event(eventType, update));
  }
}

function parentFacet(parent: ParentRef, producer: string): RunFacet {
  const root = parent.root ?? { runId: parent.runId, job: parent.job };
  return facets.parentRun(
    {
      run: { runId: parent.runId },
      job: { namespace: parent.job.namespace, name: parent.job.name },
      root: { run: { runId: root.runId }, job: { namespace: root.job.namespace, name: root.job.name } },
    },
    { producer },
  );
}
