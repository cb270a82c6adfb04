import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeSync, repoRoot, sync as runSync, systemGit } from '../../sync/git.js';
import { neutralize } from '../../text/sanitize.js';
import type { Context } from '../context.js';

export interface SyncInput {
  readonly decks: string;
  readonly data: string;
  readonly now: Date;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

/** `kioku sync`: commit the logs and deck edits, pull with rebase, push (see `sync/git.ts`). */
export async function sync(ctx: Context): Promise<number> {
  return syncRepo({
    decks: ctx.where.decks,
    data: ctx.where.data,
    now: ctx.now(),
    out: ctx.out,
    err: ctx.err,
    env: { ...ctx.env },
  });
}

export function syncRepo(input: SyncInput): number {
  // The data folder is made by the first review; the decks folder is there.
  const probe = systemGit(existsSync(input.data) ? input.data : input.decks, input.env);
  if (!probe) {
    input.err('kioku: sync needs git, and git was not found on PATH');
    return 1;
  }
  const root = repoRoot(probe);
  const git = root ? systemGit(root, input.env, true) : probe;
  const rel = (p: string) => (root ? path.relative(root, p).split(path.sep).join('/') : '');
  if (root && (rel(input.decks).startsWith('..') || rel(input.data).startsWith('..'))) {
    input.err(
      `kioku: the decks and data folders must both be in the repository at ${neutralize(root)} to sync`,
    );
    return 1;
  }
  const message = `kioku sync from ${os.hostname()} at ${input.now.toISOString()}`;
  const outcome = runSync(
    git ?? probe,
    { decks: rel(input.decks), data: rel(input.data) },
    message,
  );
  const report = describeSync(outcome);
  for (const line of report.out) input.out(neutralize(line));
  for (const line of report.err) input.err(neutralize(line));
  return report.status;
}
