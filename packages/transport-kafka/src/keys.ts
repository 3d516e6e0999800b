import { type DatasetEvent, eventKind, type JobEvent, type OpenLineageEvent, type RunEvent } from '@ol/core';

interface JobRef {
  namespace?: unknown;
  name?: unknown;
}

function ref(job: JobRef | undefined): string | undefined {
  return job && typeof job.namespace === 'string' && typeof job.name === 'string' ? `${job.namespace}/${job.name}` : undefined;
}

/**
 * The Python client's default message key: every event of a job hierarchy lands on one partition,
 * so a consumer sees a run's events (and its children's) in order. A parent facet without a
 * usable job falls back to the next rule instead of producing `run:undefined/undefined`.
 */
export function defaultMessageKey(event: OpenLineageEvent): string {
  switch (eventKind(event)) {
    case 'DatasetEvent': {
      const d = (event as DatasetEvent).dataset;
      return `dataset:${d.namespace}/${d.name}`;
    }
    case 'JobEvent': {
      const j = (event as JobEvent).job;
      return `job:${j.namespace}/${j.name}`;
    }
    case 'RunEvent': {
      const e = event as RunEvent;
      const parent = e.run.facets?.parent as { job?: JobRef; root?: { job?: JobRef } } | undefined;
      return `run:${ref(parent?.root?.job) ?? ref(parent?.job) ?? `${e.job.namespace}/${e.job.name}`}`;
    }
  }
}
