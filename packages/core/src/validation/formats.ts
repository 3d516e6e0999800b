/**
 * The three string formats the OpenLineage schemas use, checked the way ajv-formats' full mode
 * does (the reference the spec's validators are run with), so our verdicts match theirs.
 * They are passed into the generated validator; nothing here depends on ajv.
 */
import { isIPv6 } from 'node:net';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt\s](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Digits of `s` from `start` to `end` (exclusive) as a number, or -1 when one is not a digit. */
function digits(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The form `Date#toISOString` writes (`2024-05-01T12:00:00.000Z`, fraction optional) without a
 * regular expression: true or false when the answer is certain, undefined for anything else
 * (other separators and offsets, leap seconds), which the full check decides.
 */
function utcDateTime(value: string): boolean | undefined {
  const end = value.length - 1;
  if (end < 19 || value.charCodeAt(end) !== 90 /* Z */) return undefined;
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':' || value[16] !== ':') return undefined;
  if (end > 19) {
    if (value[19] !== '.' || end === 20 || digits(value, 20, end) < 0) return undefined;
  }
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  const hour = digits(value, 11, 13);
  const minute = digits(value, 14, 16);
  const second = digits(value, 17, 19);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || second > 59) return undefined;
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month]!)) return false;
  return hour <= 23 && minute <= 59;
}

/** RFC 3339 date-time; the offset is required, a leap second only at 23:59:60 UTC. */
export function isDateTime(value: string): boolean {
  return utcDateTime(value) ?? isDateTimeByPattern(value);
}

function isDateTimeByPattern(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month]!)) return false;
  const sign = m[7] === '-' ? -1 : 1;
  const offH = Number(m[8] ?? 0);
  const offM = Number(m[9] ?? 0);
  if (offH > 23 || offM > 59) return false;
  if (hour <= 23 && minute <= 59 && second <= 59) return true;
  if (second !== 60) return false;
  // A leap second is only valid at the end of a UTC day.
  const utcMinute = minute - offM * sign;
  const utcHour = hour - offH * sign - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1);
}

// RFC 3986 building blocks (case-insensitive).
const PCT = '%[0-9a-f]{2}';
const UNRESERVED = 'a-z0-9\\-._~';
const SUB_DELIMS = "!$&'()*+,;=";
const PCHAR = `(?:[${UNRESERVED}${SUB_DELIMS}:@]|${PCT})`;
const SEGMENT = `${PCHAR}*`;
const USERINFO = `(?:[${UNRESERVED}${SUB_DELIMS}:]|${PCT})*`;
const REG_NAME = `(?:[${UNRESERVED}${SUB_DELIMS}]|${PCT})*`;
const IP_LITERAL = `\\[([^\\]/?#]*)\\]`;
const QUERY_OR_FRAGMENT = `(?:[${UNRESERVED}${SUB_DELIMS}:@/?]|${PCT})*`;
const URI = new RegExp(
  `^[a-z][a-z0-9+\\-.]*:` +
    // hier-part: an authority (after "//", or "/" as ajv-formats also allows) with an absolute path,
    // or an absolute path, or a rootless path. An empty hier-part is rejected, as ajv-formats does.
    `(?:\\/?\\/(?:${USERINFO}@)?(?:${IP_LITERAL}|${REG_NAME})(?::\\d*)?(?:\\/${SEGMENT})*` +
    `|\\/(?:${PCHAR}+(?:\\/${SEGMENT})*)?` +
    `|${PCHAR}+(?:\\/${SEGMENT})*)` +
    `(?:\\?${QUERY_OR_FRAGMENT})?(?:#${QUERY_OR_FRAGMENT})?$`,
  'i',
);
const IP_FUTURE = /^v[0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+$/i;

/** An absolute URI per RFC 3986 (scheme required). */
export function isUri(value: string): boolean {
  const m = URI.exec(value);
  if (!m) return false;
  const literal = m[1];
  if (literal === undefined) return true;
  // RFC 3986 has no IPv6 zone ids (RFC 6874 added them); Node's isIPv6 accepts them.
  return (isIPv6(literal) && !literal.includes('%')) || IP_FUTURE.test(literal);
}

const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** A textual UUID, optionally as a `urn:uuid:` URN. */
export function isUuidFormat(value: string): boolean {
  return UUID.test(value);
}

export const formats = { 'date-time': isDateTime, uri: isUri, uuid: isUuidFormat } as const;
