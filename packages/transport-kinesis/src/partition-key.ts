import { createHash } from 'node:crypto';
import type { OpenLineageEvent } from '@ol/core';

/** Kinesis accepts partition keys of 1 to 256 Unicode characters. */
const MAX_KEY_CHARS = 256;

interface JobRef {
  namespace?: unknown;
  name?: unknown;
}

/**
 * The partition key as Java's KinesisTransport chooses it, so a job's events — and all runs of a
 * parent/child tree — land on one shard in order: `run:<ns>/<name>` of the root parent job, else the
 * parent job, else the event's job; `job:<ns>/<name>` for job events; `dataset:<ns>/<name>` for
 * dataset events. A key over 256 characters (which Kinesis rejects) keeps its first 191 and adds `:`
 * and the SHA-256 of the whole key, so it stays stable and distinct.
 */
export function partitionKeyOf(event: OpenLineageEvent): string {
  const e = event as { run?: { facets?: { parent?: { job?: JobRef; root?: { job?: JobRef } } } }; job?: JobRef; dataset?: JobRef };
  let key: string;
  if (e.run !== undefined) {
    const parent = e.run.facets?.parent;
    const job = parent?.root?.job ?? parent?.job ?? e.job;
    key = `run:${String(job?.namespace)}/${String(job?.name)}`;
  } else if (e.dataset !== undefined) {
    key = `dataset:${String(e.dataset.namespace)}/${String(e.dataset.name)}`;
  } else {
    key = `job:${String(e.job?.namespace)}/${String(e.job?.name)}`;
  }
  if (key.length <= MAX_KEY_CHARS) return key;
  return `${key.slice(0, MAX_KEY_CHARS - 65)}:${createHash('sha256').update(key).digest('hex')}`;
}
