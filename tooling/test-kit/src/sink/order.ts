/**
 * Tracks, per run id, whether a terminal event (COMPLETE / FAIL / ABORT) was accepted before the
 * run's START. Async transports promise START-before-terminal; this is how tests check it.
 */
const TERMINAL = new Set(['COMPLETE', 'FAIL', 'ABORT']);

export class RunOrderTracker {
  private readonly started = new Set<string>();
  /** Runs with a terminal event accepted while no START had been accepted yet. */
  private readonly terminalFirst = new Set<string>();
  private readonly violations = new Set<string>();

  record(event: unknown): void {
    if (typeof event !== 'object' || event === null) return;
    const e = event as { eventType?: unknown; run?: { runId?: unknown } };
    const runId = e.run?.runId;
    if (typeof runId !== 'string' || typeof e.eventType !== 'string') return;
    const type = e.eventType.toUpperCase();
    if (type === 'START') {
      this.started.add(runId);
      // The START showed up after its terminal event: that run was delivered out of order.
      if (this.terminalFirst.has(runId)) this.violations.add(runId);
    } else if (TERMINAL.has(type) && !this.started.has(runId)) {
      this.terminalFirst.add(runId);
    }
  }

  /** Run ids whose terminal event arrived before their START (only counted once the START arrives). */
  violatingRuns(): string[] {
    return [...this.violations];
  }

  /** Run ids with a terminal event but no START at all (yet). */
  runsWithoutStart(): string[] {
    return [...this.terminalFirst].filter((id) => !this.started.has(id));
  }

  clear(): void {
    this.started.clear();
    this.terminalFirst.clear();
    this.violations.clear();
  }
}
