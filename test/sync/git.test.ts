import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initRepo as init } from '../../src/cli/commands/init.js';
import { syncRepo as sync } from '../../src/cli/commands/sync.js';

let root: string;
const env = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

function runInit(dir: string, bundled: string | null = null) {
  const c = capture();
  const status = init({ dir, bundled, cwd: root, env, ...c.io });
  return { status, ...c };
}

function runSync(repo: string) {
  const c = capture();
  const status = sync({
    decks: path.join(repo, 'decks'),
    data: path.join(repo, 'data'),
    now: new Date('2026-03-10T08:00:00Z'),
    env,
    ...c.io,
  });
  return { status, ...c };
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'kioku-git-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

// Many git and kioku processes per test: on one loaded core that is minutes, not seconds.
describe('kioku init', { timeout: 180_000 }, () => {
  it('lays out a deck repository with a first commit, and fills in only what is missing when run again', () => {
    mkdirSync(path.join(root, 'decks-repo'));
    writeFileSync(path.join(root, 'decks-repo', 'private.txt'), "not kioku's\n");
    const first = runInit('decks-repo');
    expect(first.status).toBe(0);
    const repo = path.join(root, 'decks-repo');
    for (const f of [
      'README.md',
      '.gitignore',
      '.gitattributes',
      '.stignore',
      'data/log/README.md',
      'decks/example.md',
    ])
      expect(existsSync(path.join(repo, f)), f).toBe(true);
    expect(existsSync(path.join(repo, 'data', 'log'))).toBe(true);
    expect(readFileSync(path.join(repo, '.gitattributes'), 'utf8')).toContain(
      '/data/log/*.jsonl merge=union',
    );
    const ignored = (file: string) =>
      readFileSync(path.join(repo, file), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('/data/'));
    expect(ignored('.gitignore')).toContain('/data/state.json');
    expect(ignored('.gitignore')).toContain('/data/start-index.json');
    // Syncthing's list is the same as git's.
    expect(ignored('.stignore')).toEqual(ignored('.gitignore'));
    expect(first.out[0]).toBe('made a deck repository in decks-repo');
    expect(first.out).toContain('  made a git repository with a first commit');
    expect(git(repo, 'status', '--porcelain')).toBe('?? private.txt');
    expect(git(repo, 'ls-files').split('\n').sort()).toEqual([
      '.gitattributes',
      '.gitignore',
      '.stignore',
      'README.md',
      'data/log/README.md',
      'decks/example.md',
    ]);

    writeFileSync(path.join(repo, 'README.md'), 'mine\n');
    const again = runInit('decks-repo');
    expect(again.out[0]).toBe('decks-repo is already a deck repository; nothing to add');
    expect(again.out).toContain('  already in a git repository: left as it is');
    expect(readFileSync(path.join(repo, 'README.md'), 'utf8')).toBe('mine\n');
  });

  it('copies the bundled decks with --with-bundled, and then adds no example deck', () => {
    const bundled = path.join(root, 'bundled');
    mkdirSync(path.join(bundled, 'en'), { recursive: true });
    writeFileSync(path.join(bundled, 'en', 'kubectl.md'), 'Q: a\nA: b\n');
    writeFileSync(path.join(bundled, 'README.md'), '# decks\n');
    const r = runInit('r', bundled);
    expect(r.out[0]).toBe('made a deck repository in r, 1 bundled decks copied into decks/');
    expect(readFileSync(path.join(root, 'r', 'decks', 'en', 'kubectl.md'), 'utf8')).toBe(
      'Q: a\nA: b\n',
    );
    expect(existsSync(path.join(root, 'r', 'decks', 'example.md'))).toBe(false);
  });
});

// Many git and kioku processes per test: on one loaded core that is minutes, not seconds.
describe('kioku sync', { timeout: 180_000 }, () => {
  function twoClones() {
    runInit('a');
    const a = path.join(root, 'a');
    git(root, 'init', '--quiet', '--bare', 'remote.git');
    git(a, 'remote', 'add', 'origin', path.join(root, 'remote.git'));
    return a;
  }

  it('says how to add a remote when there is none, and that it needs a repository', () => {
    runInit('a');
    const r = runSync(path.join(root, 'a'));
    expect(r.status).toBe(1);
    expect(r.err).toEqual([
      'kioku: this repository has no remote to sync with. Add one, then sync again:',
      '  git remote add origin URL',
      '  kioku sync',
    ]);
    mkdirSync(path.join(root, 'plain', 'decks'), { recursive: true });
    const outside = runSync(path.join(root, 'plain'));
    expect(outside.status).toBe(1);
    expect(outside.err[0]).toBe('kioku: sync works in a git repository, and this is not one');
  });

  it('pushes the first time, then carries log entries and deck edits between clones', () => {
    const a = twoClones();
    expect(runSync(a)).toMatchObject({
      status: 0,
      out: ['sync: received nothing', 'sync: sent 1 deck file', '  out: decks/example.md'],
    });
    git(root, 'clone', '--quiet', 'remote.git', 'b');
    const b = path.join(root, 'b');

    mkdirSync(path.join(a, 'data', 'log'), { recursive: true });
    appendFileSync(path.join(a, 'data', 'log', '00000000000000aa.jsonl'), '{"x":1}\n{"x":2}\n');
    appendFileSync(path.join(a, 'decks', 'example.md'), '\nQ: new\nA: card\n');
    writeFileSync(path.join(a, 'data', 'state.json'), '{}');
    writeFileSync(path.join(a, 'notes.txt'), 'not a deck: not committed by sync\n');
    expect(runSync(a).out).toEqual([
      'sync: received nothing',
      'sync: sent 2 log entries, 1 deck file',
      '  out: decks/example.md',
    ]);
    expect(git(a, 'status', '--porcelain')).toBe('?? notes.txt');

    mkdirSync(path.join(b, 'data', 'log'), { recursive: true });
    appendFileSync(path.join(b, 'data', 'log', '00000000000000bb.jsonl'), '{"y":1}\n');
    expect(runSync(b).out).toEqual([
      'sync: received 2 log entries, 1 deck file',
      'sync: sent 1 log entry',
      '  in:  decks/example.md',
    ]);
    expect(runSync(a).out).toEqual(['sync: received 1 log entry', 'sync: sent nothing']);
    expect(runSync(a).out).toEqual(['sync: up to date: nothing new on either side']);
    expect(git(a, 'rev-parse', 'HEAD')).toBe(git(b, 'rev-parse', 'HEAD'));
    expect(git(b, 'status', '--porcelain')).toBe('');
  });

  it("stops on a deck file edited on both sides, naming it and keeping git's instructions; the logs are committed", () => {
    const a = twoClones();
    runSync(a);
    git(root, 'clone', '--quiet', 'remote.git', 'b');
    const b = path.join(root, 'b');
    const deck = (repo: string) => path.join(repo, 'decks', 'example.md');
    writeFileSync(
      deck(a),
      readFileSync(deck(a), 'utf8').replace('Q: Which marker', 'Q: On A, which marker'),
    );
    runSync(a);
    writeFileSync(
      deck(b),
      readFileSync(deck(b), 'utf8').replace('Q: Which marker', 'Q: On B, which marker'),
    );
    mkdirSync(path.join(b, 'data', 'log'), { recursive: true });
    appendFileSync(path.join(b, 'data', 'log', '00000000000000bb.jsonl'), '{"y":1}\n');
    const r = runSync(b);
    expect(r.status).toBe(1);
    expect(r.err[0]).toBe(
      'kioku: sync stopped: a deck file was edited on both sides: decks/example.md',
    );
    expect(r.err.join('\n')).toMatch(/git rebase --continue/);
    expect(readFileSync(path.join(b, 'data', 'log', '00000000000000bb.jsonl'), 'utf8')).toBe(
      '{"y":1}\n',
    );
    const busy = runSync(b);
    expect(busy.err).toEqual([
      'kioku: git is in the middle of a rebase; finish or abort it first (see git status), then sync again',
    ]);
  });
});
