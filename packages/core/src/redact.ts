/**
 * Secrets (api keys, passwords, tokens) must never reach logs, errors or CLI output.
 * One rule decides what a secret is, so every package redacts the same keys.
 */
export const REDACTED = '***';

const SECRET_KEY =
  /(api[_-]?key|apikey|password|passwd|secret|token(?!_?(endpoint|fields?|refresh|url))|credential|authorization|sasl\.password|private[_-]?key|ssl\.key\.password)/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Deep copy of `value` with every secret-keyed member replaced by `***`. */
export function redact<T>(value: T): T {
  return redactInner(value, new WeakSet()) as T;
}

function redactInner(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactInner(v, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSecretKey(k) && v !== undefined && v !== null && v !== '' ? REDACTED : redactInner(v, seen);
  }
  return out;
}

/** Replace every occurrence of the given secret strings in a message. */
export function scrub(message: string, secrets: readonly (string | undefined)[]): string {
  let out = message;
  for (const s of secrets) if (s && s.length >= 3) out = out.split(s).join(REDACTED);
  return out;
}
