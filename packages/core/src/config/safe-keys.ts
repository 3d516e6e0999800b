import { ConfigError } from '../errors.js';
import { isSecretKey, redact, REDACTED } from '../redact.js';

/**
 * Keys that would let config text reach Object.prototype when copied or merged. No OpenLineage
 * option uses them, so they are refused wherever they appear rather than silently skipped.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

/** A value fit for an error message: redacted when any key on its path names a secret. */
export function displayValue(path: readonly string[], value: unknown): unknown {
  if (path.some(isSecretKey) && value !== undefined && value !== null && value !== '') return REDACTED;
  return redact(value);
}

export function forbiddenKeyError(source: string, path: readonly string[], value: unknown): ConfigError {
  return new ConfigError({
    source,
    path: path.join('.'),
    expected: `no key named ${JSON.stringify(path[path.length - 1])} (refused: it could alter object prototypes)`,
    actual: displayValue(path, value),
  });
}

/** Throws when a parsed JSON value contains a forbidden key anywhere. */
export function assertSafeTree(value: unknown, path: readonly string[], source: string): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      assertSafeTree(v, [...path, String(i)], source);
    });
    return;
  }
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (isForbiddenKey(key)) throw forbiddenKeyError(source, [...path, key], child);
    assertSafeTree(child, [...path, key], source);
  }
}

/** Sets an own property even when the key is special, without consulting prototypes. */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
