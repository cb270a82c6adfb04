import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadDecks } from '../../deck/load.js';
import { inDeck } from '../../deck/tree.js';
import { exportAnkiPackage } from '../../interop/anki/export.js';
import { loadSqlJs } from '../../interop/anki/sqlite.js';
import { localTimeZone } from '../../schedule/day.js';
import { dayConfig } from '../../session/study.js';
import { loadSettings, openStore, readLogEvents } from '../../store/store.js';
import { neutralize } from '../../text/sanitize.js';
import { type CommandContext, isInside } from './shared.js';

/** `kioku export anki [DECK…] -o FILE.apkg`: decks, scheduling and history as an Anki package. */
export async function exportAnki(
  ctx: CommandContext,
  selected: readonly string[],
  options: { output: string; history: boolean },
): Promise<number> {
  const { io, display, where } = ctx;
  const decks = await loadDecks({ root: where.decks, display: (p) => p });
  const unknown = selected.filter((s) => !decks.decks.some((d) => inDeck(d.name, s)));
  if (unknown.length > 0) {
    io.err(
      `kioku: no deck "${neutralize(unknown[0]!)}". Decks: ${decks.decks.map((d) => d.name).join(', ')}`,
    );
    return 2;
  }
  const cards = decks.cards.filter(
    (c) => selected.length === 0 || selected.some((s) => inDeck(c.deck, s)),
  );
  if (cards.length === 0) {
    io.err('kioku: no cards to export.');
    return 1;
  }
  const { settings } = await loadSettings(where.data, { readOnly: true });
  const store = await openStore({ dir: where.data, readOnly: true });
  let records: typeof store.cards;
  try {
    records = store.cards;
  } finally {
    await store.close();
  }
  const SQL = await loadSqlJs();
  const { bytes, summary } = exportAnkiPackage(SQL, {
    cards,
    records,
    events: options.history ? readLogEvents(where.data) : [],
    history: options.history,
    now: new Date(),
    day: dayConfig(settings, localTimeZone()),
    media: (card, ref) => {
      const file = path.resolve(path.dirname(card.file), ref);
      if (!isInside(file, where.decks) || !existsSync(file) || !statSync(file).isFile())
        return null;
      return readFileSync(file);
    },
  });
  const output = path.resolve(options.output);
  // Written beside and renamed: an interrupted export never leaves half a package.
  const tmp = `${output}.kioku-tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, output);
  io.out(
    `wrote ${neutralize(display(output))}: ${summary.notes} notes, ${summary.cards} cards in ${summary.decks} decks, ${summary.reviews} reviews${options.history ? '' : ' (--no-history)'}, ${summary.media} media files`,
  );
  io.out(
    'In Anki: File › Import. Anki takes the scheduling and the reviews only for cards it does not have yet; for cards it has, it updates the note text.',
  );
  return 0;
}
