import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { OpenLineageClient } from '../client/client.js';
import { MemoryTransport } from '../client/test-transport.js';
import type { RunEvent } from '../model/event.js';
import { sourceCodeLocationFacet } from './facet.js';
import { pullRequestNumber, readGitInfo, stripCredentials } from './repository.js';

// Tests drive the real git CLI to build repositories; the code under test never runs git.
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: tmpdir(),
    },
  }).trim();
}

function repo(origin = 'https://user:s3cr3t-token@github.com/acme/pipelines.git'): { dir: string; head: string } {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'ol-git-')));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'remote', 'add', 'origin', origin);
  writeFileSync(join(dir, 'a.txt'), 'a');
  git(dir, 'add', 'a.txt');
  git(dir, 'commit', '-q', '-m', 'first');
  return { dir, head: git(dir, 'rev-parse', 'HEAD') };
}

describe('reading .git without git', () => {
  it('plain repository: origin without credentials, commit, branch, from a subdirectory', () => {
    const { dir, head } = repo();
    mkdirSync(join(dir, 'src', 'jobs'), { recursive: true });
    const info = readGitInfo(join(dir, 'src', 'jobs'));
    expect(info).toEqual({ root: dir, originUrl: 'https://github.com/acme/pipelines.git', commit: head, branch: 'main' });
    expect(JSON.stringify(info)).not.toContain('s3cr3t');
  });

  it('packed refs (branch and tags), including an annotated tag', () => {
    const { dir, head } = repo('git@github.com:acme/pipelines.git');
    git(dir, 'tag', '-a', 'v1.0.0', '-m', 'release');
    git(dir, 'pack-refs', '--all');
    const info = readGitInfo(dir);
    expect(info).toMatchObject({ originUrl: 'git@github.com:acme/pipelines.git', commit: head, branch: 'main', tag: 'v1.0.0' });
  });

  it('loose lightweight and annotated tags on HEAD; a tag elsewhere is ignored', () => {
    const { dir } = repo();
    git(dir, 'tag', 'old');
    writeFileSync(join(dir, 'b.txt'), 'b');
    git(dir, 'add', 'b.txt');
    git(dir, 'commit', '-q', '-m', 'second');
    git(dir, 'tag', '-a', 'v2.0.0', '-m', 'annotated');
    expect(readGitInfo(dir)?.tag).toBe('v2.0.0');
    git(dir, 'tag', 'v2.0.1');
    expect(readGitInfo(dir)?.tag).toBe('v2.0.1');
  });

  it('detached HEAD: commit, no branch', () => {
    const { dir, head } = repo();
    git(dir, 'checkout', '-q', '--detach');
    const info = readGitInfo(dir);
    expect(info?.commit).toBe(head);
    expect(info?.branch).toBeUndefined();
  });

  it('linked worktree: follows the gitdir: file and the common dir', () => {
    const { dir } = repo();
    const wt = join(realpathSync(mkdtempSync(join(tmpdir(), 'ol-wt-'))), 'feature');
    git(dir, 'worktree', 'add', '-q', '-b', 'feature/x', wt);
    writeFileSync(join(wt, 'c.txt'), 'c');
    git(wt, 'add', 'c.txt');
    git(wt, 'commit', '-q', '-m', 'on feature');
    const info = readGitInfo(wt);
    expect(info).toMatchObject({ root: wt, branch: 'feature/x', commit: git(wt, 'rev-parse', 'HEAD'), originUrl: 'https://github.com/acme/pipelines.git' });
    expect(readGitInfo(dir)?.branch).toBe('main');
  });

  it('a repository without commits yet, and no repository at all', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'ol-git-')));
    git(dir, 'init', '-q', '-b', 'trunk');
    expect(readGitInfo(dir)).toEqual({ root: dir, branch: 'trunk' });
    const none = realpathSync(mkdtempSync(join(tmpdir(), 'ol-nogit-')));
    // tmpdir itself is not inside a repository on CI machines; assert only when that holds.
    if (readGitInfo(tmpdir()) === undefined) expect(readGitInfo(none)).toBeUndefined();
  });
});

describe('helpers', () => {
  it.each([
    ['https://user:token@gitlab.com/a/b.git', 'https://gitlab.com/a/b.git'],
    ['https://token@github.com/a/b', 'https://github.com/a/b'],
    ['ssh://git@host:2222/a/b.git', 'ssh://host:2222/a/b.git'],
    ['git@github.com:a/b.git', 'git@github.com:a/b.git'],
    ['https://github.com/a/b.git', 'https://github.com/a/b.git'],
  ])('stripCredentials(%s)', (input, expected) => {
    expect(stripCredentials(input)).toBe(expected);
  });

  it('pull request number from GitLab or GitHub variables', () => {
    expect(pullRequestNumber({ CI_MERGE_REQUEST_IID: '17', GITHUB_REF: 'refs/pull/3/merge' })).toBe('17');
    expect(pullRequestNumber({ GITHUB_REF: 'refs/pull/42/merge' })).toBe('42');
    expect(pullRequestNumber({ GITHUB_REF: 'refs/pull/42/head' })).toBe('42');
    expect(pullRequestNumber({ GITHUB_REF: 'refs/heads/main' })).toBeUndefined();
    expect(pullRequestNumber({})).toBeUndefined();
  });
});

describe('source-code-location facet', () => {
  it('built from the repository, with config values winning and the PR number from CI', () => {
    const { dir, head } = repo();
    const settings = { enabled: true, branch: 'release' };
    const f = sourceCodeLocationFacet({ cwd: dir, env: { GITHUB_REF: 'refs/pull/7/merge' }, settings, producer: 'p', logger: silentLogger });
    expect(f).toEqual({
      _producer: 'p',
      _schemaURL: 'https://openlineage.io/spec/facets/1-1-0/SourceCodeLocationJobFacet.json#/$defs/SourceCodeLocationJobFacet',
      type: 'git',
      url: 'https://github.com/acme/pipelines.git',
      repoUrl: 'https://github.com/acme/pipelines.git',
      version: head,
      branch: 'release',
      pullRequestNumber: '7',
    });
  });

  it('skipped without a repository URL', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'ol-git-')));
    git(dir, 'init', '-q');
    expect(sourceCodeLocationFacet({ cwd: dir, env: {}, settings: { enabled: true }, producer: 'p', logger: silentLogger })).toBeUndefined();
  });

  it('the client adds it when enabled in config, to RunEvents whose job has none, reading git once', async () => {
    const { dir, head } = repo();
    writeFileSync(join(dir, 'openlineage.yml'), 'transport:\n  type: console\nfacets:\n  source_code_location:\n    disabled: false\n');
    const transport = new MemoryTransport();
    const client = await OpenLineageClient.create({ transport, cwd: dir, env: { CI_MERGE_REQUEST_IID: '5' }, homeDir: dir });
    const event: RunEvent = {
      eventTime: '2024-01-01T00:00:00Z',
      eventType: 'START',
      producer: 'p',
      schemaURL: 's',
      run: { runId: 'r' },
      job: { namespace: 'n', name: 'j' },
    };
    await client.emit(event);
    // A later commit does not change the cached facet: the repository is read once per client.
    writeFileSync(join(dir, 'z.txt'), 'z');
    git(dir, 'add', 'z.txt');
    git(dir, 'commit', '-q', '-m', 'later');
    await client.emit(event);
    const own = { ...event, job: { ...event.job, facets: { sourceCodeLocation: { _producer: 'p', _schemaURL: 's', type: 'svn', url: 'svn://x' } } } };
    await client.emit(own);
    const sent = transport.events as RunEvent[];
    expect(sent[0]!.job.facets?.sourceCodeLocation).toMatchObject({ type: 'git', version: head, branch: 'main', pullRequestNumber: '5' });
    expect(sent[1]!.job.facets?.sourceCodeLocation).toMatchObject({ version: head });
    expect(sent[2]!.job.facets?.sourceCodeLocation).toMatchObject({ type: 'svn' });
    expect(event.job.facets).toBeUndefined();
  });

  it('disabled by default', async () => {
    const { dir } = repo();
    const transport = new MemoryTransport();
    const client = await OpenLineageClient.create({ transport, cwd: dir, env: {}, homeDir: dir, logger: silentLogger });
    await client.emit({
      eventTime: '2024-01-01T00:00:00Z',
      eventType: 'START',
      producer: 'p',
      schemaURL: 's',
      run: { runId: 'r' },
      job: { namespace: 'n', name: 'j' },
    });
    expect((transport.events[0] as RunEvent).job.facets?.sourceCodeLocation).toBeUndefined();
  });
});
