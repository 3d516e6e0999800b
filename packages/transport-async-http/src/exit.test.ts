import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startLineageSink, type LineageSink } from '@ol/test-kit';
import { afterEach, describe, expect, it } from 'vitest';

// The child imports the built package, as a user's script would (`turbo test` builds first).
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

function childScript(url: string, runs: number): string {
  return `
import { createAsyncHttpTransport } from ${JSON.stringify(dist)};
const t = createAsyncHttpTransport({ url: ${JSON.stringify(url)}, max_concurrent_requests: 10, retry: { total: 3, backoff_factor: 0.05 } });
const event = (runId, eventType) => ({ eventType, eventTime: new Date().toISOString(), producer: 'https://example.com/exit-test',
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent', run: { runId }, job: { namespace: 'ns', name: 'job' } });
for (let i = 0; i < ${runs}; i++) {
  void t.emit(event('run-' + i, 'START'));
  void t.emit(event('run-' + i, 'COMPLETE'));
}
// No await, no flush, no close: the script just ends here.
`;
}

function runNode(script: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--input-type=module', '-e', script], { timeout: 60_000 }, (err, _stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr });
    });
    child.stdin?.end();
  });
}

let sink: LineageSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

describe('a process that ends naturally', () => {
  it('delivers everything it emitted without awaiting, in order, even through retries', async () => {
    if (!fs.existsSync(dist)) throw new Error(`build the package first (${dist} is missing)`);
    sink = await startLineageSink();
    sink.setDelay(5);
    // A few 503s on the way, so some STARTs sit in a backoff sleep when the script's code has ended.
    sink.respondWith([503, 200, 503, 503, 200, 503]);
    const { code, stderr } = await runNode(childScript(sink.url, 300));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(sink.events).toHaveLength(600);
    expect(sink.orderViolations()).toBe(0);
    expect(new Set(sink.events.map((e) => JSON.stringify([(e as { run: { runId: string } }).run.runId, (e as { eventType: string }).eventType]))).size).toBe(
      600,
    );
  });
});
