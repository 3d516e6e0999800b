import type { OpenLineageEvent } from '@ol/core';

/** DataZone's documented limit for one PostLineageEvent body. */
export const MAX_EVENT_BYTES = 300_000;

export interface FacetSize {
  /** JSON pointer to the facet, e.g. `/run/facets/spark_logicalPlan`. */
  pointer: string;
  bytes: number;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function facetSizes(facets: unknown, base: string, out: FacetSize[]): void {
  if (typeof facets !== 'object' || facets === null) return;
  for (const [name, facet] of Object.entries(facets as Record<string, unknown>)) {
    if (facet === undefined || facet === null) continue;
    out.push({ pointer: `${base}/${escapePointer(name)}`, bytes: Buffer.byteLength(JSON.stringify(facet), 'utf8') });
  }
}

/** Every facet in the event with its serialized size, largest first: what to trim when an event is too big. */
export function largestFacets(event: OpenLineageEvent, limit = 3): FacetSize[] {
  const out: FacetSize[] = [];
  const e = event as unknown as Record<string, unknown>;
  for (const part of ['run', 'job', 'dataset'] as const) {
    const holder = e[part] as { facets?: unknown } | undefined;
    facetSizes(holder?.facets, `/${part}/facets`, out);
  }
  for (const list of ['inputs', 'outputs'] as const) {
    const datasets = e[list];
    if (!Array.isArray(datasets)) continue;
    datasets.forEach((ds: { facets?: unknown; inputFacets?: unknown; outputFacets?: unknown }, i) => {
      facetSizes(ds.facets, `/${list}/${i}/facets`, out);
      facetSizes(ds.inputFacets, `/${list}/${i}/inputFacets`, out);
      facetSizes(ds.outputFacets, `/${list}/${i}/outputFacets`, out);
    });
  }
  return out.sort((a, b) => b.bytes - a.bytes).slice(0, limit);
}
