import { readFile } from 'node:fs/promises';

// Node has WebAssembly, but this project's lib settings (no DOM) do not declare it.
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<object> };

/** The parser's wasm-bindgen glue: the one function the walk needs. */
interface Glue {
  default(init: { module_or_path: object }): Promise<unknown>;
  parse_sql(dialect: string, sql: string): unknown;
}

export interface Parser {
  /** The AST of `sql` as serde JSON; throws the parser's error (`{ message }` or a string). */
  parse(dialect: string, sql: string): unknown[];
}

let compiled: Promise<{ module: object; glueUrl: URL }> | undefined;
let instance: Promise<Glue> | undefined;
let generation = 0;

/**
 * Compiles the WASM on first use only, so importing @ol/sql costs nothing until SQL is parsed.
 * We instantiate it ourselves rather than through the package's `init()`: a WASM trap (a stack
 * overflow in the parser on a pathologically deep expression) leaves that instance's memory
 * undefined, and the package can only ever hold one instance. After a trap the next call gets a
 * fresh instance of the already compiled module, so one bad statement cannot poison later calls.
 */
export function loadParser(): Promise<Parser> {
  compiled ??= (async () => {
    const entry = new URL(import.meta.resolve('@guanmingchiu/sqlparser-ts'));
    const glueUrl = new URL('../wasm/sqlparser_rs_wasm.js', entry);
    const bytes = await readFile(new URL('../wasm/sqlparser_rs_wasm_bg.wasm', entry));
    return { module: await WebAssembly.compile(bytes), glueUrl };
  })().catch((error: unknown) => {
    compiled = undefined;
    throw error;
  });
  instance ??= compiled
    .then(async ({ module, glueUrl }) => {
      // Each generation imports its own copy of the glue module, which holds the instance.
      const glue = (await import(`${glueUrl.href}?instance=${generation++}`)) as Glue;
      await glue.default({ module_or_path: module });
      return glue;
    })
    .catch((error: unknown) => {
      instance = undefined;
      throw error;
    });
  return instance.then((glue) => ({
    parse(dialect: string, sql: string): unknown[] {
      try {
        return glue.parse_sql(dialect, sql) as unknown[];
      } catch (error) {
        if (isTrap(error)) instance = undefined;
        throw error;
      }
    },
  }));
}

/** A WASM trap (`WebAssembly.RuntimeError`): the instance's state can no longer be trusted. */
export function isTrap(error: unknown): boolean {
  return error instanceof Error && error.name === 'RuntimeError';
}
