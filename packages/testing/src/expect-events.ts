import { AssertionError } from 'node:assert';
import { eventKind, type OpenLineageEvent } from '@ol/core';
import { toMermaid } from '@ol/lineage-view/mermaid';
import { isMatcher } from './matchers.js';

/**
 * The key an event is expected under: `<job name>.event.<event type in lower case>` for run
 * events (the Airflow system-test convention), `<job name>.event.job` for job events and
 * `<dataset name>.event.dataset` for dataset events.
 */
export function eventKey(event: OpenLineageEvent): string {
  switch (eventKind(event)) {
    case 'RunEvent': {
      const e = event as { job: { name: string }; eventType?: string };
      return `${e.job.name}.event.${(e.eventType ?? 'other').toLowerCase()}`;
    }
    case 'JobEvent':
      return `${(event as { job: { name: string } }).job.name}.event.job`;
    case 'DatasetEvent':
      return `${(event as { dataset: { name: string } }).dataset.name}.event.dataset`;
  }
}

interface Difference {
  path: string;
  expected: string;
  actual: string;
}

/**
 * Compares events against partial expectations: only the fields given in `expected` are
 * compared (objects partially, arrays element by element with equal length), and matchers
 * (`any.uuid()`, `matching(/re/)`) stand for values that vary. When several events share a
 * key, the expectation passes if any of them matches. Throws an AssertionError with a
 * readable list of differences, so it works under vitest, jest and node:test alike.
 */
export function expectEvents(actual: readonly OpenLineageEvent[], expected: Record<string, unknown>): void {
  const byKey = new Map<string, OpenLineageEvent[]>();
  for (const event of actual) {
    const key = eventKey(event);
    const list = byKey.get(key);
    if (list) list.push(event);
    else byKey.set(key, [event]);
  }

  const failures: string[] = [];
  for (const [key, partial] of Object.entries(expected)) {
    const candidates = byKey.get(key);
    if (!candidates) {
      failures.push(`${key}: no event with this key (seen: ${[...byKey.keys()].sort().join(', ') || 'none'})`);
      continue;
    }
    let best: Difference[] | undefined;
    for (const candidate of candidates) {
      const diffs: Difference[] = [];
      compare(partial, candidate, '', diffs);
      if (diffs.length === 0) {
        best = [];
        break;
      }
      if (!best || diffs.length < best.length) best = diffs;
    }
    if (best && best.length > 0) {
      const of = candidates.length > 1 ? ` (closest of ${candidates.length} events with this key)` : '';
      failures.push(`${key}${of}:\n${best.map((d) => `    at ${d.path || '(root)'}: expected ${d.expected}, got ${d.actual}`).join('\n')}`);
    }
  }

  if (failures.length > 0) {
    throw new AssertionError({
      message: `OpenLineage events do not match the expectations:\n  ${failures.join('\n  ')}${lineageSketch(actual)}`,
      actual: Object.fromEntries([...byKey].map(([k, v]) => [k, v.length === 1 ? v[0] : v])),
      expected,
      operator: 'expectEvents',
    });
  }
}

/** Longer graphs stop helping in a failure message: they are left out. */
const MAX_GRAPH_LINES = 30;

/** The Mermaid graph of the events seen (without colour classes), when it is short enough to read. */
function lineageSketch(events: readonly OpenLineageEvent[]): string {
  const lines = toMermaid(events, { styles: false }).trimEnd().split('\n');
  if (lines.length <= 1 || lines.length > MAX_GRAPH_LINES) return '';
  return `\n\nLineage of the ${events.length === 1 ? 'event' : `${events.length} events`} seen (Mermaid):\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

function compare(expected: unknown, actual: unknown, path: string, out: Difference[]): void {
  if (isMatcher(expected)) {
    if (!expected.matches(actual)) out.push({ path, expected: expected.description, actual: show(actual) });
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push({ path, expected: `an array of ${expected.length}`, actual: show(actual) });
      return;
    }
    if (actual.length !== expected.length) {
      out.push({ path, expected: `an array of ${expected.length}`, actual: `an array of ${actual.length}` });
      return;
    }
    expected.forEach((item, i) => {
      compare(item, actual[i], `${path}[${i}]`, out);
    });
    return;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
      out.push({ path, expected: 'an object', actual: show(actual) });
      return;
    }
    for (const [k, v] of Object.entries(expected)) {
      compare(v, (actual as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
    }
    return;
  }
  if (!Object.is(expected, actual)) out.push({ path, expected: show(expected), actual: show(actual) });
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const s = JSON.stringify(value);
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}
