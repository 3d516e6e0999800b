/** google.protobuf.Value, as the client library's message objects spell it. */
export type StructValue =
  | { nullValue: 0 }
  | { numberValue: number }
  | { stringValue: string }
  | { boolValue: boolean }
  | { structValue: Struct }
  | { listValue: { values: StructValue[] } };

export interface Struct {
  fields: Record<string, StructValue>;
}

/**
 * The event's JSON as a google.protobuf.Struct message object: the library's REST encoder turns it
 * back into exactly that JSON (the `open_lineage` body of ProcessOpenLineageRunEvent).
 */
export function toStruct(json: Record<string, unknown>): Struct {
  const fields: Record<string, StructValue> = {};
  for (const [k, v] of Object.entries(json)) fields[k] = toValue(v);
  return { fields };
}

function toValue(v: unknown): StructValue {
  if (v === null || v === undefined) return { nullValue: 0 };
  if (typeof v === 'number') return { numberValue: v };
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (Array.isArray(v)) return { listValue: { values: v.map(toValue) } };
  return { structValue: toStruct(v as Record<string, unknown>) };
}
