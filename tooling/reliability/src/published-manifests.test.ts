// Published packages must let applications dedupe their runtime dependencies and take security
// releases without waiting for us: ranges, never exact pins (the lockfile keeps CI reproducible).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../packages');

interface Manifest {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const published = fs
  .readdirSync(packagesDir)
  .map((dir) => path.join(packagesDir, dir, 'package.json'))
  .filter((file) => fs.existsSync(file))
  .map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest)
  .filter((m) => m.private !== true);

/** An exact version (`1.2.3`, `=1.2.3`, `v1.2.3`) pins; anything else is a range or a workspace protocol. */
const isExactPin = (spec: string) => /^[=v]?\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec.trim());

describe('published package manifests', () => {
  it('finds the published packages', () => {
    expect(published.map((m) => m.name)).toContain('@ol/transport-http');
  });

  for (const manifest of published) {
    it(`${manifest.name} declares its runtime dependencies as ranges`, () => {
      const pinned = Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies })
        .filter(([, spec]) => isExactPin(spec))
        .map(([name, spec]) => `${name}@${spec}`);
      expect(pinned).toEqual([]);
    });
  }
});
