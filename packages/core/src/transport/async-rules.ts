import { isPlainObject, type OptionReader } from '../config/options.js';
import type { OpenLineageEvent } from '../model/event.js';

/**
 * The Python client's `async_transport_rules` (Datadog and GCP Lineage transports): integration →
 * job type → whether events of such jobs are sent without waiting. `*` matches any name; names
 * compare case-insensitively against the `jobType` job facet's `integration` and `jobType`.
 */
export type AsyncTransportRules = Record<string, Record<string, boolean>>;

/** Python's default: every dbt job's events go the non-blocking way. */
export function defaultAsyncTransportRules(): AsyncTransportRules {
  return { dbt: { '*': true } };
}

/**
 * Reads `async_transport_rules` (any key spelling). Integration and job type names are kept as
 * written; values may be booleans or the strings env variables carry (`true`, `false`, `1`, `0`).
 */
export function readAsyncTransportRules(reader: OptionReader, name = 'async_transport_rules'): AsyncTransportRules {
  const rules = reader.map(name);
  if (rules === undefined) return defaultAsyncTransportRules();
  const out: AsyncTransportRules = {};
  for (const [integration, jobTypes] of Object.entries(rules)) {
    if (!isPlainObject(jobTypes)) {
      throw reader.error(name, `a mapping of integration → { jobType: true|false }, e.g. {"dbt": {"*": true}}; "${integration}" maps to no mapping`, rules);
    }
    const row: Record<string, boolean> = {};
    for (const [jobType, value] of Object.entries(jobTypes)) {
      const flag = toBoolean(value);
      if (flag === undefined) throw reader.error(name, `true or false for ${integration}.${jobType}`, rules);
      row[jobType] = flag;
    }
    out[integration] = row;
  }
  return out;
}

function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const s = value.trim().toLowerCase();
  return s === 'true' || s === '1' || s === 'yes' ? true : s === 'false' || s === '0' || s === 'no' ? false : undefined;
}

/**
 * Whether `event` goes the non-blocking way, decided exactly as the Python client does: `*: {*: true}`
 * sends everything so; otherwise the first integration rule matching the facet's `integration`, and
 * in it the first job-type rule matching its `jobType`, decides; no `jobType` facet, or one without
 * an integration, means blocking.
 */
export function routesAsync(event: OpenLineageEvent, rules: AsyncTransportRules): boolean {
  if (rules['*']?.['*'] === true) return true;
  const facets = (event as { job?: { facets?: unknown } }).job?.facets;
  if (!isPlainObject(facets)) return false;
  const facet = facets.jobType;
  if (!isPlainObject(facet)) return false;
  const integration = typeof facet.integration === 'string' ? facet.integration.toLowerCase() : '';
  const jobType = typeof facet.jobType === 'string' ? facet.jobType.toLowerCase() : '';
  if (integration === '') return false;
  for (const [ruleIntegration, jobTypeRules] of Object.entries(rules)) {
    if (ruleIntegration !== '*' && ruleIntegration.toLowerCase() !== integration) continue;
    for (const [ruleJobType, useAsync] of Object.entries(jobTypeRules)) {
      if (ruleJobType === '*' || ruleJobType.toLowerCase() === jobType) return useAsync;
    }
  }
  return false;
}
