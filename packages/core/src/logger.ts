/**
 * A replaceable logger: anything with error/warn/info/debug (pino, winston, console) fits.
 * The default writes to stderr at `warn`, or at the level in OPENLINEAGE_CLIENT_LOGGING.
 */
export interface Logger {
  error(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Accepts Python's names too (`DEBUG`, `WARNING`, `CRITICAL`, `NOTSET`). */
export function parseLogLevel(value: string | undefined): LogLevel | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'warning') return 'warn';
  if (v === 'critical' || v === 'fatal') return 'error';
  if (v === 'notset' || v === 'trace') return 'debug';
  if (v === 'off' || v === 'none') return 'silent';
  return v in ORDER ? (v as LogLevel) : undefined;
}

export function createLogger(options: { level?: LogLevel; write?: (line: string) => void } = {}): Logger {
  const threshold = ORDER[options.level ?? 'warn'];
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const at =
    (level: LogLevel) =>
    (message: string, ...args: unknown[]) => {
      if (ORDER[level] < threshold) return;
      const extra = args.length ? ' ' + args.map(formatArg).join(' ') : '';
      write(`[openlineage] ${level.toUpperCase()} ${message}${extra}`);
    };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

/** The logger used when the caller gives none: level from OPENLINEAGE_CLIENT_LOGGING. */
export function defaultLogger(env: Record<string, string | undefined> = process.env): Logger {
  return createLogger({ level: parseLogLevel(env.OPENLINEAGE_CLIENT_LOGGING) ?? 'warn' });
}

export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };

function formatArg(a: unknown): string {
  if (a instanceof Error) return `${a.name}: ${a.message}`;
  if (typeof a === 'string') return a;
  try {
    return JSON.stringify(a);
  } catch {
    return String(a);
  }
}

/** Logs a message at most once per `intervalMs` (plus a count of suppressed repeats). */
export function rateLimited(log: (message: string) => void, intervalMs = 10_000): (message: string) => void {
  let last = -Infinity;
  let suppressed = 0;
  return (message) => {
    const now = Date.now();
    if (now - last < intervalMs) {
      suppressed++;
      return;
    }
    last = now;
    log(suppressed ? `${message} (${suppressed} similar messages suppressed)` : message);
    suppressed = 0;
  };
}
