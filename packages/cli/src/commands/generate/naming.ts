import type { FacetEntity } from '@ol/core';
import { customFacetName, isStandardFacetKey } from '@ol/core/internal';
import { pascalCase } from './ts-text.js';

/**
 * The spec's custom facet naming rules: the definition is `{prefix}{name}{entity}Facet` in PascalCase,
 * its key in a facets map is `{prefix}_{name}` (both parts camelCase, e.g. `BigQueryStatisticsJobFacet`
 * under `bigQuery_statistics`), the prefix keeps it apart from the standard facets, and `_schemaURL`
 * is an immutable, versioned URL.
 */
export interface NamingViolation {
  /** Schema file as given on the command line (relative to it). */
  file: string;
  /** JSON pointer into that file. */
  pointer: string;
  rule: 'facet-name' | 'facet-key' | 'key-matches-name' | 'standard-facet' | 'schema-url' | 'base-facet';
  message: string;
}

/** Base definition → the entity it attaches to, which decides the `{Entity}` part of the name. */
export const ENTITY_OF_BASE: Readonly<Record<string, FacetEntity>> = {
  RunFacet: 'run',
  JobFacet: 'job',
  DatasetFacet: 'dataset',
  InputDatasetFacet: 'inputDataset',
  OutputDatasetFacet: 'outputDataset',
};

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const KEY = /^[a-z][A-Za-z0-9]*_[a-z][A-Za-z0-9]*$/;
const MUTABLE_SEGMENT = /\/(main|master|develop|trunk|HEAD|latest)\//;

export interface FacetNaming {
  file: string;
  pointer: string;
  name: string;
  /** Key under the schema's top-level `properties`, when the facet is listed there. */
  key?: string;
  keyPointer?: string;
  /** Base facet definition it extends (`RunFacet`…), when found. */
  base?: string;
}

export function checkFacetNaming(f: FacetNaming): NamingViolation[] {
  const out: NamingViolation[] = [];
  const add = (rule: NamingViolation['rule'], message: string, pointer = f.pointer) => out.push({ file: f.file, pointer, rule, message });
  const entity = f.base === undefined ? undefined : ENTITY_OF_BASE[f.base];
  const suffix = entity === undefined ? undefined : `${pascalCase(entity)}Facet`;
  if (f.base === undefined) {
    add(
      'base-facet',
      `${f.name} does not extend a base facet ($ref to https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet, JobFacet, DatasetFacet, InputDatasetFacet or OutputDatasetFacet in allOf)`,
    );
  }
  if (!PASCAL.test(f.name)) {
    add('facet-name', `facet name '${f.name}' must be PascalCase: {Prefix}{Name}{Entity}Facet`);
  } else if (suffix !== undefined && !f.name.endsWith(suffix)) {
    add('facet-name', `facet name '${f.name}' extends ${f.base} and must end with '${suffix}' ({Prefix}{Name}{Entity}Facet)`);
  } else if (suffix !== undefined && f.name === suffix) {
    add('facet-name', `facet name '${f.name}' has no prefix and name: use {Prefix}{Name}${suffix}`);
  }
  if (f.key !== undefined) {
    const keyPointer = f.keyPointer ?? f.pointer;
    if (isStandardFacetKey(f.key)) {
      add('standard-facet', `key '${f.key}' is a standard facet's key: custom facets use a distinct {prefix}_{name} key`, keyPointer);
    } else if (!KEY.test(f.key)) {
      add('facet-key', `key '${f.key}' must be {prefix}_{name}, both camelCase (e.g. myCompany_statistics)`, keyPointer);
    } else if (entity !== undefined && PASCAL.test(f.name)) {
      const expected = customFacetName(f.key, entity);
      if (expected !== f.name) {
        add('key-matches-name', `key '${f.key}' and facet name '${f.name}' disagree: key {prefix}_{name} = '${f.key}' means the name ${expected}`, keyPointer);
      }
    }
  }
  return out;
}

/** `_schemaURL` comes from the schema's `$id`: it must exist, be absolute, and not name a moving branch. */
export function checkSchemaId(file: string, id: unknown): NamingViolation[] {
  const violation = (message: string): NamingViolation[] => [{ file, pointer: '/$id', rule: 'schema-url', message }];
  if (typeof id !== 'string' || id === '') return violation('schema has no $id: facets need it for an immutable _schemaURL');
  let url: URL;
  try {
    url = new URL(id);
  } catch {
    return violation(`$id '${id}' is not an absolute URL`);
  }
  if (url.hash !== '') return violation(`$id '${id}' must not have a fragment (the builder appends #/$defs/<Name>)`);
  if (MUTABLE_SEGMENT.test(url.pathname)) {
    return violation(`$id '${id}' names a branch; _schemaURL must be an immutable pointer (a version or a tag/commit)`);
  }
  return [];
}
