/**
 * Contract of the `file` transport:
 * - emit(event): writes core's toJSON of the event as one JSON line (append) or one file per event; resolves once
 *   written, rejects with a TransportError naming the file otherwise (or at once when it cannot be serialized).
 * - flush(timeoutMs) / close(timeoutMs): the one definition in @ol/delivery's README; close releases the descriptor
 *   once no write is in flight; idempotent. No stats(): every outcome reaches emit's caller.
 */
import fs from 'node:fs';
import { FlushTracker, type Epoch } from '@ol/delivery';
import path from 'node:path';
import { type Logger, type OpenLineageEvent, redactWhenPrinted, silentLogger, toJSON, type Transport, TransportError } from '@ol/core';
import { codeScope } from '@ol/core/internal';
import { eventFileName, nowMicros } from './naming.js';
import { readFileConfig, type FileTransportConfig } from './config.js';

/** Options for `createFileTransport`: the config keys in any spelling, plus a logger. */
export interface FileTransportOptions {
  logFilePath?: string;
  log_file_path?: string;
  append?: boolean | string;
  debugMode?: boolean | string;
  debug_mode?: boolean | string;
  logger?: Logger;
}

/**
 * Above this many characters, lines queued while a write is in flight go out in more than one
 * write; each line is still written whole by exactly one write call.
 */
const MAX_BATCH_CHARS = 1 << 20;

interface Pending {
  text: string;
  epoch: Epoch;
  resolve: () => void;
  reject: (err: TransportError) => void;
}

/**
 * Writes events as JSON Lines to one file (`append: true`) or one file per event.
 *
 * Appends go through one O_APPEND descriptor kept open until `close()`. Lines that arrive
 * while a write is in flight are queued and written together in the next single write, so
 * the file keeps emit order and no line is ever split or interleaved, even with another
 * process appending to the same file. The append path is callback-driven on purpose: it runs
 * once per event and its cost is measured against a raw `fs.write` loop (bench/file.bench.ts).
 */
export class FileTransport implements Transport {
  static {
    // console.log / JSON.stringify show the config with secrets as ***.
    redactWhenPrinted(this);
  }

  readonly type = 'file';
  readonly config: FileTransportConfig;
  private readonly logger: Logger;
  private readonly clock: () => number;
  private fd: number | undefined;
  private opening: Promise<number> | undefined;
  private queue: Pending[] = [];
  private writing = false;
  /** Emits not yet settled and their outcome since the last flush: what `flush` and `close` report (see @ol/delivery). */
  private readonly flushes = new FlushTracker();
  private dirReady: Promise<void> | undefined;
  private lastMicros = 0;
  private closed: Promise<boolean> | undefined;

  /** `clock` (microseconds since the epoch) exists so name clashes can be reproduced. */
  constructor(config: FileTransportConfig, logger: Logger = silentLogger, clock: () => number = nowMicros) {
    this.config = config;
    this.logger = logger;
    this.clock = clock;
  }

  emit(event: OpenLineageEvent): Promise<void> {
    if (this.closed) return Promise.reject(new TransportError(`file transport for ${this.config.logFilePath} is closed`, { transport: 'file' }));
    let text: string;
    try {
      text = toJSON(event);
      // Debug mode pretty-prints (indent 2, as Python); JSON Lines stay one line per event.
      if (this.config.debugMode && !this.config.append) text = JSON.stringify(JSON.parse(text), null, 2);
    } catch (cause) {
      this.flushes.refuse();
      return Promise.reject(
        new TransportError(`Could not serialize the event for ${this.config.logFilePath}: ${(cause as Error).message}`, { transport: 'file', cause }),
      );
    }
    const epoch = this.flushes.enter();
    if (this.config.append) {
      return new Promise<void>((resolve, reject) => {
        this.queue.push({ text: text + '\n', epoch, resolve, reject });
        this.pump();
      });
    }
    const done = this.writeNewFile(text + '\n', event);
    done.then(
      () => this.flushes.settle(epoch, true),
      () => this.flushes.settle(epoch, false),
    );
    return done;
  }

  /** True when every event emitted since the previous flush was written; false when one failed or some are still being written after `timeoutMs`. */
  flush(timeoutMs?: number): Promise<boolean> {
    return this.flushes.flush(timeoutMs);
  }

  close(timeoutMs?: number): Promise<boolean> {
    this.closed ??= (async () => {
      const done = await this.flush(timeoutMs);
      // Closing under a write still in flight could hand its descriptor number to another file;
      // when the timeout won, the descriptor is closed as soon as the last write finishes.
      if (this.flushes.outstanding === 0) await this.closeDescriptor();
      else void this.flushes.flush().then(() => this.closeDescriptor());
      return done;
    })();
    return this.closed;
  }

  private async closeDescriptor(): Promise<void> {
    const fd = this.fd ?? (await this.opening?.catch(() => undefined));
    this.fd = undefined;
    this.opening = undefined;
    if (fd === undefined) return;
    await new Promise<void>((resolve) =>
      fs.close(fd, (err) => {
        if (err) this.logger.warn(`Closing ${this.config.logFilePath} failed: ${err.message}`);
        resolve();
      }),
    );
  }

  /** Starts the next write if none is in flight: everything queued so far, in one call. */
  private pump(): void {
    if (this.writing || this.queue.length === 0) return;
    this.writing = true;
    const batch = this.takeBatch();
    // Encoded once here, so the write needs no second pass to learn how many bytes it must see written.
    const data = Buffer.from(batch.length === 1 ? batch[0]!.text : batch.map((p) => p.text).join(''), 'utf8');
    const finish = (err: unknown) => {
      if (err) {
        const e = this.writeError(this.config.logFilePath, err);
        for (const p of batch) {
          p.reject(e);
          this.flushes.settle(p.epoch, false);
        }
      } else {
        for (const p of batch) {
          p.resolve();
          this.flushes.settle(p.epoch, true);
        }
      }
      this.writing = false;
      this.pump();
    };
    if (this.fd !== undefined) this.write(this.fd, data, finish);
    else this.openAppend().then((fd) => this.write(fd, data, finish), finish);
  }

  private write(fd: number, data: Buffer, done: (err: unknown) => void): void {
    fs.write(fd, data, 0, data.length, null, (err, written) => {
      if (err) return done(err);
      // A short write only happens when the disk is (nearly) full; finish the line rather than leave half of it.
      if (written < data.length) writeRest(fd, data, written, done);
      else done(undefined);
    });
  }

  private takeBatch(): Pending[] {
    let size = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || size + this.queue[n]!.text.length <= MAX_BATCH_CHARS)) {
      size += this.queue[n]!.text.length;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private openAppend(): Promise<number> {
    this.opening ??= (async () => {
      await this.ensureDir();
      return new Promise<number>((resolve, reject) => fs.open(this.config.logFilePath, 'a', (err, fd) => (err ? reject(err) : resolve(fd))));
    })().then(
      (fd) => {
        this.fd = fd;
        return fd;
      },
      (err: unknown) => {
        // A failed open is retried by the next emit (the directory may become writable).
        this.opening = undefined;
        throw err;
      },
    );
    return this.opening;
  }

  private ensureDir(): Promise<void> {
    this.dirReady ??= fs.promises.mkdir(path.dirname(path.resolve(this.config.logFilePath)), { recursive: true }).then(
      () => undefined,
      (err: unknown) => {
        this.dirReady = undefined;
        throw err;
      },
    );
    return this.dirReady;
  }

  private async writeNewFile(data: string, event: OpenLineageEvent): Promise<void> {
    let name = '';
    try {
      await this.ensureDir();
      // Never overwrite: exclusive create, and on a name clash (same microsecond, another process) the next microsecond.
      for (let attempt = 0; ; attempt++) {
        name = eventFileName(this.config.logFilePath, this.nextMicros(), this.config.debugMode ? event : undefined);
        try {
          await fs.promises.writeFile(name, data, { flag: 'wx' });
          return;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 1000) throw err;
        }
      }
    } catch (cause) {
      throw this.writeError(name || this.config.logFilePath, cause);
    }
  }

  /** Strictly increasing within this transport, so two events never race for one name. */
  private nextMicros(): number {
    this.lastMicros = Math.max(this.clock(), this.lastMicros + 1);
    return this.lastMicros;
  }

  private writeError(file: string, cause: unknown): TransportError {
    const e = cause as NodeJS.ErrnoException;
    const reason = e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS' ? 'is not writeable' : 'could not be written';
    const err = new TransportError(`Log file ${file} ${reason}: ${e.message}`, { transport: 'file', cause });
    this.logger.debug(err.message);
    return err;
  }
}

function writeRest(fd: number, bytes: Buffer, offset: number, done: (err: unknown) => void): void {
  if (offset >= bytes.length) return done(undefined);
  fs.write(fd, bytes, offset, bytes.length - offset, null, (err, written) => (err ? done(err) : writeRest(fd, bytes, offset + written, done)));
}

/** Builds a file transport from options given in code (any key spelling, like the YAML form). */
export function createFileTransport(options: FileTransportOptions): FileTransport {
  const { logger, ...raw } = options;
  return new FileTransport(readFileConfig(raw, codeScope(['transport'])), logger);
}
