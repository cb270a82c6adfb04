import { loadDecks } from '../../deck/load.js';
import type { Card } from '../../model/card.js';
import type { CardRecord, ImportSource } from '../../model/record.js';
import { studyDay } from '../../schedule/day.js';
import { cardState, parseQuery, searchCards } from '../../session/search.js';
import type { Study } from '../../session/study.js';
import { neutralize, toJson } from '../../text/sanitize.js';
import { CliError, type Context, outputWidth, requireFolders } from '../context.js';
import { openStudy } from '../open.js';

export interface CardRow {
  readonly id: string;
  readonly deck: string;
  readonly file: string;
  readonly line: number;
  readonly kind: Card['kind'];
  readonly front: string;
  /** new, learning, review, relearning; or suspended / buried, which hide a card whatever its state. */
  readonly state: string;
  readonly due: string | null;
  readonly stability: number | null;
  readonly difficulty: number | null;
  readonly retrievability: number | null;
  readonly reps: number;
  readonly lapses: number;
  readonly tags: readonly string[];
  /** Where an imported card came from (Anki card, note and guid; Obsidian file and line). */
  readonly source?: ImportSource;
}

/** A card and its schedule as one flat row. Pure. */
export function cardRow(
  card: Card,
  record: CardRecord | undefined,
  retrievability: number | null,
  today: string,
): CardRow {
  const memory = record?.memory ?? null;
  const state = record?.suspended
    ? 'suspended'
    : record?.buried === today
      ? 'buried'
      : cardState(record);
  const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
  return {
    id: card.id,
    deck: card.deck,
    file: card.file,
    line: card.line,
    kind: card.kind,
    front: card.front.replace(/\s+/g, ' ').trim(),
    state,
    due: memory?.due ?? null,
    stability: memory ? round(memory.stability, 2) : null,
    difficulty: memory ? round(memory.difficulty, 2) : null,
    retrievability: retrievability === null ? null : round(retrievability, 4),
    reps: memory?.reps ?? 0,
    lapses: memory?.lapses ?? 0,
    tags: card.tags,
    ...(record?.source ? { source: record.source } : {}),
  };
}

const HEAD = ['deck', 'file:line', 'kind', 'state', 'due', 'stab', 'diff', 'R', 'reps', 'lapses'];

/**
 * Aligned columns, the front last: cut to fit `width` (with `…`), or whole
 * when `width` is null. `displayWidth` measures CJK as two columns.
 */
export function formatCards(
  rows: readonly CardRow[],
  width: number | null,
  displayWidth: (s: string) => number,
  dueDay: (iso: string) => string,
): string {
  const cells = rows.map((r) => [
    neutralize(r.deck),
    `${neutralize(r.file)}:${r.line}`,
    r.kind,
    r.state,
    r.due === null ? '-' : dueDay(r.due),
    r.stability === null ? '-' : r.stability.toFixed(1),
    r.difficulty === null ? '-' : r.difficulty.toFixed(1),
    r.retrievability === null ? '-' : `${Math.round(r.retrievability * 100)}%`,
    String(r.reps),
    String(r.lapses),
  ]);
  const numeric = new Set([5, 6, 7, 8, 9]);
  const widths = HEAD.map((h, i) =>
    Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c[i]!))),
  );
  const pad = (text: string, i: number) => {
    const gap = ' '.repeat(Math.max(0, widths[i]! - displayWidth(text)));
    return numeric.has(i) ? gap + text : text + gap;
  };
  const lead = (row: readonly string[]) => row.map(pad).join('  ');
  // Too wide for the terminal: cut at its edge, the front first since it comes last.
  const fitLine = (prefix: string, front: string) => {
    const line = `${prefix}  ${front}`;
    if (width === null || displayWidth(line) <= width) return line;
    let out = '';
    for (const ch of line) {
      if (displayWidth(`${out}${ch}`) > width - 1) break;
      out += ch;
    }
    return `${out}…`;
  };
  return [
    fitLine(lead(HEAD), 'front'),
    ...cells.map((c, i) => fitLine(lead(c), neutralize(rows[i]!.front))),
  ]
    .map((l) => l.trimEnd())
    .join('\n');
}

/** `kioku cards [QUERY…] [--json]`: the cards browse would list for that query. */
export async function cards(ctx: Context): Promise<number> {
  requireFolders(ctx, { decks: true });
  const decks = await loadDecks({ root: ctx.where.decks, display: ctx.display });
  const opened = await openStudy(ctx, decks, { readOnly: true });
  try {
    const study: Study = opened.study;
    const now = ctx.now();
    const query = parseQuery(ctx.args.join(' '), now, study.day);
    if (query.problems.length > 0) {
      throw new CliError(`bad query: ${neutralize(query.problems.join('; '))}.`, 2);
    }
    const today = studyDay(now, study.day);
    const rows = searchCards(decks.cards, study.records, query).map((card) =>
      cardRow(card, study.records[card.id], study.retrievability(card, now), today),
    );
    if (ctx.options.json) {
      for (const row of rows) ctx.out(toJson(row));
      return 0;
    }
    const { default: stringWidth } = await import('string-width');
    ctx.out(
      formatCards(rows, outputWidth(ctx, null), stringWidth, (iso) =>
        studyDay(new Date(iso), study.day),
      ),
    );
    return 0;
  } finally {
    await opened.close();
  }
}
