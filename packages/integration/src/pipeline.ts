import { type OpenLineageClient, RunHandle, type RunUpdate } from '@ol/core';
import { LineageRegistry } from './lineage-registry.js';
import type { TaskState } from './run-facet-providers.js';
import type { LineagePhase, Task, TaskLineage } from './task-lineage.js';

export interface PipelineSpec {
  namespace: string;
  name: string;
  /** Extractors and run facet providers to use (default: an empty registry). */
  registry?: LineageRegistry;
  /** Extra facets for the pipeline's own run. */
  runFacets?: RunUpdate['facets'];
}

/**
 * A pipeline run (an Airflow DAG run, a job runner's run): it emits its own START first,
 * each task's START/COMPLETE/FAIL with `parent` and `root` facets pointing at it, and its own
 * COMPLETE — or FAIL when any task failed — last.
 */
export class PipelineRun {
  private failure: unknown;
  private failed = false;
  private finished = false;

  constructor(
    readonly client: OpenLineageClient,
    readonly run: RunHandle,
    readonly registry: LineageRegistry,
  ) {}

  /** Runs `fn` as the task, with its events; returns its result or rethrows its error after FAIL. */
  async task<T>(task: Task, fn: () => T | Promise<T>): Promise<T> {
    // A disabled client costs the task nothing: no lineage methods, extractors or providers run.
    if (this.client.disabled) return fn();
    const start = await this.lineageUpdate(task, 'start', 'START');
    // START-time lineage goes on START only; COMPLETE/FAIL carry their own (inputs/outputs fall back to START's).
    const child = new RunHandle(this.client, {
      job: { namespace: this.run.job.namespace, name: `${this.run.job.name}.${task.name}` },
      parent: this.run,
      ...pick(start, 'inputs', 'outputs'),
    });
    await child.start(start);
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      this.failed = true;
      this.failure ??= error;
      await child.fail(error, await this.lineageUpdate(task, 'failure', 'FAIL', error));
      throw error;
    }
    await child.complete(await this.lineageUpdate(task, 'complete', 'COMPLETE', result));
    return result;
  }

  /** Emits the pipeline's COMPLETE, or FAIL when a task failed (or `error` is given). Idempotent. */
  async finish(error?: unknown): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (error !== undefined || this.failed) await this.run.fail(error ?? this.failure);
    else await this.run.complete();
  }

  /** Runs the whole pipeline body, then finishes it; rethrows a task's (or the body's) error after FAIL. */
  async execute<T>(body: (pipeline: PipelineRun) => T | Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await body(this);
    } catch (error) {
      await this.finish(error);
      throw error;
    }
    await this.finish();
    if (this.failed) throw this.failure;
    return result;
  }

  private async lineageUpdate(task: Task, phase: LineagePhase, state: TaskState, outcome?: unknown): Promise<RunUpdate> {
    let lineage: TaskLineage = {};
    try {
      lineage = (await this.registry.resolveLineage(task, phase, outcome)).lineage;
    } catch (error) {
      // Lineage must never break the task it describes.
      this.client.logger.error(`lineage extraction for task ${task.name} (${phase}) failed; the event goes without it: ${(error as Error).message}`);
    }
    const providerFacets = await this.registry.runFacets(task, state);
    const facets = { ...lineage.runFacets, ...providerFacets };
    return {
      ...(lineage.inputs !== undefined ? { inputs: lineage.inputs } : {}),
      ...(lineage.outputs !== undefined ? { outputs: lineage.outputs } : {}),
      ...(Object.keys(facets).length > 0 ? { facets } : {}),
      ...(lineage.jobFacets !== undefined ? { jobFacets: lineage.jobFacets } : {}),
    };
  }
}

/**
 * Starts a pipeline run (emits its START) whose tasks become child runs. Without an explicit
 * `registry`, the extractors and run facet providers named in the client's config
 * (`integration.extractors`, `integration.custom_run_facets`, or their `OPENLINEAGE__INTEGRATION__*`
 * variables) are used, loaded once per client.
 */
export async function instrumentPipeline(client: OpenLineageClient, spec: PipelineSpec): Promise<PipelineRun> {
  const registry = spec.registry ?? (await configuredRegistry(client));
  const run = await client.startRun({ job: { namespace: spec.namespace, name: spec.name }, ...(spec.runFacets ? { facets: spec.runFacets } : {}) });
  return new PipelineRun(client, run, registry);
}

const registries = new WeakMap<OpenLineageClient, Promise<LineageRegistry>>();

/** The registry the client's config describes; every pipeline of one client shares it (each bad specifier is reported once). */
export function configuredRegistry(client: OpenLineageClient): Promise<LineageRegistry> {
  let registry = registries.get(client);
  if (registry === undefined) {
    registry = loadConfigured(client);
    registries.set(client, registry);
  }
  return registry;
}

async function loadConfigured(client: OpenLineageClient): Promise<LineageRegistry> {
  const registry = new LineageRegistry({ logger: client.logger });
  const resolved = client.resolved;
  // A disabled client runs no lineage code, so it loads none either.
  if (resolved === undefined || client.disabled) return registry;
  await registry.loadFromConfig(resolved.config.integration, { baseDir: resolved.baseDir, ...(resolved.baseDirOf ? { baseDirOf: resolved.baseDirOf } : {}) });
  return registry;
}

function pick<T extends object, K extends keyof T>(source: T, ...keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k];
  return out;
}
