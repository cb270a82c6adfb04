import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DeckSet } from '../../deck/collection.js';
import { deckName, listDeckFiles, parseDeckFiles } from '../../deck/load.js';
import type { Orphan } from '../../deck/relink.js';
import type { Diagnostic } from '../../deck/types.js';
import { readCheckCache, stateStamp, writeCheckCache } from '../../store/checkCache.js';
import { readDeckCache, writeDeckCache } from '../../store/deckCache.js';
import { dataKey } from '../../store/startIndex.js';
import { LOG_FILE } from '../../store/store.js';
import { neutralize, toJson } from '../../text/sanitize.js';
import { type Context, PARSER_BUILD, requireFolders, VERSION } from '../context.js';
import { openStudy } from '../open.js';
import { watchPaths } from '../watch.js';

/** `kioku check [PATH…] [--watch]`: every diagnostic, a summary; 1 when there are errors. */
export async function check(ctx: Context): Promise<number> {
  if (ctx.args.length === 0) requireFolders(ctx, { decks: true });
  if (!ctx.options.watch) {
    const result = await checkOnce(ctx);
    ctx.out(result.text);
    return result.code;
  }
  return watchAndCheck(ctx);
}

/** One check of the paths given (or the decks folder), as text and an exit code. */
async function checkOnce(ctx: Context): Promise<{ text: string; code: number; errors: number }> {
  const { args, where, display } = ctx;
  const rootChecked =
    args.length === 0 || args.some((a) => path.resolve(ctx.io.cwd, a) === where.decks);
  const wholeFolder = args.every((a) => path.resolve(ctx.io.cwd, a) === where.decks);
  const files = await listDeckFiles({
    root: where.decks,
    ...(args.length > 0 ? { paths: args.map((a) => path.resolve(ctx.io.cwd, a)) } : {}),
    display,
  });
  // A whole-folder check whose inputs all stand as they were gives the same
  // result: the decks and the state are not read again (10,000 cards: 8 MB of JSON).
  const key = wholeFolder
    ? {
        program: `${VERSION}/${PARSER_BUILD}`,
        decks: display(where.decks),
        data: display(where.data),
        files: files.files.map((f) => [f.path, f.size, f.mtimeMs]),
        logs: dataKey(where.data),
        state: stateStamp(where.data),
      }
    : null;
  const cached = key
    ? readCheckCache<{ report: CheckReport; diagnostics: Diagnostic[] }>(where.data, key)
    : null;
  if (cached) return present(ctx, cached.report, cached.diagnostics);
  // Unchanged files come from the parsed-deck cache the deck list keeps (their
  // diagnostics included); what had to be parsed is remembered for next time.
  const cache = readDeckCache(where.data, PARSER_BUILD);
  let misses = 0;
  const decks = await parseDeckFiles(files, {
    get: (file, name, shown) => {
      const hit = cache.get(file, name, shown);
      if (!hit) misses++;
      return hit;
    },
  });
  // Only a check of the whole decks folder describes every file the cache keeps.
  if (misses > 0 && wholeFolder) {
    writeDeckCache(
      where.data,
      PARSER_BUILD,
      decks,
      files.files,
      (f) => deckName(files.root, f),
      display,
    );
  }
  let diagnostics = [...decks.diagnostics];
  if (
    rootChecked &&
    (existsSync(path.join(where.data, LOG_FILE)) || existsSync(path.join(where.data, 'log')))
  ) {
    const { study, store, close } = await openStudy(ctx, decks, { readOnly: true });
    await close();
    // An orphan whose deck is gone is reported at the log that holds its history.
    const logs = Object.keys(store.logMark).sort();
    const logFile = path.join(where.data, ...(logs[logs.length - 1] ?? LOG_FILE).split('/'));
    diagnostics = [...diagnostics, ...orphanDiagnostics(study.orphans, decks, display(logFile))];
  }
  const report = checkReport(decks, diagnostics);
  if (key) writeCheckCache(where.data, key, { report, diagnostics });
  return present(ctx, report, diagnostics);
}

function present(
  ctx: Context,
  report: CheckReport,
  diagnostics: readonly Diagnostic[],
): { text: string; code: number; errors: number } {
  const text = ctx.options.json
    ? toJson(report, 2)
    : formatCheck(report, diagnostics, { error: ctx.sgr('31;1'), warning: ctx.sgr('33;1') });
  return { text, code: report.errors.length > 0 ? 1 : 0, errors: report.errors.length };
}

/**
 * `check --watch`, as `tsc --watch`: checks, then again after every change to a
 * deck file or folder, until interrupted. A terminal is cleared and redrawn; a
 * pipe gets each run appended under a time stamp. Returns the last run's code.
 */
async function watchAndCheck(ctx: Context): Promise<number> {
  const tty = ctx.io.stdout.isTTY;
  const paths =
    ctx.args.length > 0 ? ctx.args.map((a) => path.resolve(ctx.io.cwd, a)) : [ctx.where.decks];
  const clock = () => ctx.now().toTimeString().slice(0, 8);
  let last = 0;
  let running: Promise<void> | null = null;
  let again = false;
  const run = async (why: string) => {
    const result = await checkOnce(ctx);
    last = result.code;
    if (tty) ctx.io.stdout.write('\u001B[2J\u001B[3J\u001B[H');
    ctx.out(ctx.sgr('2')(`[${clock()}] ${why}`));
    ctx.out(result.text);
    ctx.out(ctx.sgr('2')(`[${clock()}] Watching for changes${tty ? ' (Ctrl-C to stop)' : ''}.`));
  };
  const trigger = (why: string) => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await run(why);
        } while (again);
      } catch (error) {
        ctx.err(`kioku: ${(error as Error).message}`);
      } finally {
        running = null;
      }
    })();
  };
  trigger('Checking.');
  await running;
  if (ctx.io.signal?.aborted) return last;
  await new Promise<void>((resolve) => {
    const watcher = watchPaths(paths, (changed) =>
      trigger(
        `${changed.length === 1 ? neutralize(ctx.display(changed[0]!)) : `${changed.length} files`} changed. Checking again.`,
      ),
    );
    ctx.io.signal?.addEventListener(
      'abort',
      () => {
        watcher.close();
        resolve();
      },
      { once: true },
    );
  });
  await running;
  return last;
}

export interface CheckReport {
  readonly decks: number;
  readonly cards: number;
  readonly errors: readonly { file: string; line: number; message: string }[];
  readonly warnings: readonly { file: string; line: number; message: string }[];
}

/** Orphaned histories become warnings at the file of the deck they belonged to. */
export function orphanDiagnostics(
  orphans: readonly Orphan[],
  decks: DeckSet,
  logFile: string,
): Diagnostic[] {
  const fileOf = new Map(decks.decks.map((d) => [d.name, d.file]));
  const where = new Map(decks.cards.map((c) => [c.id, `${c.file}:${c.line}`]));
  return orphans.map((o) => {
    const preview = o.meta.text.length > 40 ? `${o.meta.text.slice(0, 40)}…` : o.meta.text;
    const near = o.candidates
      .slice(0, 3)
      .map((c) => `${c.id} at ${where.get(c.id)} (${Math.round(c.similarity * 100)}% similar)`);
    const hint =
      near.length > 0
        ? `closest: ${near.join(', ')}; run "kioku relink ${o.id} <id>"`
        : `run "kioku relink ${o.id} <id>" to keep it, or "kioku drop ${o.id}"`;
    return {
      severity: 'warning',
      file: fileOf.get(o.meta.deck) ?? logFile,
      line: 1,
      column: 1,
      message: `orphaned history: card ${o.id} "${preview}" (deck ${o.meta.deck}) matches no card; ${hint}`,
    } satisfies Diagnostic;
  });
}

export function checkReport(decks: DeckSet, diagnostics: readonly Diagnostic[]): CheckReport {
  const pick = (severity: Diagnostic['severity']) =>
    diagnostics
      .filter((d) => d.severity === severity)
      .map((d) => ({ file: d.file, line: d.line, message: d.message }));
  return {
    decks: decks.decks.length,
    cards: decks.cards.length,
    errors: pick('error'),
    warnings: pick('warning'),
  };
}

/** `file:line:col: error|warning: message` lines and a summary, safe for a terminal. */
export function formatCheck(
  report: CheckReport,
  diagnostics: readonly Diagnostic[],
  paint: { error: (s: string) => string; warning: (s: string) => string },
): string {
  const lines = diagnostics.map((d) => {
    const label = d.severity === 'error' ? paint.error('error') : paint.warning('warning');
    return `${neutralize(d.file)}:${d.line}:${d.column}: ${label}: ${neutralize(d.message)}`;
  });
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(report.errors.length, 'error')}, ${plural(report.warnings.length, 'warning')} in ${plural(report.decks, 'deck')} (${plural(report.cards, 'card')})`,
  );
  return lines.join('\n');
}
