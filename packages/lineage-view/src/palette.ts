import type { RunState } from './model.js';

/** One colour set per run state, shared by the page, Mermaid and DOT so every picture reads the same. */
export const STATE_COLOURS: Record<RunState, { fill: string; stroke: string; text: string }> = {
  START: { fill: '#dbeafe', stroke: '#2563eb', text: '#1e3a8a' },
  RUNNING: { fill: '#cffafe', stroke: '#0891b2', text: '#164e63' },
  COMPLETE: { fill: '#dcfce7', stroke: '#16a34a', text: '#14532d' },
  FAIL: { fill: '#fee2e2', stroke: '#dc2626', text: '#7f1d1d' },
  ABORT: { fill: '#ffedd5', stroke: '#ea580c', text: '#7c2d12' },
  OTHER: { fill: '#f1f5f9', stroke: '#64748b', text: '#1e293b' },
};

export const DATASET_COLOURS = { fill: '#f5f3ff', stroke: '#7c3aed', text: '#2e1065' };
