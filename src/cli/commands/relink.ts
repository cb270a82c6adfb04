import { loadDecks } from '../../deck/load.js';
import { neutralize } from '../../text/sanitize.js';
import { type Context, requireFolders } from '../context.js';
import { openData } from '../open.js';

/** `kioku relink OLD NEW`: moves an orphaned history to a card. */
export async function relink(ctx: Context): Promise<number> {
  const [from, to] = ctx.args as [string, string];
  requireFolders(ctx, { decks: true });
  const { store } = await openData(ctx, { readOnly: false });
  try {
    if (!store.cards[from]) {
      ctx.err(
        `kioku: no history for card "${neutralize(from)}". "kioku check" lists orphaned histories.`,
      );
      return 1;
    }
    const decks = await loadDecks({ root: ctx.where.decks, display: ctx.display });
    const target = decks.cards.find((c) => c.id === to);
    if (!target) {
      ctx.err(`kioku: no card with id "${neutralize(to)}" in ${ctx.display(ctx.where.decks)}.`);
      return 1;
    }
    if (store.cards[target.id]) {
      ctx.err(`kioku: card ${target.id} already has a history; drop one of them first.`);
      return 1;
    }
    const now = ctx.now();
    store.append('relink', { from, to: target.id }, now);
    ctx.out(`moved the history of ${from} to ${target.file}:${target.line}`);
    return 0;
  } finally {
    await store.close();
  }
}
