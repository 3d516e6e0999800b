import { staticRunId } from '@ol/core';
import { Sensor, type SensorOptions } from './sensor.js';

/** Builds a sensor whose run ids come from core's `staticRunId` (same input → same UUID, as the Python client). */
export function createSensor<R>(options: SensorOptions<R>): Sensor<R> {
  return new Sensor({ ...options, runId: options.runId ?? ((identity, instant) => staticRunId(instant, identity)) });
}
