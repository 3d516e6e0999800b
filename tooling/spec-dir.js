// Where the official OpenLineage spec files (schemas and fixtures) are, for cross-check tests.
// They are reference material kept outside the repository, so a clean clone elsewhere (CI) still
// finds them: $OPENLINEAGE_SPEC_DIR, then ../shared next to the checkout, then the workplace's copy.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const SPEC_DIR_CANDIDATES = [process.env.OPENLINEAGE_SPEC_DIR, path.resolve(repo, '..', 'shared', 'openlineage-spec'), '/work/shared/openlineage-spec'].filter(Boolean);

export function specDir() {
  const found = SPEC_DIR_CANDIDATES.find((dir) => existsSync(path.join(dir, 'OpenLineage.json')));
  if (found === undefined) throw new Error(`OpenLineage spec files not found (looked in ${SPEC_DIR_CANDIDATES.join(', ')}); set OPENLINEAGE_SPEC_DIR`);
  return found;
}
