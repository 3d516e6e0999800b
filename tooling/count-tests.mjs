// Sums the vitest JSON reports every package writes, and prints "N passed, N failed".
// A test file that crashed before running any test counts as one failure, so a broken suite is never hidden.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
let passed = 0;
let failed = 0;
for (const group of ['packages', 'tooling', 'examples', '.']) {
  const dir = path.join(root, group);
  const entries = group === '.' ? ['bench'] : fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  for (const name of entries) {
    const file = path.join(dir, name, '.test-results.json');
    if (!fs.existsSync(file)) continue;
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    for (const suite of r.testResults ?? []) {
      if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed += 1;
    }
  }
}
console.log(`${passed} passed, ${failed} failed`);
