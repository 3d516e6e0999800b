/**
 * Through the client, an event is serialized once however many children deliver it: the client
 * serializes its enriched copy and every child (here two real file transports) gets that text
 * from core's `toJSON`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OpenLineageClient, type OpenLineageEvent } from '@ol/core';
import { createFileTransport } from '@ol/transport-file';
import { createCompositeTransport } from './index.js';
import { runEvent } from './test-events.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-composite-once-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('composite through the client', () => {
  it('serializes each event once for both children, which write the same text', async () => {
    const files = ['a.jsonl', 'b.jsonl'].map((f) => path.join(dir, f));
    const children = files.map((logFilePath) => createFileTransport({ logFilePath, append: true }));
    const composite = createCompositeTransport({ transports: children.map((transport, i) => ({ name: `file${i}`, transport })) });
    const client = new OpenLineageClient({ transport: composite, config: { tags: { run: { team: 'data' } } } });
    const event = runEvent();
    // Each serialization of this facet writes a new number: the children's files match only if the
    // event was serialized once for both.
    let calls = 0;
    event.run.facets = { ...event.run.facets, custom_serialization: { toJSON: () => ({ _producer: 'p', _schemaURL: 's', call: ++calls }) } as never };
    // The caller's event is left as it was: the client's tags go on its own copy.
    const before = { keys: Object.keys(event), facets: Object.keys(event.run.facets) };
    await client.emit(event);
    await client.emit(event);
    await client.close();
    expect({ keys: Object.keys(event), facets: Object.keys(event.run.facets) }).toEqual(before);
    const [a, b] = files.map((f) => fs.readFileSync(f, 'utf8'));
    expect(a).toBe(b);
    const lines = a!
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as OpenLineageEvent & { run: { facets: { tags: { tags: unknown[] } } } });
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => (l.run.facets as unknown as { custom_serialization: { call: number } }).custom_serialization.call)).toEqual([1, 2]);
    expect(lines[0]!.run.facets.tags.tags).toEqual([
      { key: 'team', value: 'data', source: 'USER' },
      expect.objectContaining({ key: 'openlineage_client_version', source: 'OPENLINEAGE_CLIENT' }),
    ]);
  });
});
