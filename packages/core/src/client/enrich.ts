import type { ClientSettings } from '../config/client-settings.js';
import type { JobFacet, OpenLineageEvent, RunEvent, RunFacet } from '../model/event.js';
import { isDatasetEvent, isRunEvent } from '../model/event.js';
import { facets } from '../facets/standard.js';

export interface Tag {
  key: string;
  value: string;
  source?: string;
}

export const CLIENT_VERSION_TAG_KEY = 'openlineage_client_version';

export interface EnrichContext {
  settings: ClientSettings;
  producer: string;
  clientVersion: string;
  env: Record<string, string | undefined>;
  /** Called once per missing variable name (the client rate-limits the warning). */
  onMissingVariable?(name: string): void;
  /** Built lazily from git when the source-code-location facet is enabled. */
  sourceCodeLocation?(): JobFacet | undefined;
}

/** Whether a job-name filter drops this event (only RunEvents are filtered, as in the Python client). */
export function isFilteredOut(event: OpenLineageEvent, settings: ClientSettings): boolean {
  if (settings.filters.length === 0 || !isRunEvent(event)) return false;
  const name = event.job.name;
  return settings.filters.some((f) => f.matches(name));
}

/**
 * Adds user tags, the client-version run tag, the environment-variables run facet and the
 * source-code-location job facet. Copies every object on a changed path, so the caller's event
 * (and anything it shares with other events) is never modified.
 */
export function enrichEvent(event: OpenLineageEvent, ctx: EnrichContext): OpenLineageEvent {
  if (isDatasetEvent(event)) return event;
  const jobTags = ctx.settings.tags.job.map(([key, value]) => ({ key, value, source: 'USER' }));
  let out: OpenLineageEvent = event;
  if (jobTags.length > 0) {
    const jobFacets = { ...out.job.facets };
    jobFacets.tags = facets.tagsJob({ tags: mergeTags(tagsOf(jobFacets.tags), jobTags) }, { producer: ctx.producer });
    out = { ...out, job: { ...out.job, facets: jobFacets } };
  }
  if (!isRunEvent(out)) return out;

  let run = out.run;
  let job = out.job;
  const runTags: Tag[] = ctx.settings.tags.run.map(([key, value]) => ({ key, value, source: 'USER' }));
  runTags.push({ key: CLIENT_VERSION_TAG_KEY, value: ctx.clientVersion, source: 'OPENLINEAGE_CLIENT' });
  const runFacets: Record<string, RunFacet | undefined> = { ...run.facets };
  runFacets.tags = facets.tagsRun({ tags: mergeTags(tagsOf(runFacets.tags), runTags) }, { producer: ctx.producer });

  const envFacet = environmentFacet(runFacets.environmentVariables, ctx);
  if (envFacet !== undefined) runFacets.environmentVariables = envFacet;
  run = { ...run, facets: runFacets };

  if (ctx.settings.sourceCodeLocation.enabled && ctx.sourceCodeLocation && job.facets?.sourceCodeLocation === undefined) {
    const location = ctx.sourceCodeLocation();
    if (location !== undefined) job = { ...job, facets: { ...job.facets, sourceCodeLocation: location } };
  }
  const result: RunEvent = { ...out, run, job };
  return result;
}

function tagsOf(existing: unknown): Tag[] {
  if (typeof existing !== 'object' || existing === null) return [];
  const tags = (existing as { tags?: unknown }).tags;
  return Array.isArray(tags) ? tags.filter((t): t is Tag => typeof t === 'object' && t !== null && typeof (t as Tag).key === 'string') : [];
}

/**
 * Existing tags whose key (case-insensitively) is not among the new ones are kept, in order; a new
 * tag replaces a matching one (value and source) but keeps the existing key's spelling.
 */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const addedKeys = new Set(added.map((t) => t.key.toLowerCase()));
  const spelling = new Map(existing.map((t) => [t.key.toLowerCase(), t.key] as const));
  const kept = existing.filter((t) => !addedKeys.has(t.key.toLowerCase()));
  const merged = added.map((t) => ({ ...t, key: spelling.get(t.key.toLowerCase()) ?? t.key }));
  return [...kept, ...merged];
}

interface EnvVar {
  name: string;
  value: string;
}

function environmentFacet(existing: unknown, ctx: EnrichContext): RunFacet | undefined {
  const names = ctx.settings.environmentVariables;
  if (names.length === 0) return undefined;
  const collected: EnvVar[] = [];
  for (const name of names) {
    const value = ctx.env[name];
    if (value === undefined) ctx.onMissingVariable?.(name);
    else collected.push({ name, value });
  }
  if (collected.length === 0) return undefined;
  const listed = (existing as { environmentVariables?: unknown } | undefined)?.environmentVariables;
  const current = Array.isArray(listed) ? (listed as EnvVar[]) : [];
  // Variables the event already carries win over collected ones with the same name.
  const present = new Set(current.map((v) => v.name));
  return facets.environmentVariablesRun({ environmentVariables: [...current, ...collected.filter((v) => !present.has(v.name))] }, { producer: ctx.producer });
}
