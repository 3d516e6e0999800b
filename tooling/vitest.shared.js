// Shared vitest settings: every package also writes a JSON report so `.ci/run` can print real totals.
export const sharedTestConfig = {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  reporters: ['default', 'json'],
  outputFile: { json: '.test-results.json' },
  testTimeout: 30_000,
  hookTimeout: 30_000,
};
