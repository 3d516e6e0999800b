/**
 * Where the official OpenLineage spec files (OpenLineage.json, facets/, tests/) are, for the tests
 * that cross-check against them. They are reference material kept outside the repository, so the
 * lookup names no machine path: `$OPENLINEAGE_SPEC_DIR`; `../shared/openlineage-spec` next to the
 * checkout (or next to its main checkout, for a `git worktree`); and, for a clone (CI runs
 * `git clone . $tmp`), the same next to the checkout the clone's `origin` remote points at when
 * that is a local directory. Imports nothing from @ol/core, so core's
 * own tests can use it (test-kit depends on core, so core cannot depend on test-kit).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SPEC_MARKER = 'OpenLineage.json';

/** The repository root holding this package (tooling/spec-files/{src,dist}/index.*). */
function repoRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

function git(dir: string, args: readonly string[]): string | undefined {
  try {
    const out = execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out === '' ? undefined : out;
  } catch {
    return undefined;
  }
}

/** The directory `remote.origin.url` names when it is a local path or file: URL; undefined otherwise. */
export function localOriginDir(repo: string): string | undefined {
  const url = git(repo, ['config', '--get', 'remote.origin.url']);
  if (url === undefined) return undefined;
  const dir = url.startsWith('file://')
    ? fileURLToPath(url)
    : /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[^/]+@[^:]+:/.test(url)
      ? undefined
      : path.resolve(repo, url);
  return dir !== undefined && existsSync(dir) ? dir : undefined;
}

/** For a linked worktree (`git worktree add`), the main checkout; else the directory itself. */
function mainCheckout(dir: string): string {
  const common = git(dir, ['rev-parse', '--path-format=absolute', '--git-common-dir']);
  return common !== undefined && path.basename(common) === '.git' ? path.dirname(common) : dir;
}

/** Where the spec files are looked for, in order. */
export function specDirCandidates(env: Record<string, string | undefined> = process.env, repo: string = repoRoot()): string[] {
  const origin = localOriginDir(repo);
  const checkouts = [repo, mainCheckout(repo), ...(origin === undefined ? [] : [origin, mainCheckout(origin)])];
  const dirs = [env.OPENLINEAGE_SPEC_DIR, ...checkouts.map((c) => path.resolve(c, '..', 'shared', 'openlineage-spec'))];
  return [...new Set(dirs.filter((d): d is string => d !== undefined && d !== ''))];
}

/** The directory holding OpenLineage.json, facets/ and tests/ of the official spec; throws naming where it looked. */
export function specDir(env: Record<string, string | undefined> = process.env, repo: string = repoRoot()): string {
  const candidates = specDirCandidates(env, repo);
  const found = candidates.find((dir) => existsSync(path.join(dir, SPEC_MARKER)));
  if (found === undefined) throw new Error(`OpenLineage spec files not found (looked in ${candidates.join(', ')}); set OPENLINEAGE_SPEC_DIR`);
  return found;
}

// `node tooling/spec-files/dist/index.js` prints the directory (CI logs where the cross-check tests read from).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(`official spec files: ${specDir()}`);
  } catch (error) {
    console.log(String(error));
  }
}
