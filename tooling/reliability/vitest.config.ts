import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.js';

// Each file starts its own peers; running files one at a time keeps timings honest on 2 cores.
export default defineConfig({ test: { ...sharedTestConfig, fileParallelism: false, testTimeout: 120_000 } });
