import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * `kioku sync`: a thin wrapper over the system git. It commits the logs and
 * deck edits, rebases onto the remote and pushes, and says what came in and
 * went out. Each device writes only its own log file, so the rebase can
 * conflict only on a deck file two devices edited; then it stops and leaves
 * the repository to git's own instructions, never touching a log.
 */

export interface GitResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export type Git = (args: readonly string[]) => GitResult;

/**
 * Runs the `git` on PATH in `cwd`; null when there is no git. `found`: git is
 * known to be there (it ran in another folder), so it is not probed again.
 */
export function systemGit(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
  found = false,
): Git | null {
  if (!found) {
    const probe = spawnSync('git', ['--version'], { cwd, encoding: 'utf8', env });
    if (probe.error || probe.status !== 0) return null;
  }
  return (args) => {
    const r = spawnSync('git', args, {
      cwd,
      encoding: 'utf8',
      // Never wait on a password prompt in a pipe: git says what failed instead.
      env: { ...env, GIT_TERMINAL_PROMPT: '0' },
      maxBuffer: 256 * 1024 * 1024,
    });
    return {
      status: r.status ?? 1,
      stdout: r.stdout ?? '',
      stderr: r.stderr ?? r.error?.message ?? '',
    };
  };
}

export interface Traffic {
  /** Log lines added (one per event), per log file. */
  readonly events: number;
  /** Log files that gained lines: one per device. */
  readonly devices: number;
  /** Deck files added, changed or removed. */
  readonly decks: readonly string[];
}

export type SyncOutcome =
  | {
      readonly kind: 'done';
      readonly sent: Traffic;
      readonly received: Traffic;
      readonly pushed: boolean;
    }
  | { readonly kind: 'not-a-repo' }
  | { readonly kind: 'no-remote' }
  | { readonly kind: 'busy'; readonly what: string }
  | { readonly kind: 'conflict'; readonly files: readonly string[]; readonly git: string }
  | { readonly kind: 'failed'; readonly step: string; readonly git: string };

export interface SyncPaths {
  /** The data folder and the decks folder, relative to the repository root. */
  readonly data: string;
  readonly decks: string;
}

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

const ok = (r: GitResult) => r.status === 0;
const text = (r: GitResult) => `${r.stdout}${r.stderr}`.trim();

/** The repository's root, or null when `git` is not in one. */
export function repoRoot(git: Git): string | null {
  const r = git(['rev-parse', '--show-toplevel']);
  return ok(r) ? r.stdout.trim() : null;
}

/** Log files under the data folder, as git pathspecs. */
function logSpecs(p: SyncPaths): string[] {
  const data = p.data === '' ? '' : `${p.data}/`;
  return [`${data}log`, `${data}reviews.jsonl`];
}

/** What the commits between `from` and `to` change in the logs and decks. */
export function traffic(git: Git, from: string, to: string, p: SyncPaths): Traffic {
  const numstat = git(['diff', '--numstat', '--no-renames', from, to, '--', ...logSpecs(p)]);
  let events = 0;
  let devices = 0;
  for (const line of numstat.stdout.split('\n')) {
    const [count = '', , file = ''] = line.split('\t');
    // Only the logs' lines are events (log/README.md is not).
    if (!file.endsWith('.jsonl')) continue;
    const added = Number.parseInt(count, 10);
    if (added > 0) {
      events += added;
      devices++;
    }
  }
  const names = git(['diff', '--name-only', from, to, '--', p.decks === '' ? '.' : p.decks]);
  const decks = names.stdout
    .split('\n')
    .filter((f) => f.endsWith('.md'))
    .sort();
  return { events, devices, decks };
}

export function sync(git: Git, paths: SyncPaths, message: string): SyncOutcome {
  if (repoRoot(git) === null) return { kind: 'not-a-repo' };
  const states = [
    ['rebase-merge', 'a rebase'],
    ['rebase-apply', 'a rebase'],
    ['MERGE_HEAD', 'a merge'],
    ['CHERRY_PICK_HEAD', 'a cherry-pick'],
  ] as const;
  const where = git([
    'rev-parse',
    '--path-format=absolute',
    ...states.flatMap(([file]) => ['--git-path', file]),
  ]).stdout.split('\n');
  for (const [i, [, what]] of states.entries()) {
    if (where[i] && existsSync(where[i])) return { kind: 'busy', what };
  }
  const remotes = git(['remote']).stdout.split('\n').filter(Boolean);
  if (remotes.length === 0) return { kind: 'no-remote' };

  // 1. Commit this device's answers, the settings and the deck edits: nothing
  // else of the work tree, which is the user's to commit.
  const data = paths.data === '' ? '' : `${paths.data}/`;
  const specs = [
    paths.decks === '' ? '.' : paths.decks,
    ...logSpecs(paths),
    `${data}settings.json`,
  ];
  const listed = git(['ls-files', '--cached', '--others', '--exclude-standard', '--', ...specs]);
  const files = listed.stdout.split('\n').filter(Boolean);
  const present = specs.filter((s) =>
    files.some((f) => s === '.' || f === s || f.startsWith(`${s}/`)),
  );
  if (present.length > 0) {
    const add = git(['add', '-A', '--', ...present]);
    if (!ok(add)) return { kind: 'failed', step: 'git add', git: text(add) };
  }
  if (git(['diff', '--cached', '--quiet']).status === 1) {
    const commit = git(['commit', '--quiet', '-m', message]);
    if (!ok(commit)) return { kind: 'failed', step: 'git commit', git: text(commit) };
  }
  const hasHead = ok(git(['rev-parse', '--verify', '--quiet', 'HEAD']));

  // 2. Fetch, then rebase onto the remote's branch when it has one.
  const upstream = git(['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']);
  const branch = git(['symbolic-ref', '--quiet', '--short', 'HEAD']).stdout.trim();
  const remote = remotes.includes('origin') ? 'origin' : remotes[0]!;
  const fetch = git(['fetch', '--quiet', remote]);
  if (!ok(fetch)) return { kind: 'failed', step: `git fetch ${remote}`, git: text(fetch) };
  let target = ok(upstream) ? upstream.stdout.trim() : null;
  if (
    target === null &&
    branch !== '' &&
    ok(git(['rev-parse', '--verify', '--quiet', `refs/remotes/${remote}/${branch}`]))
  ) {
    target = `${remote}/${branch}`;
  }
  let received: Traffic = NOTHING;
  if (target !== null) {
    const base = hasHead ? git(['merge-base', 'HEAD', target]) : null;
    received = traffic(git, base && ok(base) ? base.stdout.trim() : EMPTY_TREE, target, paths);
    const step = hasHead
      ? git(['rebase', '--no-autostash', target])
      : git(['reset', '--quiet', '--hard', target]);
    if (!ok(step)) {
      const files = git(['diff', '--name-only', '--diff-filter=U'])
        .stdout.split('\n')
        .filter(Boolean);
      if (files.length > 0) return { kind: 'conflict', files, git: text(step) };
      return { kind: 'failed', step: hasHead ? 'git rebase' : 'git reset', git: text(step) };
    }
  }

  // 3. Push what is ours.
  if (!ok(git(['rev-parse', '--verify', '--quiet', 'HEAD']))) {
    return { kind: 'done', sent: NOTHING, received, pushed: false };
  }
  const sent = traffic(git, target ?? EMPTY_TREE, 'HEAD', paths);
  const ahead =
    target === null || git(['rev-list', '--count', `${target}..HEAD`]).stdout.trim() !== '0';
  if (!ahead) return { kind: 'done', sent, received, pushed: false };
  const push = ok(upstream)
    ? git(['push', '--quiet'])
    : git(['push', '--quiet', '--set-upstream', remote, `HEAD:${branch || 'main'}`]);
  if (!ok(push)) return { kind: 'failed', step: 'git push', git: text(push) };
  return { kind: 'done', sent, received, pushed: true };
}

const NOTHING: Traffic = { events: 0, devices: 0, decks: [] };

/** What `kioku sync` prints for an outcome, and its exit status. */
export function describeSync(outcome: SyncOutcome): {
  status: number;
  out: string[];
  err: string[];
} {
  switch (outcome.kind) {
    case 'done': {
      const { sent, received } = outcome;
      const out: string[] = [];
      if (
        sent.events === 0 &&
        sent.decks.length === 0 &&
        received.events === 0 &&
        received.decks.length === 0
      ) {
        out.push(
          outcome.pushed
            ? 'sync: up to date (pushed)'
            : 'sync: up to date: nothing new on either side',
        );
        return { status: 0, out, err: [] };
      }
      out.push(`sync: received ${summary(received)}`);
      out.push(`sync: sent ${summary(sent)}`);
      for (const f of received.decks) out.push(`  in:  ${f}`);
      for (const f of sent.decks) out.push(`  out: ${f}`);
      return { status: 0, out, err: [] };
    }
    case 'not-a-repo':
      return {
        status: 1,
        out: [],
        err: [
          'kioku: sync works in a git repository, and this is not one',
          '  `kioku init DIR` makes a deck repository; or sync the folder with Syncthing or a cloud folder (no command needed)',
        ],
      };
    case 'no-remote':
      return {
        status: 1,
        out: [],
        err: [
          'kioku: this repository has no remote to sync with. Add one, then sync again:',
          '  git remote add origin URL',
          '  kioku sync',
        ],
      };
    case 'busy':
      return {
        status: 1,
        out: [],
        err: [
          `kioku: git is in the middle of ${outcome.what}; finish or abort it first (see git status), then sync again`,
        ],
      };
    case 'conflict':
      return {
        status: 1,
        out: [],
        err: [
          `kioku: sync stopped: ${outcome.files.length === 1 ? 'a deck file was' : 'files were'} edited on both sides: ${outcome.files.join(', ')}`,
          '  your answers are committed and safe; fix the file, then follow git:',
          ...outcome.git.split('\n').map((l) => `  ${l}`),
        ],
      };
    case 'failed':
      return {
        status: 1,
        out: [],
        err: [
          `kioku: sync: ${outcome.step} failed:`,
          ...outcome.git.split('\n').map((l) => `  ${l}`),
        ],
      };
  }
}

function summary(t: Traffic): string {
  const parts: string[] = [];
  if (t.events > 0) {
    parts.push(
      `${t.events} log entr${t.events === 1 ? 'y' : 'ies'}${t.devices > 1 ? ` from ${t.devices} devices` : ''}`,
    );
  }
  if (t.decks.length > 0) {
    parts.push(`${t.decks.length} deck file${t.decks.length === 1 ? '' : 's'}`);
  }
  return parts.length === 0 ? 'nothing' : parts.join(', ');
}
