/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access -- fixtures are free-form JSON that tests mutate at will */
// Test helpers: the spec's fixtures, read at test time from the shared spec checkout.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { specDir } from '@ol/spec-files';

export const SPEC_DIR = specDir();

export interface FacetFixture {
  /** e.g. `SchemaDatasetFacet/1.json` */
  name: string;
  key: string;
  facet: Record<string, unknown>;
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function facetFixtures(): FacetFixture[] {
  const dir = join(SPEC_DIR, 'tests');
  const out: FacetFixture[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const file of readdirSync(join(dir, entry.name))
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const content = readJson(join(dir, entry.name, file)) as Record<string, Record<string, unknown>>;
      for (const [key, facet] of Object.entries(content)) out.push({ name: `${entry.name}/${file}`, key, facet });
    }
  }
  return out;
}

export const RUN_ID = '0196ed52-e0d9-7e85-a57e-82b5687c883c';

export function minimalRunEvent(): Record<string, any> {
  return {
    eventTime: '2025-05-20T10:52:33.881Z',
    producer: 'https://example.com/producer',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    eventType: 'START',
    run: { runId: RUN_ID },
    job: { namespace: 'ns', name: 'job' },
  };
}

/**
 * Where a fixture's facet goes, from the facet file's definitions: run/job facets, dataset
 * facets, input facets or output facets.
 */
export function placeOf(fixture: FacetFixture): 'run' | 'job' | 'dataset' | 'inputDataset' | 'outputDataset' {
  const dir = fixture.name.split('/')[0]!;
  if (dir === 'BaseSubsetDatasetFacet') return 'inputCondition' in fixture.facet ? 'inputDataset' : 'outputDataset';
  if (dir === 'LineageFacet') return 'entries' in fixture.facet ? 'job' : 'dataset';
  if (dir.endsWith('InputDatasetFacet') || dir === 'DataQualityAssertionsDatasetFacet') return 'inputDataset';
  if (dir.endsWith('OutputDatasetFacet')) return 'outputDataset';
  if (dir.endsWith('RunFacet')) return 'run';
  if (dir.endsWith('JobFacet')) return 'job';
  return 'dataset';
}

/** A minimal RunEvent carrying `facet` under `key` at `place`. */
export function eventWithFacet(place: ReturnType<typeof placeOf>, key: string, facet: unknown): Record<string, any> {
  const e = minimalRunEvent();
  const facets = { [key]: facet };
  switch (place) {
    case 'run':
      e.run.facets = facets;
      break;
    case 'job':
      e.job.facets = facets;
      break;
    case 'dataset':
      e.outputs = [{ namespace: 'ns', name: 'out', facets }];
      break;
    case 'inputDataset':
      e.inputs = [{ namespace: 'ns', name: 'in', inputFacets: facets }];
      break;
    case 'outputDataset':
      e.outputs = [{ namespace: 'ns', name: 'out', outputFacets: facets }];
      break;
  }
  return e;
}
