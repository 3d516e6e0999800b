import { defaultLogger, type Logger } from '@ol/core';
import { isPlainObject } from '@ol/core/internal';
import { runExtractor, toExtractor, type Extractor, type ExtractorDefinition } from './extractors.js';
import { importExport, splitSpecifiers } from './load-module.js';
import { collectRunFacets, type RunFacetProvider, type TaskState } from './run-facet-providers.js';
import { taskTypeOf, type LineagePhase, type Task, type TaskLineage } from './task-lineage.js';

/** Which rule produced a task's lineage, highest precedence first. */
export type LineageSource = 'extractor' | 'methods' | 'declared' | 'none';

export interface ResolvedLineage {
  lineage: TaskLineage;
  source: LineageSource;
}

export interface LoadOptions {
  /** Directory relative specifiers resolve against. */
  baseDir: string;
  /** Per key path (e.g. `['integration', 'extractors']`): its YAML file's directory, else the working directory; wins over `baseDir`. */
  baseDirOf?(path: readonly string[]): string;
}

export interface LoadReport {
  loaded: string[];
  failed: { specifier: string; reason: string }[];
}

/**
 * Extractors and custom run facet providers, registered in code or loaded from config
 * (`integration.extractors` / `integration.custom_run_facets`, `;`-separated module specifiers).
 */
export class LineageRegistry {
  private readonly extractors = new Map<string, Extractor>();
  private readonly providers: RunFacetProvider[] = [];
  private readonly reported = new Set<string>();
  readonly logger: Logger;

  constructor(options: { logger?: Logger } = {}) {
    this.logger = options.logger ?? defaultLogger();
  }

  registerExtractor<T>(extractor: Extractor<T> | ExtractorDefinition<T>): this {
    const e = toExtractor(extractor);
    if (!e) throw new TypeError('registerExtractor: expected an extractor (defineExtractor({ taskTypes, extract }))');
    // A later registration for the same type replaces the earlier one, as user extractors override defaults.
    for (const type of e.taskTypes) this.extractors.set(type, e);
    return this;
  }

  registerRunFacetProvider<T>(provider: RunFacetProvider<T>): this {
    if (typeof provider !== 'function') throw new TypeError('registerRunFacetProvider: expected a function (task, state) => facets');
    if (!this.providers.includes(provider as RunFacetProvider)) this.providers.push(provider as RunFacetProvider);
    return this;
  }

  extractorFor(task: object): Extractor | undefined {
    const type = taskTypeOf(task);
    return type === undefined ? undefined : this.extractors.get(type);
  }

  /**
   * Loads the modules named in an `integration` config section. A module may export an
   * extractor, a run facet provider function, or a list of them. A specifier that cannot be
   * imported is reported once with the reason; the others still load.
   */
  async loadFromConfig(integration: unknown, options: LoadOptions): Promise<LoadReport> {
    const report: LoadReport = { loaded: [], failed: [] };
    if (!isPlainObject(integration)) return report;
    const pick = (...names: string[]): [string[], string] => {
      const key = names.find((n) => integration[n] !== undefined) ?? names[0]!;
      return [splitSpecifiers(integration[key]), options.baseDirOf?.(['integration', key]) ?? options.baseDir];
    };
    const groups: [[string[], string], 'extractor' | 'provider'][] = [
      [pick('extractors'), 'extractor'],
      [pick('custom_run_facets', 'customRunFacets', 'customrunfacets'), 'provider'],
    ];
    for (const [[specifiers, baseDir], kind] of groups) {
      for (const specifier of specifiers) {
        try {
          const exported = await importExport(specifier, baseDir);
          for (const item of Array.isArray(exported) ? (exported as unknown[]) : [exported]) this.registerLoaded(item, kind, specifier);
          report.loaded.push(specifier);
        } catch (err) {
          const reason = (err as Error).message;
          report.failed.push({ specifier, reason });
          if (!this.reported.has(specifier)) {
            this.reported.add(specifier);
            this.logger.error(`could not load ${kind === 'extractor' ? 'extractor' : 'custom run facet provider'} "${specifier}": ${reason}`);
          }
        }
      }
    }
    return report;
  }

  private registerLoaded(item: unknown, kind: 'extractor' | 'provider', specifier: string): void {
    if (kind === 'provider') {
      if (typeof item !== 'function') throw new Error(`${specifier} does not export a function (task, state) => facets`);
      this.registerRunFacetProvider(item as RunFacetProvider);
      return;
    }
    const extractor = toExtractor(item);
    if (!extractor) throw new Error(`${specifier} does not export an extractor (defineExtractor({ taskTypes, extract }))`);
    this.registerExtractor(extractor);
  }

  /**
   * The task's lineage for a phase, by the seed's precedence: a registered extractor for the
   * task's type > the task's lineage methods > its declared inlets/outlets > none.
   */
  async resolveLineage(task: Task, phase: LineagePhase, outcome?: unknown): Promise<ResolvedLineage> {
    const extractor = this.extractorFor(task);
    if (extractor) return { lineage: (await runExtractor(extractor, task, phase, outcome)) ?? {}, source: 'extractor' };
    if (typeof task.getLineageOnStart === 'function' || typeof task.getLineageOnComplete === 'function') {
      return { lineage: (await callLineageMethod(task, phase, outcome)) ?? {}, source: 'methods' };
    }
    if (task.inlets !== undefined || task.outlets !== undefined) {
      return { lineage: { inputs: task.inlets ?? [], outputs: task.outlets ?? [] }, source: 'declared' };
    }
    return { lineage: {}, source: 'none' };
  }

  runFacets(task: unknown, state: TaskState): ReturnType<typeof collectRunFacets> {
    return collectRunFacets(this.providers, task, state, this.logger);
  }
}

/** The seed's fallbacks between the three lineage methods. */
function callLineageMethod(task: Task, phase: LineagePhase, outcome: unknown): Promise<TaskLineage | undefined> | TaskLineage | undefined {
  if (phase === 'failure' && task.getLineageOnFailure) return task.getLineageOnFailure(outcome);
  if (phase !== 'start' && task.getLineageOnComplete) return task.getLineageOnComplete(outcome);
  if (task.getLineageOnStart) return task.getLineageOnStart();
  return undefined;
}
