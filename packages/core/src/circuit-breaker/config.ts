import type { OptionReader } from '../config/options.js';
import { nodeRuntimeCircuitBreaker, simpleMemoryCircuitBreaker, staticCircuitBreaker, timeoutCircuitBreaker, type CircuitBreaker } from './breakers.js';

export const CIRCUIT_BREAKER_TYPES = ['static', 'timeout', 'simpleMemory', 'nodeRuntime'] as const;

/** The `circuitBreaker` section as the client will use it (for `openlineage config`). */
export interface CircuitBreakerSettings {
  type: (typeof CIRCUIT_BREAKER_TYPES)[number];
  options: Record<string, number | string>;
}

const KNOWN: Record<CircuitBreakerSettings['type'], readonly string[]> = {
  static: ['valuesReturned', 'circuitCheckIntervalInMillis'],
  timeout: ['timeoutInSeconds', 'circuitCheckIntervalInMillis'],
  simpleMemory: ['memoryThreshold', 'circuitCheckIntervalInMillis', 'timeoutInSeconds'],
  nodeRuntime: ['memoryThreshold', 'gcCpuThreshold', 'eventLoopDelayThresholdInMillis', 'circuitCheckIntervalInMillis', 'timeoutInSeconds'],
};

export function isCircuitBreaker(value: unknown): value is CircuitBreaker {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CircuitBreaker).check === 'function' &&
    typeof (value as CircuitBreaker).close === 'function'
  );
}

/**
 * Reads `circuitBreaker` with Java's key names. Types match case-insensitively; `javaRuntime` (from a
 * config shared with Java services) means `nodeRuntime`. An unknown type is an error here, where Java
 * silently runs without a breaker.
 */
export function readCircuitBreakerSettings(cb: OptionReader): CircuitBreakerSettings {
  const raw = cb.string('type', { required: true });
  const lower = raw.toLowerCase();
  if (lower === 'asynctaskqueue') {
    throw cb.error(
      'type',
      `a circuit breaker this client implements (${CIRCUIT_BREAKER_TYPES.join(', ')}); asyncTaskQueue manages Java thread pools and has no Node.js counterpart`,
      raw,
    );
  }
  const type = lower === 'javaruntime' ? 'nodeRuntime' : CIRCUIT_BREAKER_TYPES.find((t) => t.toLowerCase() === lower);
  if (type === undefined) throw cb.error('type', `one of ${CIRCUIT_BREAKER_TYPES.join(', ')} (or javaRuntime)`, raw);
  const known = KNOWN[type];
  const unknown = cb.unknownKeys(['type', ...known]);
  if (unknown.length > 0) throw cb.error(unknown[0]!, `only ${known.join(', ')} for a ${type} circuit breaker`, cb.raw[unknown[0]!]);
  const options: Record<string, number | string> = {};
  const percent = (key: string, def: number) => (options[key] = cb.number(key, { default: def, min: 0, max: 100 }));
  const interval = () => (options.circuitCheckIntervalInMillis = cb.number('circuitCheckIntervalInMillis', { default: 1000, min: 1, integer: true }));
  const timeout = (required: boolean) => {
    const t = required ? cb.number('timeoutInSeconds', { required: true, min: 0 }) : cb.number('timeoutInSeconds', { min: 0 });
    if (t !== undefined) options.timeoutInSeconds = t;
  };
  switch (type) {
    case 'static': {
      const values = cb.get('valuesReturned');
      const text = Array.isArray(values) ? values.map(String).join(',') : cb.string('valuesReturned', { required: true });
      const bad = text.split(',').find((v) => !['true', 'false'].includes(v.trim().toLowerCase()));
      if (bad !== undefined) throw cb.error('valuesReturned', 'a comma-separated list of true / false', values);
      options.valuesReturned = text;
      interval();
      break;
    }
    case 'timeout':
      timeout(true);
      interval();
      break;
    case 'simpleMemory':
      percent('memoryThreshold', 20);
      interval();
      timeout(false);
      break;
    case 'nodeRuntime': {
      percent('memoryThreshold', 20);
      percent('gcCpuThreshold', 10);
      const delay = cb.number('eventLoopDelayThresholdInMillis', { min: 1 });
      if (delay !== undefined) options.eventLoopDelayThresholdInMillis = delay;
      interval();
      timeout(false);
      break;
    }
  }
  return { type, options };
}

export function createCircuitBreaker(settings: CircuitBreakerSettings): CircuitBreaker {
  const o = settings.options as Record<string, number | undefined> & { valuesReturned?: string };
  const sampling = {
    circuitCheckIntervalInMillis: o.circuitCheckIntervalInMillis!,
    ...(o.timeoutInSeconds !== undefined ? { timeoutInSeconds: o.timeoutInSeconds } : {}),
  };
  switch (settings.type) {
    case 'static':
      return staticCircuitBreaker({ valuesReturned: o.valuesReturned! });
    case 'timeout':
      return timeoutCircuitBreaker({ timeoutInSeconds: o.timeoutInSeconds! });
    case 'simpleMemory':
      return simpleMemoryCircuitBreaker({ ...sampling, memoryThreshold: o.memoryThreshold! });
    case 'nodeRuntime':
      return nodeRuntimeCircuitBreaker({
        ...sampling,
        memoryThreshold: o.memoryThreshold!,
        gcCpuThreshold: o.gcCpuThreshold!,
        ...(o.eventLoopDelayThresholdInMillis !== undefined ? { eventLoopDelayThresholdInMillis: o.eventLoopDelayThresholdInMillis } : {}),
      });
  }
}
