import { ConfigError } from '@ol/core';
import { importModule, resolveModule } from '@ol/core/internal';
import { isTokenProvider, type ManagedTokenProvider, type TokenProvider } from './types.js';

/**
 * A token provider named in config by module specifier, e.g. `./auth/provider.js#MyProvider` or
 * `my-auth-package`. The export may be a provider object, a class (constructed with the auth options,
 * like the Python client does) or a factory function (called with them, may be async).
 * Relative specifiers resolve against the config's base directory (the YAML file's directory, or cwd).
 * Loading runs the module's code: config is trusted input.
 */
export class ModuleTokenProvider implements ManagedTokenProvider {
  #loaded: Promise<TokenProvider> | undefined;

  constructor(
    readonly specifier: string,
    private readonly options: Record<string, unknown>,
    private readonly baseDir: string,
    /** Where the specifier came from, for ConfigErrors. */
    private readonly origin: { source: string; path: string } = { source: 'code', path: 'transport.auth.type' },
  ) {}

  ready(): Promise<void> {
    return this.load().then(() => undefined);
  }

  async getBearer(): Promise<string | undefined | null> {
    return (await this.load()).getBearer();
  }

  secrets(): readonly string[] {
    return [];
  }

  private load(): Promise<TokenProvider> {
    this.#loaded ??= this.instantiate();
    return this.#loaded;
  }

  private fail(expected: string, cause?: unknown): ConfigError {
    return new ConfigError({ ...this.origin, expected, actual: this.specifier, cause });
  }

  private async instantiate(): Promise<TokenProvider> {
    let mod: Record<string, unknown>;
    let exportName: string | undefined;
    try {
      // Core's resolver: relative to the config's directory, packages from the application's point of view.
      const resolved = resolveModule(this.specifier, { baseDir: this.baseDir, cwd: this.baseDir });
      exportName = resolved.exportName;
      mod = await importModule(resolved);
    } catch (cause) {
      throw this.fail(`a loadable token provider module (resolved against ${this.baseDir})`, cause);
    }
    const exported = exportName ? mod[exportName] : (mod.default ?? mod.tokenProvider ?? mod.TokenProvider);
    if (exported === undefined) throw this.fail(exportName ? `a module exporting "${exportName}"` : 'a module with a default export');
    let provider: unknown = exported;
    if (typeof exported === 'function') {
      const fn = exported as { prototype?: { getBearer?: unknown } } & ((o: unknown) => unknown) & (new (o: unknown) => unknown);
      provider = typeof fn.prototype?.getBearer === 'function' ? new fn(this.options) : await fn(this.options);
    }
    if (!isTokenProvider(provider)) throw this.fail('an export that is, constructs or returns an object with getBearer()');
    return provider;
  }
}
