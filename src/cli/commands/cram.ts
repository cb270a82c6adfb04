import { cramCards } from '../../session/cram.js';
import { neutralize } from '../../text/sanitize.js';
import { seededRandom } from '../../util/random.js';
import type { Context } from '../context.js';
import { runSession } from '../session.js';

/** `kioku cram [DECK] [--tag T]`: any cards, due or not, without changing their schedule. */
export function cram(ctx: Context): Promise<number> {
  const deck = ctx.args[0];
  const { tag } = ctx.options;
  return runSession(ctx, 'cram', (opened, decks) => {
    const cards = cramCards(
      decks.cards,
      opened.store.cards,
      { ...(deck ? { deck } : {}), ...(tag ? { tag } : {}) },
      seededRandom(Date.now()),
    );
    if (cards.length === 0) {
      ctx.err(
        `kioku: no cards to cram${deck ? ` in "${neutralize(deck)}"` : ''}${tag ? ` with tag "${neutralize(tag)}"` : ''}.`,
      );
      return 1;
    }
    return { screen: 'cram', cards };
  });
}
