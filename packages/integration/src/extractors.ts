import type { LineagePhase, TaskLineage } from './task-lineage.js';

type MaybePromise<T> = T | Promise<T>;

export interface ExtractorDefinition<T = unknown> {
  /** Task types (class names or `taskType` values) this extractor handles. */
  taskTypes: readonly string[];
  /** Lineage known before the task runs; also the fallback for the other two. */
  extract(task: T): MaybePromise<TaskLineage | undefined>;
  extractOnComplete?(task: T, result: unknown): MaybePromise<TaskLineage | undefined>;
  extractOnFailure?(task: T, error: unknown): MaybePromise<TaskLineage | undefined>;
}

/** An extractor with the seed's default chain filled in: on-failure → on-complete → extract. */
export interface Extractor<T = unknown> {
  readonly taskTypes: readonly string[];
  extract(task: T): Promise<TaskLineage | undefined>;
  extractOnComplete(task: T, result: unknown): Promise<TaskLineage | undefined>;
  extractOnFailure(task: T, error: unknown): Promise<TaskLineage | undefined>;
}

const EXTRACTOR = Symbol.for('@ol/integration.extractor');

export function defineExtractor<T = unknown>(definition: ExtractorDefinition<T>): Extractor<T> {
  if (!Array.isArray(definition.taskTypes) || definition.taskTypes.length === 0 || definition.taskTypes.some((t) => typeof t !== 'string' || t === '')) {
    throw new TypeError('defineExtractor: taskTypes must be a non-empty list of task type names');
  }
  if (typeof definition.extract !== 'function') throw new TypeError('defineExtractor: extract(task) is required');
  const extractor: Extractor<T> = {
    taskTypes: [...(definition.taskTypes as readonly string[])],
    extract: async (task) => definition.extract(task),
    extractOnComplete: async (task, result) => (definition.extractOnComplete ? definition.extractOnComplete(task, result) : extractor.extract(task)),
    extractOnFailure: async (task, error) =>
      definition.extractOnFailure ? definition.extractOnFailure(task, error) : extractor.extractOnComplete(task, error),
  };
  Object.defineProperty(extractor, EXTRACTOR, { value: true });
  return extractor;
}

export function isExtractor(value: unknown): value is Extractor {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[EXTRACTOR] === true;
}

/** Accepts what a module may export: a defined extractor, or a plain definition object. */
export function toExtractor(value: unknown): Extractor | undefined {
  if (isExtractor(value)) return value;
  if (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as ExtractorDefinition).taskTypes) &&
    typeof (value as ExtractorDefinition).extract === 'function'
  ) {
    return defineExtractor(value as ExtractorDefinition);
  }
  return undefined;
}

export function runExtractor(extractor: Extractor, task: unknown, phase: LineagePhase, outcome: unknown): Promise<TaskLineage | undefined> {
  switch (phase) {
    case 'start':
      return extractor.extract(task);
    case 'complete':
      return extractor.extractOnComplete(task, outcome);
    case 'failure':
      return extractor.extractOnFailure(task, outcome);
  }
}
