import { createHash } from 'node:crypto';
import type { RunEvent } from '@ol/core';

/**
 * DataZone's idempotency token (1–128 printable ASCII characters). Deriving it from what
 * identifies a run-state transition means the SDK's own retries of one event, and a re-send of
 * the same transition, can never be recorded twice. A hash keeps it inside the length limit
 * whatever the run id looks like.
 */
export function clientTokenFor(event: RunEvent): string {
  return createHash('sha256')
    .update(`${event.run.runId}\n${event.eventType ?? ''}\n${event.eventTime}`)
    .digest('hex');
}
