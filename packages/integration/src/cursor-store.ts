import fs from 'node:fs/promises';
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { OpenLineageError } from '@ol/core';

/** Thrown when another live process holds the sensor's lock on the same cursor. */
export class SensorLockedError extends OpenLineageError {
  static override readonly brand: symbol = Symbol.for('@ol/integration.error.SensorLockedError');
  override name = 'SensorLockedError';

  constructor(
    readonly lockFile: string,
    readonly holderPid: number,
  ) {
    super(
      `another sensor (pid ${holderPid}) is already using this cursor (lock file ${lockFile}); two sensors on one cursor would emit every event twice. Stop it, or remove the lock file if that process is gone.`,
    );
  }
}

// Locks held by this process: a second sensor in the same process must be refused too.
const heldHere = new Set<string>();

/** Reads and atomically writes a cursor file, guarded by a `<cursor>.lock` lock file. */
export class CursorStore {
  readonly lockFile: string;
  private locked = false;

  constructor(readonly file: string) {
    this.lockFile = `${file}.lock`;
  }

  async read(): Promise<string | undefined> {
    try {
      const text = (await fs.readFile(this.file, 'utf8')).trim();
      return text === '' ? undefined : (JSON.parse(text) as { cursor?: string }).cursor;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`cursor file ${this.file} is unreadable: ${(err as Error).message}`);
    }
  }

  /** Write to a temporary file, fsync, rename: a crash leaves the old cursor or the new one, never half of one. */
  async write(cursor: string): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const handle = await fs.open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify({ cursor, updatedAt: new Date().toISOString() }) + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, this.file);
  }

  /** Takes the lock, or throws SensorLockedError when a live process holds it (a stale lock is taken over). */
  lock(): void {
    if (this.locked) return;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.lockFile, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        this.locked = true;
        heldHere.add(path.resolve(this.lockFile));
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          mkdirSync(path.dirname(this.lockFile), { recursive: true });
          continue;
        }
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = Number(readFileSync(this.lockFile, 'utf8').trim());
        const liveElsewhere = holder !== process.pid && Number.isInteger(holder) && holder > 0 && isAlive(holder);
        if (liveElsewhere || heldHere.has(path.resolve(this.lockFile))) throw new SensorLockedError(this.lockFile, holder);
        unlinkSync(this.lockFile);
      }
    }
    throw new Error(`could not take the lock ${this.lockFile}`);
  }

  unlock(): void {
    if (!this.locked) return;
    this.locked = false;
    heldHere.delete(path.resolve(this.lockFile));
    try {
      unlinkSync(this.lockFile);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
