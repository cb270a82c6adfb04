import { listDeckFiles, parseDeckFiles } from '../../deck/load.js';
import { deckSettingsOf, registryCards } from '../../deck/registry.js';
import { inDeck } from '../../deck/tree.js';
import { deckLimits } from '../../model/settings.js';
import { buildQueue, type DailyQueue } from '../../schedule/queue.js';
import { neutralize } from '../../text/sanitize.js';
import { type Context, openData } from '../context.js';

/**
 * `kioku due [DECK]`: answers from the deck registry in the state file when no
 * deck changed (no parsing, no UI), else parses the decks.
 */
export async function due(ctx: Context): Promise<number> {
  const { where, display } = ctx;
  const selected = ctx.args[0];
  const files = await listDeckFiles({ root: where.decks, display });
  const { settings, day, store } = await openData(ctx, { readOnly: true });
  try {
    let source = registryCards(store.deckRegistry, files.files, files.root);
    if (!source) {
      const decks = await parseDeckFiles(files);
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
    const queue = buildQueue({
      cards: selected ? source.cards.filter((c) => inDeck(c.deck, selected)) : source.cards,
      records: store.cards,
      now: new Date(),
      day,
      settings,
      perDeck: deckLimits(source.scheduling),
    });
    const report = dueReport(queue, source.names, (name) => !selected || inDeck(name, selected));
    if (ctx.options.json) ctx.out(JSON.stringify(report, null, 2));
    else {
      // string-width costs ~20 ms to load, a tenth of this command run from a prompt.
      const width = allAscii(source.names)
        ? (s: string) => s.length
        : (await import('string-width')).default;
      ctx.out(formatDue(report, width));
    }
    return 0;
  } finally {
    await store.close();
  }
}

interface Counts {
  new: number;
  learning: number;
  review: number;
}

export interface DueReport extends Counts {
  readonly decks: readonly ({ readonly name: string } & Counts)[];
}

/**
 * Today's queue counted per deck (every deck of the selection listed, in deck
 * order) and in total. Pure.
 */
export function dueReport(
  queue: DailyQueue,
  deckNames: readonly string[],
  selected: (deck: string) => boolean = () => true,
): DueReport {
  const per = new Map<string, Counts>(
    deckNames.filter(selected).map((name) => [name, { new: 0, learning: 0, review: 0 }]),
  );
  const count = (cards: DailyQueue['fresh'], key: keyof Counts) => {
    for (const card of cards) {
      const c = per.get(card.deck);
      if (c) c[key]++;
    }
  };
  count(queue.fresh, 'new');
  count(queue.learning, 'learning');
  count(queue.learnAhead, 'learning');
  count(queue.review, 'review');
  const rows = [...per].map(([name, c]) => ({ name, ...c }));
  return {
    new: rows.reduce((n, r) => n + r.new, 0),
    learning: rows.reduce((n, r) => n + r.learning, 0),
    review: rows.reduce((n, r) => n + r.review, 0),
    decks: rows,
  };
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

/** Deck names that are all printable ASCII are as wide as they are long. */
export function allAscii(names: readonly string[]): boolean {
  return names.every((name) => /^[\x20-\x7e]*$/.test(name));
}
