/**
 * What `kioku init` writes: a deck repository laid out for syncing, by git or by
 * a file-sync tool. Pure: the files as text, written by `store/repo.ts`.
 */

export interface RepoFile {
  /** Relative to the repository, with `/`. */
  readonly path: string;
  readonly content: string;
}

/** What never syncs: files derived on each machine from the logs and decks, and the lock. */
const LOCAL_ONLY = [
  '/data/state.json',
  '/data/state.json.newer-*',
  '/data/decks-cache.json',
  '/data/start-index.json',
  '/data/check-cache.json',
  '/data/kioku.lock',
  '/data/kioku.lock.takeover',
  '/data/*.corrupt-*',
  '/data/*.tmp',
  '/data/.*.tmp',
];

export const GITIGNORE = `# kioku: this machine's caches and lock never sync (each device rebuilds its own)
${LOCAL_ONLY.join('\n')}
# copies made by file-sync tools when two machines wrote one file
*.sync-conflict-*
*conflicted copy*
`;

/**
 * Syncthing's ignore file: the same patterns (its comments start with `//`; a
 * line starting with `#` is a directive). Syncthing never syncs this file itself.
 */
export const STIGNORE = `// kioku: this machine's caches and lock never sync (each device rebuilds its own)
${LOCAL_ONLY.join('\n')}
`;

export const GITATTRIBUTES = `# kioku: each device appends only to its own log file, so git never has to
# merge one; the union merge is a safety net (two machines sharing a device id,
# or a log from before per-device files), and kioku counts a repeated line once.
/data/log/*.jsonl merge=union
/data/reviews.jsonl merge=union
`;

export const EXAMPLE_DECK = `---
title: Example
description: A short deck to edit or delete; every .md file under decks/ is a deck
lang: en
---

# How kioku cards look

Q: Which marker starts a basic question card?
A: \`Q:\`, with the answer after \`A:\`

R: spaced repetition
A: Reviewing just before you would forget, at growing intervals

C: A cloze card hides {{each braced part}} in turn.

T: Type the command that syncs this repository with its remote
A: \`kioku sync\`
`;

export const README = `# My kioku decks

A deck repository for [kioku](https://www.npmjs.com/package/kioku): your own
decks in \`decks/\` and your review history in \`data/\`.

## Study

Run kioku from this folder: it finds \`decks/\` and \`data/\` by itself.

\`\`\`sh
kioku            # the deck list
kioku review     # review what is due
kioku check      # check the decks for mistakes
\`\`\`

Every \`.md\` file under \`decks/\` is a deck. Edit them with any editor; a card
keeps its history when you reword its answer. The format is in kioku's
\`docs/deck-format.md\`.

## Study on two machines

Each computer writes its answers to its own file, \`data/log/<device-id>.jsonl\`,
and reads everyone's. So the folder merges without conflicts, whichever way you
copy it.

**With git.** Put this repository on a remote once:

\`\`\`sh
git remote add origin git@example.com:me/decks.git
kioku sync
\`\`\`

On the other computer, \`git clone\` it and run kioku in the clone. From then on,
run \`kioku sync\` on either machine before and after you study: it commits your
answers and deck edits, pulls the other machine's, and pushes. If both machines
edited the same card, it stops and names the deck file to fix; your answers are
never part of such a conflict.

**With Syncthing, Dropbox, iCloud or another synced folder.** Put this folder
in it; there is nothing to run. kioku ignores the copies a sync tool makes when
two machines wrote one file, and tells you about them. Keep the caches and the
lock (the files \`.gitignore\` lists) out of the sync: Syncthing reads the same
list from \`.stignore\`, already here. Tools without an ignore list (Dropbox,
iCloud) copy the caches too; that is safe, as kioku checks a cache against the
logs and rebuilds it when they differ, only slower. Do not study on two
machines at the very same moment in one shared folder.

The device id lives outside this folder (in \`~/.local/state/kioku/\`), so a
copy of the folder on another machine never writes to this machine's log.
`;

export const LOG_README = `# Review logs

One file per device: \`<device-id>.jsonl\`. Each computer appends only to its
own, and kioku reads them all. Do not edit or delete these files; commit them
(\`kioku sync\` does). The format is in kioku's \`docs/data-format.md\`.
`;

export function repoFiles(options: { readonly exampleDeck: boolean }): RepoFile[] {
  return [
    { path: 'README.md', content: README },
    { path: '.gitignore', content: GITIGNORE },
    { path: '.gitattributes', content: GITATTRIBUTES },
    { path: '.stignore', content: STIGNORE },
    // Git keeps no empty folder: this file makes every clone have data/log/, so
    // every device writes its own log file from its first answer.
    { path: 'data/log/README.md', content: LOG_README },
    ...(options.exampleDeck ? [{ path: 'decks/example.md', content: EXAMPLE_DECK }] : []),
  ];
}
