import { isPlainObject } from './options.js';
import { Provenance } from './provenance.js';
import { defineOwn } from './safe-keys.js';

export interface Layer {
  value: Record<string, unknown>;
  provenance: Provenance;
}

/**
 * The Python client's `deep_merge_dicts`: `top` wins; objects merge recursively; lists and
 * scalars are replaced whole. Returns fresh objects (neither input is changed) and the merged provenance.
 */
export function mergeLayers(bottom: Layer, top: Layer): Layer {
  const provenance = new Provenance();
  const value = mergeValue(bottom.value, top.value, [], bottom.provenance, top.provenance, provenance) as Record<string, unknown>;
  return { value, provenance };
}

function mergeValue(a: unknown, b: unknown, path: string[], pa: Provenance, pb: Provenance, out: Provenance): unknown {
  if (isPlainObject(a) && isPlainObject(b)) {
    const own = pb.lookup(path) ?? pa.lookup(path);
    if (own !== undefined) out.set(path, own);
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(a)) {
      const childPath = [...path, key];
      if (Object.prototype.hasOwnProperty.call(b, key)) {
        defineOwn(result, key, mergeValue(a[key], b[key], childPath, pa, pb, out));
      } else {
        defineOwn(result, key, copyPlain(a[key]));
        out.copySubtree(pa, childPath);
      }
    }
    for (const key of Object.keys(b)) {
      if (Object.prototype.hasOwnProperty.call(a, key)) continue;
      const childPath = [...path, key];
      defineOwn(result, key, copyPlain(b[key]));
      out.copySubtree(pb, childPath);
    }
    return result;
  }
  out.copySubtree(pb, path);
  return copyPlain(b);
}

/** Copies plain objects and arrays; anything else (functions, class instances given in code) is kept by reference. */
export function copyPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyPlain);
  if (isPlainObject(value) && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) defineOwn(out, key, copyPlain(value[key]));
    return out;
  }
  return value;
}
