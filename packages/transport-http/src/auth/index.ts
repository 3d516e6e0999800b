import type { OptionReader } from '@ol/core';
import { isPlainObject } from '@ol/core/internal';
import { ApiKeyTokenProvider } from './api-key.js';
import { JWT_DEFAULTS, JwtTokenProvider, type JwtAuthConfig, type JwtProviderOptions } from './jwt.js';
import { ModuleTokenProvider } from './module-provider.js';
import { isTokenProvider, type ManagedTokenProvider, type TokenProvider } from './types.js';

export { ApiKeyTokenProvider } from './api-key.js';
export { IBM_IAM_PRESET, JWT_DEFAULTS, JwtTokenProvider, jwtExpiry, type JwtAuthConfig, type JwtProviderOptions } from './jwt.js';
export { ModuleTokenProvider } from './module-provider.js';
export { isTokenProvider, type ManagedTokenProvider, type TokenProvider } from './types.js';

export interface ApiKeyAuthConfig {
  type: 'api_key';
  apiKey: string;
}

/** A provider object given in code. */
export interface ProviderAuthConfig {
  type: 'custom';
  provider: TokenProvider;
}

/** A provider named by module specifier; `options` is the whole auth map (handed to the class or factory). */
export interface ModuleAuthConfig {
  type: 'module';
  specifier: string;
  options: Record<string, unknown>;
  /** Where the specifier came from (for errors). */
  source: string;
  path: string;
}

export type AuthConfig = ApiKeyAuthConfig | JwtAuthConfig | ProviderAuthConfig | ModuleAuthConfig;

const API_KEY_ALIASES = ['apikey', 'api_key'];

/** Python class paths accepted as `auth.type`, so one openlineage.yml serves both clients. */
const PYTHON_PROVIDERS: Record<string, 'api_key' | 'jwt' | 'none'> = {
  'openlineage.client.transport.http.ApiKeyTokenProvider': 'api_key',
  'openlineage.client.transport.http.JwtTokenProvider': 'jwt',
  'openlineage.client.transport.http.TokenProvider': 'none',
};

export const AUTH_OPTION_KEYS = [
  'type',
  'apiKey',
  'tokenEndpoint',
  'tokenFields',
  'expiresInField',
  'grantType',
  'responseType',
  'tokenRefreshBuffer',
] as const;

/**
 * Reads `auth` from a transport config. Without `type`: a map holding an api key means `api_key`
 * (the Python client silently sends no header there), an object with `getBearer()` is the provider
 * itself, anything else means no auth.
 */
export function readAuthConfig(parent: OptionReader, key = 'auth'): AuthConfig | undefined {
  const value = parent.get(key);
  if (value === undefined) return undefined;
  if (isTokenProvider(value)) return { type: 'custom', provider: value };
  if (!isPlainObject(value)) throw parent.error(key, 'a mapping with a `type` (api_key, jwt or a token provider module)', value);
  const auth = parent.object(key)!;
  const rawType = auth.string('type');
  const type = rawType === undefined ? undefined : (PYTHON_PROVIDERS[rawType] ?? rawType);
  const kind = type === undefined ? (auth.has('apiKey', API_KEY_ALIASES) ? 'api_key' : 'none') : type.toLowerCase().replace(/-/g, '_');
  if (kind === 'none') return undefined;
  if (kind === 'api_key' || kind === 'apikey') {
    return { type: 'api_key', apiKey: auth.string('apiKey', { required: true, aliases: API_KEY_ALIASES }) };
  }
  if (kind === 'jwt') {
    const fields = auth.list('tokenFields', { default: [...JWT_DEFAULTS.tokenFields], splitStrings: true })!.map(String);
    return {
      type: 'jwt',
      apiKey: auth.string('apiKey', { required: true, aliases: API_KEY_ALIASES }),
      tokenEndpoint: auth.string('tokenEndpoint', { required: true }),
      tokenFields: fields.length ? fields : [...JWT_DEFAULTS.tokenFields],
      expiresInField: auth.string('expiresInField', { default: JWT_DEFAULTS.expiresInField }),
      grantType: auth.string('grantType', { default: JWT_DEFAULTS.grantType }),
      responseType: auth.string('responseType', { default: JWT_DEFAULTS.responseType }),
      tokenRefreshBuffer: auth.number('tokenRefreshBuffer', { default: JWT_DEFAULTS.tokenRefreshBuffer, min: 0 }),
    };
  }
  if (kind === 'custom' && isTokenProvider(auth.get('provider'))) {
    return { type: 'custom', provider: auth.get('provider') as TokenProvider };
  }
  const typePath = auth.pathOf('type');
  return { type: 'module', specifier: rawType!, options: { ...auth.raw }, source: auth.scope.origin(typePath), path: typePath.join('.') };
}

export interface TokenProviderContext extends JwtProviderOptions {
  /** Directory relative module specifiers resolve against. */
  baseDir: string;
}

export function createTokenProvider(auth: AuthConfig | undefined, context: TokenProviderContext): ManagedTokenProvider | undefined {
  if (!auth) return undefined;
  switch (auth.type) {
    case 'api_key':
      return new ApiKeyTokenProvider(auth.apiKey);
    case 'jwt':
      return new JwtTokenProvider(auth, context);
    case 'custom':
      return auth.provider;
    case 'module':
      return new ModuleTokenProvider(auth.specifier, auth.options, context.baseDir, { source: auth.source, path: auth.path });
  }
}
