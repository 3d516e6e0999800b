import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** One candidate event read from the input, or the reason it could not be read. */
export interface InputRecord {
  /** `events.jsonl:3`, `batch.json[2]`, `<stdin>:7`: what the user sees in reports. */
  position: string;
  source: string;
  /** 1-based line where the record starts, when known. */
  line?: number;
  /** 0-based index inside a JSON array, when the record came from one. */
  index?: number;
  value?: unknown;
  /** Set when the text could not be parsed; `value` is then absent. */
  error?: string;
}

export const STDIN = '-';

/**
 * Reads JSON, a JSON array, or JSON Lines from each file in turn (`-` or no files: stdin).
 * JSON Lines stream record by record; a bad line becomes an error record and reading goes on.
 */
export async function* readInputs(files: readonly string[], stdin: NodeJS.ReadableStream, cwd: string): AsyncGenerator<InputRecord> {
  const list = files.length === 0 ? [STDIN] : files;
  for (const file of list) {
    if (file === STDIN) {
      yield* readSource('<stdin>', stdin);
    } else {
      const stream = createReadStream(path.resolve(cwd, file));
      yield* readSource(file, stream);
    }
  }
}

type Mode = 'undecided' | 'lines' | 'document';

async function* readSource(source: string, stream: NodeJS.ReadableStream): AsyncGenerator<InputRecord> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let mode: Mode = 'undecided';
  const buffered: string[] = [];
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo += 1;
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (mode === 'lines') {
      yield* parseLine(source, line, lineNo);
      continue;
    }
    buffered.push(line);
    if (mode === 'document' || line.trim() === '') continue;
    // The first non-blank line decides: a complete JSON value on its own means JSON Lines (streamed);
    // anything else is read whole, as one pretty-printed document.
    const parsed = tryParse(line);
    if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null) {
      mode = 'lines';
      buffered.length = 0;
      yield* fromValue(source, parsed.value, lineNo);
    } else {
      mode = 'document';
    }
  }
  if (mode === 'document') yield* parseDocument(source, buffered);
}

function* parseLine(source: string, line: string, lineNo: number): Generator<InputRecord> {
  if (line.trim() === '') return;
  const parsed = tryParse(line);
  if (parsed.ok) yield* fromValue(source, parsed.value, lineNo);
  else yield { position: `${source}:${lineNo}`, source, line: lineNo, error: `not valid JSON: ${parsed.error}` };
}

function* parseDocument(source: string, lines: string[]): Generator<InputRecord> {
  const text = lines.join('\n');
  const parsed = tryParse(text);
  if (parsed.ok) {
    yield* fromValue(source, parsed.value, firstContentLine(lines));
    return;
  }
  // A broken first line in a JSON Lines file looks like a broken document; if other lines stand on
  // their own, treat it as JSON Lines so one bad line does not hide the rest.
  const standalone = lines.filter((l) => l.trim() !== '' && tryParse(l).ok).length;
  if (standalone > 0 && lines.every((l) => l.trim() === '' || /^\s*[[{]/.test(l))) {
    for (let i = 0; i < lines.length; i++) yield* parseLine(source, lines[i]!, i + 1);
    return;
  }
  const at = parsed.position === undefined ? undefined : lineColumn(text, parsed.position);
  const where = at ? `${source}:${at.line}:${at.column}` : source;
  yield { position: where, source, ...(at ? { line: at.line } : {}), error: `not valid JSON: ${parsed.error}` };
}

function* fromValue(source: string, value: unknown, line: number | undefined): Generator<InputRecord> {
  const base = line === undefined ? source : `${source}:${line}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      yield { position: `${base}[${i}]`, source, ...(line === undefined ? {} : { line }), index: i, value: value[i] };
    }
  } else {
    yield { position: base, source, ...(line === undefined ? {} : { line }), value };
  }
}

function firstContentLine(lines: readonly string[]): number | undefined {
  const i = lines.findIndex((l) => l.trim() !== '');
  return i < 0 ? undefined : i + 1;
}

type ParseResult = { ok: true; value: unknown } | { ok: false; error: string; position?: number };

function tryParse(text: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const pos = /at position (\d+)/.exec(message);
    // V8 quotes the whole input in some messages; the position is what the user needs, not a copy of the line.
    const short = message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    return pos ? { ok: false, error: short, position: Number(pos[1]) } : { ok: false, error: short };
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lastBreak = i;
    }
  }
  return { line, column: offset - lastBreak };
}
