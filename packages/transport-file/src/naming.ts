import type { OpenLineageEvent } from '@ol/core';

/** Microseconds since the epoch; Date alone only has milliseconds and Python's names carry `%f`. */
export function nowMicros(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Local wall-clock parts of a microsecond timestamp (Python uses naive local `datetime.now()`). */
function parts(micros: number): { y: number; mo: string; d: string; h: string; mi: string; s: string; f: string } {
  const ms = Math.floor(micros / 1000);
  const date = new Date(ms);
  return {
    y: date.getFullYear(),
    mo: pad(date.getMonth() + 1),
    d: pad(date.getDate()),
    h: pad(date.getHours()),
    mi: pad(date.getMinutes()),
    s: pad(date.getSeconds()),
    f: pad(((micros % 1_000_000) + 1_000_000) % 1_000_000, 6),
  };
}

/** `%Y%m%d-%H%M%S.%f`, e.g. `20230815-143052.123456`. */
export function timestamp(micros: number): string {
  const p = parts(micros);
  return `${pad(p.y, 4)}${p.mo}${p.d}-${p.h}${p.mi}${p.s}.${p.f}`;
}

/** `%y%m%dT%H%M%S.%f`, e.g. `230815T143052.123456` (the Python debug-mode stamp). */
export function debugTimestamp(micros: number): string {
  const p = parts(micros);
  return `${pad(p.y % 100)}${p.mo}${p.d}T${p.h}${p.mi}${p.s}.${p.f}`;
}

/** Python's rule: every character that is not alphanumeric (Unicode-aware), `_`, `.` or `-` becomes `__`. */
export function sanitizeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}_.-]/gu, '__');
}

function objectField(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** `{job or dataset name}-{event type}` as the Python client's debug mode names files. */
export function debugSuffix(event: OpenLineageEvent): string {
  const job = objectField(objectField(event, 'job'), 'name');
  const dataset = objectField(objectField(event, 'dataset'), 'name');
  const name = typeof job === 'string' && job !== '' ? job : typeof dataset === 'string' && dataset !== '' ? dataset : 'unknown_job_name';
  const isRun = objectField(event, 'run') !== undefined;
  const type = objectField(event, 'eventType');
  return `${sanitizeName(name)}-${isRun && typeof type === 'string' && type !== '' ? type : 'unknown_event_type'}`;
}

/** Name of the file one event goes to when `append` is false. */
export function eventFileName(logFilePath: string, micros: number, debug: OpenLineageEvent | undefined): string {
  return debug === undefined ? `${logFilePath}-${timestamp(micros)}.json` : `${logFilePath}-${debugTimestamp(micros)}-${debugSuffix(debug)}.json`;
}
