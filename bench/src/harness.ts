/** Shared pieces for benchmarks: every figure comes with a baseline measured in the same run. */
import type { RunEvent } from '@ol/core';

export interface Scenario {
  name: string;
  figure: number;
  unit: string;
  baseline: number | null;
  baselineName: string | null;
  /** figure / baseline, oriented so that higher is better when `higherIsBetter`. */
  ratio: number | null;
  /** Human-readable goal, e.g. `>= 0.9x raw`. */
  goal: string;
  higherIsBetter: boolean;
  meetsGoal: boolean | null;
}

export interface ScenarioInput {
  name: string;
  figure: number;
  unit: string;
  baseline?: number;
  baselineName?: string;
  higherIsBetter?: boolean;
  /** Minimum ratio figure/baseline (or baseline/figure when lower is better) to meet the goal. */
  minRatio?: number;
  /** For figures without a ratio goal: a bound on the figure itself. */
  maxFigure?: number;
  goal?: string;
}

export function scenario(s: ScenarioInput): Scenario {
  const higherIsBetter = s.higherIsBetter ?? true;
  const baseline = s.baseline ?? null;
  const ratio = baseline === null || baseline === 0 || s.figure === 0 ? null : higherIsBetter ? s.figure / baseline : baseline / s.figure;
  let meetsGoal: boolean | null = null;
  if (s.minRatio !== undefined && ratio !== null) meetsGoal = ratio >= s.minRatio;
  else if (s.maxFigure !== undefined) meetsGoal = s.figure <= s.maxFigure;
  return {
    name: s.name,
    figure: round(s.figure),
    unit: s.unit,
    baseline: baseline === null ? null : round(baseline),
    baselineName: s.baselineName ?? null,
    ratio: ratio === null ? null : round(ratio),
    goal:
      s.goal ??
      (s.minRatio !== undefined ? `>= ${s.minRatio}x ${s.baselineName ?? 'baseline'}` : s.maxFigure !== undefined ? `<= ${s.maxFigure} ${s.unit}` : 'report'),
    higherIsBetter,
    meetsGoal,
  };
}

/**
 * CPU time (user + system, every thread: the GC's helpers count) since `start`, in µs. Rows that count CPU
 * rather than wall time do not charge a loop for the time it spent descheduled on a shared machine.
 */
export function cpuMicros(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `repetitions` times and returns the median of what it returns. */
export async function medianOf(repetitions: number, fn: () => Promise<number>): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < repetitions; i++) out.push(await fn());
  return median(out);
}

/**
 * Alternates candidate and baseline runs so drift on a shared machine hits both alike: the median
 * of each, and the median of `candidate - baseline` over the pairs, which for a small difference
 * between two similar loops is steadier than the difference of the medians.
 */
export async function paired(
  repetitions: number,
  candidate: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<{ figure: number; baseline: number; difference: number }> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    if (i % 2 === 0) {
      b.push(await baseline());
      a.push(await candidate());
    } else {
      a.push(await candidate());
      b.push(await baseline());
    }
  }
  return { figure: median(a), baseline: median(b), difference: median(a.map((x, i) => x - b[i]!)) };
}

function round(n: number): number {
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000;
}

/** A benchmark module's default export. */
export type Bench = () => Promise<Scenario[]>;

/** A run event like a small ETL job's: one input, one output, deterministic time. */
export function benchEvent(runId: string, eventType: 'START' | 'COMPLETE', i: number): RunEvent {
  return {
    eventType,
    eventTime: new Date(1_700_000_000_000 + i).toISOString(),
    producer: 'https://github.com/openlineage-ts/bench',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId },
    job: { namespace: 'bench', name: `job_${i % 100}` },
    inputs: [{ namespace: 'postgres://db:5432', name: `public.source_${i % 10}` }],
    outputs: [{ namespace: 'postgres://db:5432', name: `public.target_${i % 10}` }],
  };
}

/** Event `i` of a stream of runs that each START and COMPLETE: events 2k and 2k+1 share a run id. */
export function sequenceEvent(i: number): RunEvent {
  return benchEvent(`01890000-0000-7000-8000-${String(i >> 1).padStart(12, '0')}`, i % 2 ? 'COMPLETE' : 'START', i);
}
