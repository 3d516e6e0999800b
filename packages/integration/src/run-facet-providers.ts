import type { Logger, RunFacet } from '@ol/core';

/** The state a task is entering when providers run (START, then COMPLETE or FAIL). */
export type TaskState = 'START' | 'COMPLETE' | 'FAIL';

type MaybePromise<T> = T | Promise<T>;

/** The seed's custom run facet function: `(task, state) => facets | undefined`. */
export type RunFacetProvider<T = unknown> = (task: T, state: TaskState) => MaybePromise<Record<string, RunFacet> | undefined | null>;

/**
 * Runs registered providers in registration order. The same function registered twice runs
 * once; one that throws is logged and skipped; when two return the same facet key, the
 * later-registered wins with a warning — deterministic, unlike the Airflow provider.
 */
export async function collectRunFacets(
  providers: readonly RunFacetProvider[],
  task: unknown,
  state: TaskState,
  logger: Logger,
): Promise<Record<string, RunFacet>> {
  const out: Record<string, RunFacet> = {};
  const producedBy = new Map<string, string>();
  for (const provider of new Set(providers)) {
    let facets: Record<string, RunFacet> | undefined | null;
    try {
      facets = await provider(task, state);
    } catch (err) {
      logger.error(`custom run facet provider ${providerName(provider)} failed; its facets are skipped: ${(err as Error).message}`);
      continue;
    }
    if (facets === undefined || facets === null) continue;
    if (typeof facets !== 'object' || Array.isArray(facets)) {
      logger.error(
        `custom run facet provider ${providerName(provider)} returned ${Array.isArray(facets) ? 'an array' : typeof facets}, expected a map of facets; skipped`,
      );
      continue;
    }
    for (const [key, facet] of Object.entries(facets)) {
      const previous = producedBy.get(key);
      if (previous !== undefined)
        logger.warn(`run facet "${key}" from ${providerName(provider)} replaces the one from ${previous} (the later-registered provider wins)`);
      producedBy.set(key, providerName(provider));
      out[key] = facet;
    }
  }
  return out;
}

function providerName(provider: RunFacetProvider): string {
  return provider.name ? `"${provider.name}"` : '(anonymous)';
}
