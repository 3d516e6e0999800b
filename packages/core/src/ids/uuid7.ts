import { createHash, randomFillSync } from 'node:crypto';

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function format(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[b[i]!]!;
  }
  return s;
}

function writeTimestamp(b: Uint8Array, ms: number): void {
  // 48-bit big-endian; division instead of shifts because JS shifts are 32-bit.
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
}

// Random bytes are drawn in batches: one crypto call per 256 ids keeps newRunId cheap.
const POOL_IDS = 256;
const pool = new Uint8Array(16 * POOL_IDS);
let poolOffset = pool.length;

function fillRandom(b: Uint8Array): void {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  b.set(pool.subarray(poolOffset, poolOffset + 10), 6);
  poolOffset += 16;
}

const state = new Uint8Array(16);
let lastMs = -1;

/** Adds one to the 74 bits after the timestamp (version and variant bits skipped); false on overflow. */
function increment(b: Uint8Array): boolean {
  for (let i = 15; i >= 9; i--) {
    if (b[i] !== 0xff) {
      b[i]! += 1;
      return true;
    }
    b[i] = 0;
  }
  if ((b[8]! & 0x3f) !== 0x3f) {
    b[8]! += 1;
    return true;
  }
  b[8] = 0x80;
  if (b[7] !== 0xff) {
    b[7]! += 1;
    return true;
  }
  b[7] = 0;
  if ((b[6]! & 0x0f) !== 0x0f) {
    b[6]! += 1;
    return true;
  }
  return false;
}

/**
 * A new random UUIDv7 (RFC 9562). Ids made in the same millisecond (or while the clock steps
 * back) continue from the previous one by incrementing its random bits (RFC 9562 §6.2 method 2),
 * so ids from one process always sort in creation order.
 */
export function newRunId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    writeTimestamp(state, now);
    fillRandom(state);
    // Clearing the top random bit leaves at least 2^73 increments before the counter can overflow.
    state[6] = 0x70 | (state[6]! & 0x07);
    state[8] = 0x80 | (state[8]! & 0x3f);
  } else if (!increment(state)) {
    lastMs += 1;
    writeTimestamp(state, lastMs);
    fillRandom(state);
    state[6] = 0x70 | (state[6]! & 0x07);
    state[8] = 0x80 | (state[8]! & 0x3f);
  }
  return format(state);
}

/** Python's `datetime.isoformat()` of an aware UTC datetime: microseconds only when non-zero. */
function pythonIsoformat(epochMicros: number): string {
  const ms = Math.floor(epochMicros / 1000);
  const micros = epochMicros - ms * 1000;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) throw new RangeError('staticRunId: instant is out of range');
  const year = d.getUTCFullYear();
  if (year < 1 || year > 9999) throw new RangeError('staticRunId: instant must fall in years 1..9999 (as Python datetime)');
  const p2 = (n: number) => String(n).padStart(2, '0');
  let s = `${String(year).padStart(4, '0')}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  const fraction = d.getUTCMilliseconds() * 1000 + micros;
  if (fraction !== 0) s += `.${String(fraction).padStart(6, '0')}`;
  return `${s}+00:00`;
}

const MASK_48 = (1n << 48n) - 1n;

/**
 * A deterministic UUIDv7 for an instant and some data, byte-identical to the Python client's
 * `generate_static_uuid(instant, data)`: timestamp = `int(instant.timestamp() * 1000)` and the
 * low 76 bits = the top 76 bits of `sha1(isoformat(instant in UTC) + data)`.
 *
 * `instant` is a Date or epoch milliseconds; a fractional number carries microseconds
 * (Python datetimes have microsecond precision, and the microseconds change the hash).
 * Strings are hashed as UTF-8, like Python's `str.encode()`.
 */
export function staticRunId(instant: Date | number, data: Uint8Array | string): string {
  const ms = instant instanceof Date ? instant.getTime() : instant;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new TypeError('staticRunId: instant must be a valid Date or a finite number of epoch milliseconds');
  if (typeof data !== 'string' && !(data instanceof Uint8Array)) throw new TypeError('staticRunId: data must be a string or a Uint8Array');
  const epochMicros = Math.round(ms * 1000);
  // Reproduces Python's float arithmetic exactly (timedelta.total_seconds() divides by 10**6,
  // then `* 1000` and int() truncate), including its occasional off-by-one millisecond.
  const timestamp = Math.trunc((epochMicros / 1e6) * 1000);

  const hash = createHash('sha1');
  hash.update(pythonIsoformat(epochMicros), 'utf8');
  hash.update(data);
  const digest = hash.digest();
  const node = BigInt(`0x${digest.toString('hex')}`) >> 84n;

  let u = (BigInt(timestamp) & MASK_48) << 80n;
  u |= node;
  u = (u & ~(0xfn << 76n)) | (7n << 76n);
  u = (u & ~(0x3n << 62n)) | (0x2n << 62n);
  const hex = u.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for any RFC 4122/9562 textual UUID (the spec's `format: uuid`). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
