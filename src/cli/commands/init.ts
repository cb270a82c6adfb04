import path from 'node:path';
import { initRepository } from '../../store/repo.js';
import { systemGit } from '../../sync/git.js';
import { neutralize } from '../../text/sanitize.js';
import { type Context, PACKAGE_DIR } from '../context.js';

export interface InitInput {
  /** The folder to make the repository in (made if missing). */
  readonly dir: string;
  /** The bundled decks' folder, to copy in (`--with-bundled`), or null. */
  readonly bundled: string | null;
  readonly cwd: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

/** `kioku init [DIR] [--with-bundled]`. */
export async function init(ctx: Context): Promise<number> {
  return initRepo({
    dir: ctx.args[0] ?? '.',
    bundled: ctx.options['with-bundled'] ? path.join(PACKAGE_DIR, 'decks') : null,
    cwd: ctx.io.cwd,
    out: ctx.out,
    err: ctx.err,
    env: { ...ctx.env },
  });
}

/**
 * `kioku init [DIR]`: a deck repository for your own decks, laid out for
 * syncing (see `sync/repoLayout.ts`), and a git repository when git is there.
 */
export function initRepo(input: InitInput): number {
  const dir = path.resolve(input.cwd, input.dir);
  const shown = neutralize(path.relative(input.cwd, dir) || '.');
  let result: ReturnType<typeof initRepository>;
  try {
    result = initRepository(dir, input.bundled);
  } catch (error) {
    input.err(`kioku: cannot make a deck repository in ${shown}: ${(error as Error).message}`);
    return 1;
  }
  const git = systemGit(dir, input.env);
  let gitNote: string;
  if (!git) {
    gitNote = 'git was not found: to sync with git later, install it and run "git init" here';
  } else {
    const inside = git(['rev-parse', '--is-inside-work-tree']);
    if (inside.status === 0 && inside.stdout.trim() === 'true') {
      gitNote = 'already in a git repository: left as it is';
    } else {
      const made = git(['init', '--quiet']);
      if (made.status !== 0) {
        gitNote = `git init failed: ${neutralize(made.stderr.trim())}`;
      } else {
        // A first commit, so that `kioku sync` has a history to push and clones
        // start from the same files.
        // Only what kioku made or copied: other files in the folder stay the user's.
        git(['add', '--', ...result.created]);
        const commit = git(['commit', '--quiet', '-m', 'A kioku deck repository']);
        gitNote =
          commit.status === 0
            ? 'made a git repository with a first commit'
            : 'made a git repository (git init); commit the files yourself: git add -A && git commit (git said: ' +
              neutralize(commit.stderr.trim().split('\n')[0] ?? '') +
              ')';
      }
    }
  }
  if (result.created.length === 0) {
    input.out(`${shown} is already a deck repository; nothing to add`);
  } else {
    const copied = result.copied > 0 ? `, ${result.copied} bundled decks copied into decks/` : '';
    input.out(`made a deck repository in ${shown}${copied}`);
    for (const file of result.created.filter((f) => !/^decks\/.+\//.test(f))) {
      input.out(`  + ${neutralize(file)}`);
    }
  }
  if (result.kept.length > 0) {
    input.out(`  kept ${result.kept.length} file(s) that were already there`);
  }
  input.out(`  ${gitNote}`);
  input.out('');
  input.out('Next:');
  if (shown !== '.') input.out(`  cd ${shown}`);
  input.out('  kioku review                         study (run kioku in this folder)');
  input.out('  git remote add origin URL            once, to study on two machines');
  input.out('  kioku sync                           before and after you study');
  return 0;
}
