import type { OptionReader } from '@ol/core';
import { joinEndpoint } from './url.js';

/**
 * Delivery through the spec's optional `POST /lineage/batch` (an array of events per request),
 * shared by `http` (`emitBatch`) and `async_http` (which gathers queued events into batches).
 */
export interface BatchConfig {
  enabled: boolean;
  /** As configured, or the single-event endpoint with `/batch` appended to its path. */
  endpoint: string;
  /** `endpoint` resolved against `url`: where batches are POSTed. */
  target: string;
  maxEvents: number;
  /** Bytes of the serialized JSON array, before compression. */
  maxBytes: number;
  /** async_http only: how long a batch that is not full may wait for more events. */
  lingerMs: number;
}

export const BATCH_DEFAULTS = Object.freeze({ enabled: false, maxEvents: 100, maxBytes: 1024 * 1024, lingerMs: 20 });

export const BATCH_OPTION_KEYS = ['enabled', 'endpoint', 'max_events', 'max_bytes', 'linger_ms'] as const;

/** Reads a `batch` map (absent = defaults, disabled). `single` is the single-event endpoint as configured and resolved. */
export function readBatchConfig(reader: OptionReader | undefined, base: URL, single: { endpoint: string; target: URL }): BatchConfig {
  const d = BATCH_DEFAULTS;
  const configured = reader?.string('endpoint', { nonEmpty: false });
  const endpoint = configured ?? appendBatch(single.endpoint);
  let target: URL;
  if (configured !== undefined) target = joinEndpoint(base, configured);
  else {
    // From the resolved URL, not the string: `endpoint: ''` or a query must keep meaning what they mean for single events.
    target = new URL(single.target);
    target.pathname = `${target.pathname.replace(/\/+$/, '')}/batch`;
  }
  return {
    enabled: reader?.boolean('enabled', { default: d.enabled }) ?? d.enabled,
    endpoint,
    target: target.toString(),
    maxEvents: reader?.number('max_events', { default: d.maxEvents, min: 1, integer: true }) ?? d.maxEvents,
    maxBytes: reader?.number('max_bytes', { default: d.maxBytes, min: 1, integer: true }) ?? d.maxBytes,
    lingerMs: reader?.number('linger_ms', { default: d.lingerMs, min: 0 }) ?? d.lingerMs,
  };
}

/** `api/v1/lineage` → `api/v1/lineage/batch`; a query or fragment stays at the end. */
function appendBatch(endpoint: string): string {
  const cut = endpoint.search(/[?#]/);
  const path = cut === -1 ? endpoint : endpoint.slice(0, cut);
  const rest = cut === -1 ? '' : endpoint.slice(cut);
  return `${path.replace(/\/+$/, '')}/batch${rest}`;
}
