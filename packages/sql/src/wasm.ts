import type * as Sqlparser from '@guanmingchiu/sqlparser-ts';

type Module = typeof Sqlparser;

let loading: Promise<Module> | undefined;

/**
 * Loads the parser's WASM on first use only, so importing @ol/sql costs nothing until SQL is
 * parsed, and every later call reuses the instance. A failed load is not cached: the next call
 * tries again.
 */
export function loadParser(): Promise<Module> {
  loading ??= (async () => {
    const mod = await import('@guanmingchiu/sqlparser-ts');
    await mod.init();
    return mod;
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
