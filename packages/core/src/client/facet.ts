import type { BaseFacet } from '../model/event.js';

/** A standard facet with `_producer` and the `_schemaURL` `<facet $id>#/$defs/<Definition>`. */
export function facet(definition: string, version: string, fields: Record<string, unknown>, producer: string): BaseFacet {
  return { _producer: producer, _schemaURL: `https://openlineage.io/spec/facets/${version}/${definition}.json#/$defs/${definition}`, ...fields };
}
