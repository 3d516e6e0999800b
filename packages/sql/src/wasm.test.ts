import { expect, it } from 'vitest';

it('compiles the WASM lazily, on the first parse, and once per process', async () => {
  // Counts compilations by wrapping the global before the package's modules load (vitest gives
  // each test file its own module graph, so this file sees a fresh, never-loaded parser).
  const wasm = (globalThis as unknown as { WebAssembly: { compile: (b: Uint8Array) => Promise<object> } }).WebAssembly;
  const original = wasm.compile.bind(wasm);
  let compiled = 0;
  wasm.compile = (bytes) => {
    // Node compiles WASM of its own (undici's HTTP parser); count only the 3.5 MB parser.
    if (bytes.byteLength > 1_000_000) compiled += 1;
    return original(bytes);
  };
  try {
    const { parseSql } = await import('./index.js');
    expect(compiled).toBe(0);
    const [a, b] = await Promise.all([parseSql('SELECT * FROM a'), parseSql('SELECT * FROM b')]);
    await parseSql('SELECT * FROM c');
    expect(compiled).toBe(1);
    expect([a.inTables[0]!.name, b.inTables[0]!.name]).toEqual(['a', 'b']);
  } finally {
    wasm.compile = original;
  }
});
