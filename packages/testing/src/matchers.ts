/**
 * Matchers for fields that vary between runs (run ids, times). A matcher is any object with a
 * `matches(value)` method and a description for diffs.
 */
const MATCHER = Symbol.for('@ol/testing.matcher');

export interface Matcher {
  readonly [MATCHER]: true;
  readonly description: string;
  matches(value: unknown): boolean;
}

export function isMatcher(value: unknown): value is Matcher {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MATCHER] === true;
}

function matcher(description: string, matches: (value: unknown) => boolean): Matcher {
  return { [MATCHER]: true, description, matches };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// RFC 3339 with a mandatory offset, as the spec's date-time format requires.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export const any = {
  uuid: (): Matcher => matcher('any UUID', (v) => typeof v === 'string' && UUID.test(v)),
  dateTime: (): Matcher => matcher('any RFC 3339 date-time', (v) => typeof v === 'string' && DATE_TIME.test(v) && !Number.isNaN(Date.parse(v))),
  string: (): Matcher => matcher('any string', (v) => typeof v === 'string'),
  number: (): Matcher => matcher('any number', (v) => typeof v === 'number' && Number.isFinite(v)),
  anything: (): Matcher => matcher('anything', (v) => v !== undefined),
};

export function matching(pattern: RegExp): Matcher {
  return matcher(`a string matching ${String(pattern)}`, (v) => typeof v === 'string' && new RegExp(pattern.source, pattern.flags.replace('g', '')).test(v));
}
