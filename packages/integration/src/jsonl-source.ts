import fs from 'node:fs/promises';
import type { RecordSource } from './sensor.js';

/** One line of a JSON Lines file: the parsed value, or why it could not be parsed. */
export interface JsonLine {
  line: number;
  value?: unknown;
  error?: string;
}

const CHUNK = 64 * 1024;

/**
 * A sensor source over a JSON Lines file such as the file transport's `append: true` output.
 * The cursor is `<byte offset>:<line number>` just past the last consumed line; a last line
 * without its newline is left for later, because the writer may still be appending it.
 */
export function jsonLinesSource(file: string): RecordSource<JsonLine> {
  return async (after, limit) => {
    let [offset, line] = parseCursor(after);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const out: { cursor: string; record: JsonLine }[] = [];
    try {
      let pending = Buffer.alloc(0);
      let pendingStart = offset;
      while (out.length < limit) {
        const buf = Buffer.allocUnsafe(CHUNK);
        const { bytesRead } = await handle.read(buf, 0, CHUNK, pendingStart + pending.length);
        if (bytesRead === 0) break;
        pending = Buffer.concat([pending, buf.subarray(0, bytesRead)]);
        let nl: number;
        while (out.length < limit && (nl = pending.indexOf(0x0a)) !== -1) {
          const text = pending.subarray(0, nl).toString('utf8');
          pending = pending.subarray(nl + 1);
          pendingStart += nl + 1;
          line += 1;
          offset = pendingStart;
          if (text.trim() === '') continue;
          let record: JsonLine;
          try {
            record = { line, value: JSON.parse(text) };
          } catch (err) {
            record = { line, error: (err as Error).message };
          }
          out.push({ cursor: `${offset}:${line}`, record });
        }
      }
    } finally {
      await handle.close();
    }
    return out;
  };
}

function parseCursor(cursor: string | undefined): [number, number] {
  if (cursor === undefined) return [0, 0];
  const m = /^(\d+):(\d+)$/.exec(cursor);
  if (!m) throw new Error(`not a JSON Lines cursor: ${JSON.stringify(cursor)} (expected "<offset>:<line>")`);
  return [Number(m[1]), Number(m[2])];
}
