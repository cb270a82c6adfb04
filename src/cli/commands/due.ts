import { listDeckFiles } from '../../deck/load.js';
import { inDeck } from '../../deck/tree.js';
import { readStartIndex } from '../../store/startIndex.js';
import { neutralize, toJson } from '../../text/sanitize.js';
import { textWidth, withWidths } from '../../text/width.js';
import { type Context, PARSER_BUILD, requireFolders, VERSION } from '../context.js';
import { decksKey, usableStartIndex } from '../startIndex.js';

/**
 * `kioku due [DECK]`: answers from the deck registry in the state file when no
 * deck changed (no parsing, no UI), else parses the decks.
 */
export async function due(ctx: Context): Promise<number> {
  const { where, display } = ctx;
  const selected = ctx.args[0];
  requireFolders(ctx, { decks: true });
  const files = await listDeckFiles({ root: where.decks, display });
  const print = async (report: DueReport) => {
    if (ctx.options.json) ctx.out(toJson(report, 2));
    // string-width costs ~20 ms to load, a tenth of this command run from a prompt.
    else ctx.out(await withWidths(() => formatDue(report, textWidth)));
  };
  const now = ctx.now();
  // The start-up index has every deck's and folder's counts: when it holds, neither
  // the state nor the decks are read (how the decks folder is shown does not matter here).
  const shown = readStartIndex(where.data)?.key.decksShown;
  const index =
    shown === undefined
      ? null
      : usableStartIndex(where.data, decksKey(`${VERSION}/${PARSER_BUILD}`, files, shown), now);
  if (index && (!selected || index.decks.some((name) => inDeck(name, selected)))) {
    const rows = new Map(index.rows.map((r) => [r.name, r.counts]));
    const countsOf = (row: string) => rows.get(row) ?? { new: 0, learning: 0, review: 0 };
    await print(dueReport(countsOf, index.decks, selected));
    return 0;
  }
  // Without a usable index: the store, the scheduler and maybe the parser, loaded
  // only now (a quarter of this command's time when the index answers).
  const [{ openData }, { deckSettingsOf, registryCards }, { deckLimits }, { treeCounts }, load] =
    await Promise.all([
      import('../open.js'),
      import('../../deck/registry.js'),
      import('../../model/settings.js'),
      import('../../schedule/treeCounts.js'),
      import('../../deck/load.js'),
    ]);
  const { settings, day, store } = await openData(ctx, { readOnly: true });
  try {
    let source = registryCards(store.deckRegistry, files.files, files.root);
    if (!source) {
      const decks = await load.parseDeckFiles(files);
      source = {
        cards: [...decks.cards],
        names: decks.decks.map((d) => d.name),
        scheduling: deckSettingsOf(decks),
      };
    }
    if (selected && !source.names.some((name) => inDeck(name, selected))) {
      ctx.err(`kioku: no deck "${neutralize(selected)}". Decks: ${source.names.join(', ')}`);
      return 2;
    }
    const input = {
      cards: source.cards,
      records: store.cards,
      day,
      settings,
      perDeck: deckLimits(source.scheduling),
    };
    // Every row in one pass over the cards (see `treeCounts`).
    const names = source.names.filter((name) => !selected || inDeck(name, selected));
    const { counts } = treeCounts(input, now, [...names, selected ?? '']);
    await print(dueReport((row) => counts.get(row)!, source.names, selected));
    return 0;
  } finally {
    await store.close();
  }
}

interface Counts {
  readonly new: number;
  readonly learning: number;
  readonly review: number;
}

export interface DueReport extends Counts {
  readonly decks: readonly ({ readonly name: string } & Counts)[];
}

/**
 * Each deck of the selection (in deck order) with what a review of it alone
 * would start with, and the total a review of the whole selection would: the
 * deck list's numbers; `countsOf('')` is everything. Pure.
 */
export function dueReport(
  countsOf: (row: string) => Counts,
  deckNames: readonly string[],
  selected?: string,
): DueReport {
  const rows = deckNames
    .filter((name) => !selected || inDeck(name, selected))
    .map((name) => ({ name, ...countsOf(name) }));
  return { ...countsOf(selected ?? ''), decks: rows };
}

/**
 * The report as a table. `width` is the display width of a string (string-width);
 * the caller may pass a cheaper one when every name is printable ASCII.
 */
export function formatDue(report: DueReport, width: (s: string) => number): string {
  const rows = [
    ...report.decks.map((d) => [neutralize(d.name), d.new, d.learning, d.review] as const),
    ['total', report.new, report.learning, report.review] as const,
  ];
  const nameWidth = Math.max(5, ...rows.map((r) => width(r[0])));
  const pad = (s: string) => s + ' '.repeat(Math.max(0, nameWidth - width(s)));
  const head = `${pad('deck')}  ${'new'.padStart(5)}  ${'learn'.padStart(5)}  ${'due'.padStart(5)}`;
  return [
    head,
    ...rows.map(
      ([name, n, l, r]) =>
        `${pad(name)}  ${String(n).padStart(5)}  ${String(l).padStart(5)}  ${String(r).padStart(5)}`,
    ),
  ].join('\n');
}
