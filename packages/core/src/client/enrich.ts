import type { ClientSettings } from '../config/client-settings.js';
import type { Job, JobFacet, OpenLineageEvent, Run, RunEvent, RunFacet } from '../model/event.js';
import { isDatasetEvent, isRunEvent } from '../model/event.js';
import { facets } from '../facets/standard.js';
import { toJSON } from '../model/serialize.js';
import { rememberText } from '../model/serialized-text.js';

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
  return new Enricher(ctx).enrich(event);
}

type FacetMap = Record<string, unknown>;

/** Deep-freezes the facets an Enricher shares between events, so no holder of one event can change another. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * A facet the Enricher puts in many events: frozen, and serialized once (the event's serialization
 * splices in that text instead of writing the facet again for every event).
 */
function shared<T extends object>(facet: T): T {
  rememberText(facet, toJSON(facet));
  return frozen(facet);
}

/**
 * `enrichEvent` with everything that does not depend on the event worked out once: the tag lists,
 * and the tags facets an event without tags of its own gets (shared, frozen). The client keeps
 * one per instance; per event it only copies the objects on the paths it changes.
 */
export class Enricher {
  readonly #ctx: EnrichContext;
  readonly #jobTags: readonly Tag[];
  readonly #runTags: readonly Tag[];
  /** The job / run tags facets of an event that has none yet. */
  readonly #jobTagsFacet: JobFacet | undefined;
  readonly #runTagsFacet: RunFacet;
  readonly #envNames: readonly string[];
  /** The last collected environment-variables facet and the values it holds, reused while they do not change. */
  #envValues: (string | undefined)[] = [];
  #envFacet: RunFacet | undefined;
  readonly #sourceCodeLocation: (() => JobFacet | undefined) | undefined;

  constructor(ctx: EnrichContext) {
    this.#ctx = ctx;
    const { settings, producer } = ctx;
    this.#jobTags = frozen(settings.tags.job.map(([key, value]) => ({ key, value, source: 'USER' })));
    this.#runTags = frozen([
      ...settings.tags.run.map(([key, value]) => ({ key, value, source: 'USER' })),
      { key: CLIENT_VERSION_TAG_KEY, value: ctx.clientVersion, source: 'OPENLINEAGE_CLIENT' },
    ]);
    this.#jobTagsFacet = this.#jobTags.length > 0 ? shared(facets.tagsJob({ tags: mergeTags([], this.#jobTags) }, { producer })) : undefined;
    this.#runTagsFacet = shared(facets.tagsRun({ tags: mergeTags([], this.#runTags) }, { producer }));
    this.#envNames = settings.environmentVariables;
    this.#sourceCodeLocation = settings.sourceCodeLocation.enabled ? ctx.sourceCodeLocation : undefined;
  }

  enrich(event: OpenLineageEvent): OpenLineageEvent {
    if (isDatasetEvent(event)) return event;
    // Copies are made with Object.assign and then changed: measured several times faster here than
    // object spreads with extra members, which fall back to a slow path for objects of varied shapes.
    let job: Job = event.job;
    if (this.#jobTagsFacet !== undefined) {
      const jobFacets: FacetMap = Object.assign({}, job.facets);
      jobFacets.tags = jobFacets.tags === undefined ? this.#jobTagsFacet : this.#tagsFacet('job', jobFacets.tags, this.#jobTags);
      job = Object.assign({}, job);
      job.facets = jobFacets as Job['facets'];
    }
    if (!isRunEvent(event)) return job === event.job ? event : Object.assign({}, event, { job });

    const runFacets: FacetMap = Object.assign({}, event.run.facets);
    runFacets.tags = runFacets.tags === undefined ? this.#runTagsFacet : this.#tagsFacet('run', runFacets.tags, this.#runTags);
    if (this.#envNames.length > 0) {
      const envFacet = this.#environmentFacet(runFacets.environmentVariables);
      if (envFacet !== undefined) runFacets.environmentVariables = envFacet;
    }
    const run: Run = Object.assign({}, event.run);
    run.facets = runFacets as Run['facets'];

    if (this.#sourceCodeLocation !== undefined && job.facets?.sourceCodeLocation === undefined) {
      const location = this.#sourceCodeLocation();
      if (location !== undefined) job = Object.assign({}, job, { facets: Object.assign({}, job.facets, { sourceCodeLocation: location }) });
    }
    const result: RunEvent = Object.assign({}, event);
    result.run = run;
    result.job = job;
    return result;
  }

  #tagsFacet(kind: 'job' | 'run', existing: unknown, added: readonly Tag[]): JobFacet | RunFacet {
    const build = kind === 'job' ? facets.tagsJob : facets.tagsRun;
    return build({ tags: mergeTags(tagsOf(existing), added) }, { producer: this.#ctx.producer });
  }

  #environmentFacet(existing: unknown): RunFacet | undefined {
    const names = this.#envNames;
    const env = this.#ctx.env;
    let changed = this.#envFacet === undefined;
    const values = this.#envValues;
    for (let i = 0; i < names.length; i++) {
      const value = env[names[i]!];
      if (value !== values[i]) {
        changed = true;
        values[i] = value;
      }
      if (value === undefined) this.#ctx.onMissingVariable?.(names[i]!);
    }
    if (changed) {
      const collected: EnvVar[] = [];
      for (let i = 0; i < names.length; i++) if (values[i] !== undefined) collected.push({ name: names[i]!, value: values[i]! });
      this.#envFacet =
        collected.length === 0 ? undefined : shared(facets.environmentVariablesRun({ environmentVariables: collected }, { producer: this.#ctx.producer }));
    }
    const collectedFacet = this.#envFacet;
    if (collectedFacet === undefined) return undefined;
    const listed = (existing as { environmentVariables?: unknown } | undefined)?.environmentVariables;
    if (!Array.isArray(listed)) return collectedFacet;
    // Variables the event already carries win over collected ones with the same name.
    const current = listed as EnvVar[];
    const present = new Set(current.map((v) => v.name));
    const collected = (collectedFacet as unknown as { environmentVariables: EnvVar[] }).environmentVariables;
    return facets.environmentVariablesRun(
      { environmentVariables: [...current, ...collected.filter((v) => !present.has(v.name))] },
      { producer: this.#ctx.producer },
    );
  }
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
