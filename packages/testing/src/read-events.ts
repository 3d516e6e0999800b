import fs from 'node:fs/promises';
import path from 'node:path';
import type { OpenLineageEvent } from '@ol/core';

/**
 * Loads what a file transport wrote: a JSON Lines file (`append: true`), a single JSON
 * document or array, or — given the `log_file_path` prefix of `append: false` — every
 * `<prefix>-*.json` file, in name (= time) order.
 */
export async function readEventsFile(file: string): Promise<OpenLineageEvent[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return readPerEventFiles(file);
  }
  return parseEvents(text, file);
}

async function readPerEventFiles(prefix: string): Promise<OpenLineageEvent[]> {
  const dir = path.dirname(prefix);
  const base = path.basename(prefix) + '-';
  const names = (await fs.readdir(dir)).filter((n) => n.startsWith(base) && n.endsWith('.json')).sort();
  if (names.length === 0) throw new Error(`no events at ${prefix}: neither a file nor ${prefix}-*.json files exist`);
  const out: OpenLineageEvent[] = [];
  for (const n of names) out.push(...parseEvents(await fs.readFile(path.join(dir, n), 'utf8'), path.join(dir, n)));
  return out;
}

function parseEvents(text: string, source: string): OpenLineageEvent[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    const whole: unknown = JSON.parse(trimmed);
    return (Array.isArray(whole) ? whole : [whole]) as OpenLineageEvent[];
  } catch {
    // Not one document: JSON Lines.
  }
  return trimmed.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as OpenLineageEvent];
    } catch (err) {
      throw new Error(`${source}:${i + 1}: not a JSON event (${(err as Error).message})`);
    }
  });
}
