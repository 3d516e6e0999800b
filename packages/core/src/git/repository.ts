import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * Reads what the source-code-location facet needs straight from `.git` — no `git` subprocess
 * (not every image has git, and spawning per process start is slow) and no dependency.
 */
export interface GitInfo {
  /** The directory holding the checkout (where `.git` was found). */
  root: string;
  /** `origin` remote URL with any embedded credentials removed. */
  originUrl?: string;
  /** The commit HEAD points at. */
  commit?: string;
  branch?: string;
  tag?: string;
}

interface GitDirs {
  root: string;
  /** This worktree's git dir (HEAD lives here). */
  gitDir: string;
  /** Shared dir (refs, packed-refs, objects, config); differs from gitDir in linked worktrees. */
  commonDir: string;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export function findGitDirs(start: string): GitDirs | undefined {
  let dir = resolve(start);
  for (;;) {
    const dotGit = join(dir, '.git');
    const gitDir = gitDirAt(dotGit);
    if (gitDir !== undefined) {
      const commondirFile = join(gitDir, 'commondir');
      const commonDir = existsSync(commondirFile) ? resolve(gitDir, readFileSync(commondirFile, 'utf8').trim()) : gitDir;
      return { root: dir, gitDir, commonDir };
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** `.git` is a directory, or (worktrees, submodules) a file saying `gitdir: <path>`. */
function gitDirAt(dotGit: string): string | undefined {
  let stat;
  try {
    stat = statSync(dotGit);
  } catch {
    return undefined;
  }
  if (stat.isDirectory()) return existsSync(join(dotGit, 'HEAD')) ? dotGit : undefined;
  const text = readFileSync(dotGit, 'utf8');
  const match = /^gitdir:\s*(.+?)\s*$/m.exec(text);
  if (!match) return undefined;
  const target = match[1]!;
  const resolved = isAbsolute(target) ? target : resolve(dirname(dotGit), target);
  return existsSync(join(resolved, 'HEAD')) ? resolved : undefined;
}

export function readGitInfo(start: string): GitInfo | undefined {
  const dirs = findGitDirs(start);
  if (dirs === undefined) return undefined;
  const info: GitInfo = { root: dirs.root };
  const head = readText(join(dirs.gitDir, 'HEAD'))?.trim() ?? '';
  const packed = readPackedRefs(dirs.commonDir);
  let commit: string | undefined;
  if (head.startsWith('ref:')) {
    const ref = head.slice(4).trim();
    if (ref.startsWith('refs/heads/')) info.branch = ref.slice('refs/heads/'.length);
    commit = resolveRef(dirs, ref, packed);
  } else if (SHA.test(head)) {
    commit = head;
  }
  if (commit !== undefined) {
    info.commit = commit;
    const tag = tagAt(dirs, commit, packed);
    if (tag !== undefined) info.tag = tag;
  }
  const url = originUrl(dirs.commonDir);
  if (url !== undefined) info.originUrl = stripCredentials(url);
  return info;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

interface PackedRefs {
  refs: Map<string, string>;
  /** Tag ref → the commit an annotated tag points at (`^<sha>` lines). */
  peeled: Map<string, string>;
}

function readPackedRefs(commonDir: string): PackedRefs {
  const refs = new Map<string, string>();
  const peeled = new Map<string, string>();
  const text = readText(join(commonDir, 'packed-refs')) ?? '';
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (line.startsWith('^')) {
      if (last !== undefined) peeled.set(last, line.slice(1).trim());
      continue;
    }
    const [sha, ref] = line.trim().split(/\s+/);
    if (sha !== undefined && ref !== undefined && SHA.test(sha)) {
      refs.set(ref, sha);
      last = ref;
    }
  }
  return { refs, peeled };
}

/** Loose refs win over packed-refs (git writes the loose one on update); symbolic refs are followed. */
function resolveRef(dirs: GitDirs, ref: string, packed: PackedRefs, depth = 0): string | undefined {
  if (depth > 10) return undefined;
  for (const base of [dirs.gitDir, dirs.commonDir]) {
    const text = readText(join(base, ref))?.trim();
    if (text === undefined) continue;
    if (text.startsWith('ref:')) return resolveRef(dirs, text.slice(4).trim(), packed, depth + 1);
    if (SHA.test(text)) return text;
  }
  return packed.refs.get(ref);
}

function tagAt(dirs: GitDirs, commit: string, packed: PackedRefs): string | undefined {
  const candidates: string[] = [];
  const loose = new Map<string, string>();
  collectLooseRefs(join(dirs.commonDir, 'refs', 'tags'), 'refs/tags', loose);
  for (const [ref, sha] of loose) if (sha === commit || peelTag(dirs.commonDir, sha) === commit) candidates.push(ref);
  for (const [ref, sha] of packed.refs) {
    if (!ref.startsWith('refs/tags/') || loose.has(ref)) continue;
    if (sha === commit || packed.peeled.get(ref) === commit || peelTag(dirs.commonDir, sha) === commit) candidates.push(ref);
  }
  // Several tags on one commit: report the greatest name, so the choice is stable (v1.2.0 over v1.1.9).
  candidates.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const chosen = candidates[candidates.length - 1];
  return chosen?.slice('refs/tags/'.length);
}

function collectLooseRefs(dir: string, prefix: string, out: Map<string, string>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) collectLooseRefs(path, `${prefix}/${entry.name}`, out);
    else {
      const sha = readText(path)?.trim();
      if (sha !== undefined && SHA.test(sha)) out.set(`${prefix}/${entry.name}`, sha);
    }
  }
}

/** The commit an annotated tag object names, when the object is stored loose (packed objects are not read). */
function peelTag(commonDir: string, sha: string): string | undefined {
  const file = join(commonDir, 'objects', sha.slice(0, 2), sha.slice(2));
  let raw: Buffer;
  try {
    raw = inflateSync(readFileSync(file));
  } catch {
    return undefined;
  }
  const text = raw.subarray(0, Math.min(raw.length, 512)).toString('latin1');
  if (!text.startsWith('tag ')) return undefined;
  const match = /\0object ([0-9a-f]{40,64})\ntype commit\n/.exec(text);
  return match?.[1];
}

/** `[remote "origin"] url = …` from the repository config. */
function originUrl(commonDir: string): string | undefined {
  const text = readText(join(commonDir, 'config'));
  if (text === undefined) return undefined;
  let inOrigin = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inOrigin = /^\[remote\s+"origin"\]$/.test(line);
      continue;
    }
    if (!inOrigin) continue;
    const match = /^url\s*=\s*(.+)$/.exec(line);
    if (match) return match[1]!.replace(/^"(.*)"$/, '$1').trim();
  }
  return undefined;
}

/** `https://user:token@host/x.git` → `https://host/x.git`; scp-style `git@host:org/x.git` has no secret and is kept. */
export function stripCredentials(url: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
  }
}

/** Pull/merge request number from CI variables: GitLab's CI_MERGE_REQUEST_IID wins over GitHub's GITHUB_REF. */
export function pullRequestNumber(env: Record<string, string | undefined>): string | undefined {
  const gitlab = env.CI_MERGE_REQUEST_IID?.trim();
  if (gitlab) return gitlab;
  const match = /^refs\/pull\/(\d+)\/(merge|head)$/.exec(env.GITHUB_REF?.trim() ?? '');
  return match?.[1];
}
