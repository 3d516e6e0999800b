import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localOriginDir, specDir, specDirCandidates } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** `<root>/shared/openlineage-spec/OpenLineage.json` and an empty git repository `<root>/<name>`. */
function workplace(name: string, withSpec = true): { root: string; repo: string; spec: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ol-spec-files-'));
  dirs.push(root);
  const spec = path.join(root, 'shared', 'openlineage-spec');
  if (withSpec) {
    mkdirSync(spec, { recursive: true });
    writeFileSync(path.join(spec, 'OpenLineage.json'), '{}');
  }
  const repo = path.join(root, name);
  mkdirSync(repo);
  execFileSync('git', ['init', '-q', repo]);
  return { root, repo, spec };
}

describe('specDir', () => {
  it('finds ../shared/openlineage-spec next to the checkout', () => {
    const w = workplace('repo');
    expect(specDir({}, w.repo)).toBe(w.spec);
  });

  it('in a clone elsewhere, finds it next to the checkout that origin points at', () => {
    const w = workplace('repo');
    const elsewhere = workplace('clone', false);
    execFileSync('git', ['-C', elsewhere.repo, 'remote', 'add', 'origin', w.repo]);
    expect(localOriginDir(elsewhere.repo)).toBe(w.repo);
    expect(specDir({}, elsewhere.repo)).toBe(w.spec);
  });

  it('ignores a remote that is not a local directory', () => {
    const w = workplace('clone', false);
    execFileSync('git', ['-C', w.repo, 'remote', 'add', 'origin', 'https://github.com/openlineage-ts/openlineage-ts.git']);
    expect(localOriginDir(w.repo)).toBeUndefined();
    expect(specDirCandidates({}, w.repo)).toEqual([path.join(w.root, 'shared', 'openlineage-spec')]);
  });

  it('OPENLINEAGE_SPEC_DIR comes first, and a miss names every place it looked', () => {
    const w = workplace('repo');
    const own = workplace('own');
    expect(specDir({ OPENLINEAGE_SPEC_DIR: own.spec }, w.repo)).toBe(own.spec);
    const bare = workplace('bare', false);
    expect(() => specDir({ OPENLINEAGE_SPEC_DIR: '/nonexistent-spec' }, bare.repo)).toThrow(
      `OpenLineage spec files not found (looked in /nonexistent-spec, ${path.join(bare.root, 'shared', 'openlineage-spec')}); set OPENLINEAGE_SPEC_DIR`,
    );
  });
});

describe('specDir in a linked worktree', () => {
  it('finds ../shared next to the main checkout, also from a clone of the worktree', () => {
    const w = workplace('main');
    execFileSync('git', ['-C', w.repo, 'commit', '-q', '--allow-empty', '-m', 'init'], {
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
    });
    const worktree = path.join(w.root, 'wt', 'feature');
    execFileSync('git', ['-C', w.repo, 'worktree', 'add', '-q', '-b', 'feature', worktree]);
    expect(specDir({}, worktree)).toBe(w.spec);
    const clone = path.join(w.root, 'elsewhere', 'clone');
    execFileSync('git', ['clone', '-q', worktree, clone]);
    expect(specDir({}, clone)).toBe(w.spec);
  });
});
